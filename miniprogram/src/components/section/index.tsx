import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './index.scss';

interface SectionProps {
  title: string;
  /** One short line under the title. */
  note?: string;
  children: ReactNode;
}

/** A titled white card: the one block every page is built from. */
export function Section({ title, note, children }: SectionProps) {
  return (
    <View className="section">
      <Text className="section__title">{title}</Text>
      {note && <Text className="section__note">{note}</Text>}
      <View className="section__body">{children}</View>
    </View>
  );
}
