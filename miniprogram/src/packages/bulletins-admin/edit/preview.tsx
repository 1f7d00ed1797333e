import { BULLETIN_KIND_LABELS } from '@linli/shared/rules';
import { Image, Text, View } from '@tarojs/components';
import { BulletinBlocks } from '@/components/bulletin-blocks';
import { Section } from '@/components/section';
import type { Draft } from './use-bulletin-draft';

/** The bulletin as residents will see it, as it is typed. */
export function BulletinPreview({ draft }: { draft: Draft }) {
  return (
    <Section title="预览" note="居民看到的样子">
      <View className="editor__preview-card">
        <Text className="editor__preview-kind">
          {`${draft.important ? '重要通知 · ' : ''}${BULLETIN_KIND_LABELS[draft.kind]}`}
        </Text>
        <Text className="editor__preview-title">{draft.title || '（标题）'}</Text>
        {draft.coverPreview && <Image className="editor__cover" src={draft.coverPreview} mode="widthFix" />}
        {draft.blocks.length > 0 ? (
          <BulletinBlocks blocks={draft.blocks} />
        ) : (
          <Text className="editor__preview-empty">（正文写在左边/上面，这里即时显示）</Text>
        )}
      </View>
    </Section>
  );
}
