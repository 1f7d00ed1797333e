import { Input, Text, View } from '@tarojs/components';
import './index.scss';

/** Every word of `query` appears in one of `fields` (case and width of letters aside). */
export function matchesSearch(query: string, fields: readonly (string | null | undefined)[]): boolean {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  const text = fields.filter(Boolean).join(' ').toLowerCase();
  return words.every((word) => text.includes(word));
}

interface ListSearchProps {
  /** How many rows are loaded: the search looks at those only, and says so. */
  loaded: number;
  /** How many of them match. */
  shown: number;
  value: string;
  onChange: (value: string) => void;
  /** What can be searched for ("类别、描述、地点、反映人"). */
  fields: string;
  /** More pages exist on the server. */
  more: boolean;
}

/** A search over the rows already loaded (not the server), with how many there are and how many match. */
export function ListSearch({ loaded, shown, value, onChange, fields, more }: ListSearchProps) {
  return (
    <View className="list-search">
      <Text className="list-search__label">{`在已加载的 ${loaded} 条中搜索`}</Text>
      <Input
        className="list-search__input"
        type="text"
        value={value}
        placeholder={`输入${fields}`}
        onInput={(e) => onChange(e.detail.value)}
      />
      <Text className="list-search__note">
        {`${value.trim() ? `找到 ${shown} 条` : `共 ${loaded} 条`}${more ? '；还有更多未加载，点下方“加载更多”后再搜' : ''}`}
      </Text>
    </View>
  );
}
