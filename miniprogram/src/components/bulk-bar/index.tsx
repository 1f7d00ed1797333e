import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import type { BulkFailure } from '@/hooks/use-write';
import './index.scss';

interface BulkBarProps<T> {
  /** How many rows are chosen. */
  count: number;
  /** The action's verb on the button: 受理, 通过. */
  verb: string;
  progress: { done: number; total: number } | undefined;
  onRun: () => void;
  onClear: () => void;
  failures: BulkFailure<T>[];
  /** How a failed row is named in the list ("道路积水 · 春晖苑 3幢"). */
  describe: (item: T) => string;
}

/** What to do with the chosen rows, how far it got, and which of them did not go through and why. */
export function BulkBar<T>({ count, verb, progress, onRun, onClear, failures, describe }: BulkBarProps<T>) {
  return (
    <View className="bulk-bar">
      {(count > 0 || progress) && (
        <View className="bulk-bar__actions">
          <Text className="bulk-bar__count">
            {progress ? `正在${verb} ${progress.done}/${progress.total}…` : `已选 ${count} 条`}
          </Text>
          <Button type="primary" className="bulk-bar__run" loading={!!progress} disabled={!!progress} onClick={onRun}>
            {`${verb}所选（${count}）`}
          </Button>
          <Button fill="outline" className="bulk-bar__clear" disabled={!!progress} onClick={onClear}>
            取消选择
          </Button>
        </View>
      )}
      {failures.length > 0 && (
        <View className="bulk-bar__failures" aria-role="alert">
          <Text className="bulk-bar__failures-title">{`${failures.length} 条没有${verb}成功（仍选中，可再试）：`}</Text>
          {failures.map((f) => (
            <Text
              key={describe(f.item)}
              className="bulk-bar__failure"
            >{`${describe(f.item)}：${f.error.message}`}</Text>
          ))}
        </View>
      )}
    </View>
  );
}
