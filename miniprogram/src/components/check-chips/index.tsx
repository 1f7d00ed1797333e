import { Checkbox } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import type { Choice } from '@/components/choice-chips';

interface CheckChipsProps<V extends string> {
  choices: readonly Choice<V>[];
  chosen: readonly V[];
  /** One chip ticked or unticked; the caller keeps the list in the order it wants. */
  onToggle: (value: V, on: boolean) => void;
  /** Extra classes of the group and of each chip. */
  className?: string;
  chipClassName?: string;
  label?: string;
}

/** Any number ticked among a few: NutUI's checkbox (role and checked state included), drawn as our big chip, marked ✓. */
export function CheckChips<V extends string>({
  choices,
  chosen,
  onToggle,
  className = '',
  chipClassName = '',
  label,
}: CheckChipsProps<V>) {
  return (
    <View className={`chips ${className}`} aria-role="group" aria-label={label}>
      {choices.map((choice) => {
        const on = chosen.includes(choice.value);
        return (
          <Checkbox
            key={choice.value}
            shape="button"
            className={`chip ${chipClassName}${on ? ' chip--chosen' : ''}`}
            checked={on}
            onChange={(checked) => onToggle(choice.value, checked)}
          >
            <Text className="chip__label">{`${on ? '✓ ' : ''}${choice.label}`}</Text>
          </Checkbox>
        );
      })}
    </View>
  );
}

/** A ticked id joins the end of the list; an unticked one leaves it. */
export const toggled = (list: readonly string[], id: string, on: boolean) =>
  on ? [...list, id] : list.filter((x) => x !== id);
