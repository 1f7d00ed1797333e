import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { addMonths, formatMonth } from '@/lib/format';
import './month-range.scss';

interface MonthRangeProps {
  from: string;
  to: string;
  thisMonth: string;
  onChange: (from: string, to: string) => void;
}

/** 开始 and 结束 months, stepped one at a time; the end never before the start nor after this month. */
export function MonthRange({ from, to, thisMonth, onChange }: MonthRangeProps) {
  const range = (nextFrom: string, nextTo: string) => {
    const end = nextTo > thisMonth ? thisMonth : nextTo;
    onChange(nextFrom > end ? end : nextFrom, end);
  };
  return (
    <>
      <Stepper label="开始" month={from} max={to} onChange={(m) => range(m, to)} />
      <Stepper label="结束" month={to} max={thisMonth} onChange={(m) => range(from, m)} />
      <View className="month-range__presets">
        <Button className="month-range__preset" onClick={() => range(thisMonth, thisMonth)}>
          本月
        </Button>
        <Button className="month-range__preset" onClick={() => range(addMonths(thisMonth, -5), thisMonth)}>
          近六个月
        </Button>
        <Button className="month-range__preset" onClick={() => range(addMonths(thisMonth, -11), thisMonth)}>
          近一年
        </Button>
      </View>
    </>
  );
}

function Stepper(props: { label: string; month: string; max: string; onChange: (month: string) => void }) {
  const { label, month, max, onChange } = props;
  return (
    <View className="month-range__row">
      <Text className="month-range__label">{label}</Text>
      <Button
        className="month-range__step"
        aria-label={`${label}月份往前一个月`}
        onClick={() => onChange(addMonths(month, -1))}
      >
        ‹
      </Button>
      <Text className="month-range__month">{formatMonth(month)}</Text>
      <Button
        className="month-range__step"
        aria-label={`${label}月份往后一个月`}
        disabled={month >= max}
        onClick={() => onChange(addMonths(month, 1))}
      >
        ›
      </Button>
    </View>
  );
}
