import { Button, Input } from '@nutui/nutui-react-taro';
import { Image, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { FieldError } from '@/components/field-error';
import { Section } from '@/components/section';
import { useWrite } from '@/hooks/use-write';
import { fieldErrors } from '@/lib/field-errors';
import { type PickedImage, pickAndUploadImage } from '@/lib/pick-image';
import { go, withQuery } from '@/navigation';
import { toApiError } from '@/services/api';
import { BULLETIN_PAGES, bulletinsApi } from '@/services/bulletins';

type NewsletterBody = Parameters<typeof bulletinsApi.createNewsletter>[1];

interface NewsletterComposerProps {
  communityId: string;
  /** Chosen published bulletins, in the order they were chosen (the table of contents). */
  chosen: { bulletinId: string; title: string }[];
  onDone: () => void;
}

/** 睦邻服务报: gathers chosen published bulletins into an issue with a title and an optional cover. */
export function NewsletterComposer({ communityId, chosen, onDone }: NewsletterComposerProps) {
  const [title, setTitle] = useState('');
  const [cover, setCover] = useState<PickedImage>();
  const coverPicker = useWrite(async () => {
    try {
      const picked = await pickAndUploadImage(communityId, 'bulletin');
      if (picked) setCover(picked);
    } catch (e) {
      // A failed upload is about the cover, whatever the server named.
      const failure = toApiError(e);
      throw failure.fields.length > 0
        ? failure
        : Object.assign(failure, { fields: [{ field: 'coverKey', message: failure.message }] });
    }
  });
  const publishing = useWrite(async (body: NewsletterBody) => {
    const issue = await bulletinsApi.createNewsletter(communityId, body);
    setTitle('');
    setCover(undefined);
    onDone();
    go(withQuery(BULLETIN_PAGES.issue, { communityId, issueId: issue.issueId }));
  });
  const busy = coverPicker.busy || publishing.busy;
  const chooseCover = () => {
    if (busy) return;
    publishing.reset();
    void coverPicker.run(undefined);
  };
  const publish = () => {
    if (busy) return;
    coverPicker.reset();
    void publishing.run({
      title: title.trim(),
      bulletinIds: chosen.map((c) => c.bulletinId),
      ...(cover ? { coverKey: cover.key } : {}),
    });
  };

  const errors = fieldErrors(coverPicker.error ?? publishing.error, ['title', 'bulletinIds', 'coverKey']);
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
      {cover && <Image className="composer__cover" src={cover.previewPath} mode="aspectFill" />}
      <Button block fill="outline" loading={coverPicker.busy} onClick={chooseCover}>
        {cover ? '换一张封面' : '选择封面图（可不选）'}
      </Button>
      <FieldError message={errors.coverKey} />
      <View className="composer__chosen">
        {chosen.length === 0 ? (
          <Text className="composer__none">还没有选文章</Text>
        ) : (
          chosen.map((c, i) => <Text key={c.bulletinId} className="composer__item">{`${i + 1}. ${c.title}`}</Text>)
        )}
      </View>
      <FieldError message={errors.bulletinIds ?? errors.general} />
      <Button block type="primary" loading={publishing.busy} disabled={chosen.length === 0} onClick={publish}>
        {`编成一期（${chosen.length} 篇）`}
      </Button>
    </Section>
  );
}
