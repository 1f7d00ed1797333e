import { Radio } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { SideScroll } from '@/components/side-scroll';
import './index.scss';

export interface Choice<V> {
  value: V;
  label: string;
  /** A second, smaller line. */
  note?: string;
}

interface ChoiceChipsProps<V> {
  choices: readonly Choice<V>[];
  value: V | undefined;
  onChange: (value: V) => void;
  /** One scrolling line instead of wrapped rows (filters on staff pages). */
  scroll?: boolean;
  /** Chips per row when wrapping; 0 lets them size to their text. */
  columns?: 0 | 2 | 3;
  className?: string;
}

/** Big tap targets for one choice among a few; the chosen one is marked in words (✓) as well as colour. */
export function ChoiceChips<V extends string | number | null>({
  choices,
  value,
  onChange,
  scroll = false,
  columns = 0,
  className = '',
}: ChoiceChipsProps<V>) {
  const chips = choices.map((choice) => {
    const chosen = choice.value === value;
    // NutUI's radio (role and checked state included), drawn as our big chip; it answers only a new choice.
    return (
      <Radio
        key={String(choice.value)}
        shape="button"
        className={`chip chip--cols-${columns}${chosen ? ' chip--chosen' : ''}`}
        checked={chosen}
        onChange={() => onChange(choice.value)}
      >
        {/* One string: Taro's H5 text element reorders separate text nodes when one changes. */}
        <Text className="chip__label">{`${chosen ? '✓ ' : ''}${choice.label}`}</Text>
        {choice.note && <Text className="chip__note">{choice.note}</Text>}
      </Radio>
    );
  });
  if (scroll)
    return (
      // A shaded edge and an arrow show there are more chips to the side; a desktop window wraps them all.
      <SideScroll frameClassName={`chips chips--scroll ${className}`}>
        <View className="chips__line">{chips}</View>
      </SideScroll>
    );
  return <View className={`chips ${className}`}>{chips}</View>;
}
