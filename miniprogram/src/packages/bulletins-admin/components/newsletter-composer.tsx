import { Button, Input } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { FieldError } from '@/components/field-error';
import { Section } from '@/components/section';
import { fieldErrors } from '@/lib/field-errors';
import { go, withQuery } from '@/navigation';
import { type ApiError, toApiError } from '@/services/api';
import { BULLETIN_PAGES, bulletinsApi } from '@/services/bulletins';

interface NewsletterComposerProps {
  communityId: string;
  /** Chosen published bulletins, in the order they were chosen (the table of contents). */
  chosen: { bulletinId: string; title: string }[];
  onDone: () => void;
}

/** 睦邻服务报: gathers chosen published bulletins into an issue with a title. */
export function NewsletterComposer({ communityId, chosen, onDone }: NewsletterComposerProps) {
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();

  async function publish() {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const issue = await bulletinsApi.createNewsletter(communityId, {
        title: title.trim(),
        bulletinIds: chosen.map((c) => c.bulletinId),
      });
      setTitle('');
      onDone();
      go(withQuery(BULLETIN_PAGES.issue, { communityId, issueId: issue.issueId }));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  }

  const errors = fieldErrors(error, ['title', 'bulletinIds', 'coverKey']);
  return (
    <Section title="编一期睦邻服务报" note="在下面“睦邻服务报”类的文章上点“选入本期”，按选的先后排目录">
      <Input
        className="composer__title"
        value={title}
        onChange={setTitle}
        placeholder="例如：2026年第四季度"
        maxLength={40}
      />
      <FieldError message={errors.title} />
      <View className="composer__chosen">
        {chosen.length === 0 ? (
          <Text className="composer__none">还没有选文章</Text>
        ) : (
          chosen.map((c, i) => <Text key={c.bulletinId} className="composer__item">{`${i + 1}. ${c.title}`}</Text>)
        )}
      </View>
      <FieldError message={errors.bulletinIds ?? errors.general} />
      <Button block type="primary" loading={busy} disabled={chosen.length === 0} onClick={() => void publish()}>
        {`编成一期（${chosen.length} 篇）`}
      </Button>
    </Section>
  );
}
