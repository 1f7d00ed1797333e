import { Button, Input, Popup } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { FieldError } from '@/components/field-error';
import { useAsync } from '@/hooks/use-async';
import { useWrite } from '@/hooks/use-write';
import { type PickedImage, pickAndUploadImage, pickAndUploadStreetImage } from '@/lib/pick-image';
import { PAGES } from '@/navigation';
import { bulletinsApi } from '@/services/bulletins';
import type { EditorBlock } from '../lib/editor-html';
import { RichEditor } from './rich-editor';
import type { EditorFormats, RichEditorCommands } from './rich-editor-types';
import './body-editor.scss';

interface BodyEditorProps {
  /** The community whose bulletins it may link to and whose photos it may show. */
  communityId?: string;
  /** A street's bulletin (no community): links to pages only, pictures uploaded under the street. */
  streetId?: string;
  /** The bulletin's body when the page opened (empty for a new one). */
  initial: readonly EditorBlock[];
  onChange: (blocks: EditorBlock[]) => void;
  /** What is wrong with the body (said under it, the box marked red). */
  error: string | undefined;
}

type Sheet = 'link' | 'image';

/** Pages of the app a bulletin may link to (the main package's, which every resident has). */
const PAGE_LINKS = [
  { target: PAGES.feedback, title: '意见箱（反映问题）' },
  { target: PAGES.points, title: '积分' },
  { target: PAGES.home, title: '首页的社区公告' },
] as const;

/**
 * The body of a bulletin, written with buttons instead of markup: 标题, 加粗,
 * 列表, 链接 (another bulletin or a page) and 图片 (with an optional caption).
 * It writes the same safe blocks the markup did; the page sends them as markup.
 */
export function BodyEditor({ communityId, streetId, initial, onChange, error }: BodyEditorProps) {
  const commands = useRef<RichEditorCommands>();
  const [formats, setFormats] = useState<EditorFormats>({ heading: false, bold: false, list: false });
  const [sheet, setSheet] = useState<Sheet>();
  const run = (command: (c: RichEditorCommands) => void) => {
    if (commands.current) command(commands.current);
  };

  const tools: { label: string; on: boolean; name: string; act: () => void }[] = [
    { name: 'heading', label: '标题', on: formats.heading, act: () => run((c) => c.heading()) },
    { name: 'bold', label: '加粗', on: formats.bold, act: () => run((c) => c.bold()) },
    { name: 'list', label: '列表', on: formats.list, act: () => run((c) => c.list()) },
    { name: 'link', label: '链接', on: false, act: () => setSheet('link') },
    ...(communityId || streetId ? [{ name: 'image', label: '图片', on: false, act: () => setSheet('image') }] : []),
  ];
  // Where a picture goes: the community's photos, or the street's (its copies in the communities show that one).
  const upload = communityId
    ? () => pickAndUploadImage(communityId, 'bulletin')
    : streetId
      ? () => pickAndUploadStreetImage(streetId)
      : undefined;

  return (
    <View className="body-editor">
      <View className="body-editor__tools" aria-role="toolbar" aria-label="正文格式">
        {tools.map((tool) => (
          <View
            key={tool.name}
            className={`body-editor__tool body-editor__tool--${tool.name}${tool.on ? ' body-editor__tool--on' : ''}`}
            hoverClass="body-editor__tool--pressed"
            aria-role="button"
            aria-pressed={tool.on}
            onClick={tool.act}
          >
            <Text className="body-editor__tool-label">{`${tool.on ? '✓ ' : ''}${tool.label}`}</Text>
          </View>
        ))}
      </View>
      <Text className="body-editor__hint">先选中文字再点“加粗”；“标题”“列表”作用于光标所在的一行。</Text>
      <RichEditor
        initial={initial}
        onChange={onChange}
        onFormats={setFormats}
        onReady={(c) => {
          commands.current = c;
        }}
        placeholder="在这里写正文，用上面的按钮加标题、加粗、列表、链接和图片"
        invalid={!!error}
      />
      <FieldError message={error} />

      <LinkSheet
        communityId={communityId}
        open={sheet === 'link'}
        onClose={() => setSheet(undefined)}
        onInsert={(text, target) => {
          setSheet(undefined);
          run((c) => c.insertLink(text, target));
        }}
      />
      {upload && (
        <ImageSheet
          upload={upload}
          open={sheet === 'image'}
          onClose={() => setSheet(undefined)}
          onInsert={(image) => {
            setSheet(undefined);
            run((c) => c.insertImage(image));
          }}
        />
      )}
    </View>
  );
}

function LinkSheet({
  communityId,
  open,
  onClose,
  onInsert,
}: {
  communityId: string | undefined;
  open: boolean;
  onClose: () => void;
  onInsert: (text: string, target: string) => void;
}) {
  const published = useAsync(open && communityId ? `${communityId}:published` : null, () =>
    bulletinsApi.manage(communityId ?? '', 'published'),
  );
  const [chosen, setChosen] = useState<{ target: string; title: string }>();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string>();
  const choices = [
    ...PAGE_LINKS.map((p) => ({ target: p.target as string, title: p.title })),
    ...(published.data?.items ?? []).map((b) => ({ target: `bulletin:${b.bulletinId}`, title: `公告：${b.title}` })),
  ];
  const insert = () => {
    if (!chosen) return setProblem('请选择链接到哪里');
    const words = text.trim() || chosen.title.replace(/^公告：/, '');
    onInsert(words, chosen.target);
    setChosen(undefined);
    setText('');
    setProblem(undefined);
  };
  return (
    <Popup visible={open} position="bottom" round title="插入链接" onClose={onClose}>
      <View className="body-editor__sheet">
        <Text className="body-editor__sheet-label">链接到</Text>
        <View className="body-editor__targets">
          {choices.map((c) => (
            <View
              key={c.target}
              className={`body-editor__target${chosen?.target === c.target ? ' body-editor__target--chosen' : ''}`}
              aria-role="radio"
              aria-checked={chosen?.target === c.target}
              onClick={() => {
                setChosen(c);
                setProblem(undefined);
              }}
            >
              <Text>{`${chosen?.target === c.target ? '✓ ' : ''}${c.title}`}</Text>
            </View>
          ))}
          {published.loading && <Text className="body-editor__sheet-note">正在加载已发布的公告…</Text>}
        </View>
        <Text className="body-editor__sheet-label">链接上显示的文字（选填）</Text>
        <Input
          className="body-editor__input"
          value={text}
          onChange={setText}
          placeholder={chosen ? chosen.title.replace(/^公告：/, '') : '例如：点这里反映问题'}
          maxLength={40}
        />
        <FieldError message={problem} />
        <Button block type="primary" onClick={insert}>
          插入链接
        </Button>
      </View>
    </Popup>
  );
}

function ImageSheet({
  upload,
  open,
  onClose,
  onInsert,
}: {
  upload: () => Promise<PickedImage | null>;
  open: boolean;
  onClose: () => void;
  onInsert: (image: { key: string; url: string; caption: string }) => void;
}) {
  const [caption, setCaption] = useState('');
  const picker = useWrite(async () => {
    const picked = await upload();
    if (!picked) return;
    onInsert({ key: picked.key, url: picked.previewPath, caption: caption.trim() });
    setCaption('');
  });
  return (
    <Popup visible={open} position="bottom" round title="插入图片" onClose={onClose}>
      <View className="body-editor__sheet">
        <Text className="body-editor__sheet-label">图片说明（选填，显示在图片下面）</Text>
        <Input
          className="body-editor__input"
          value={caption}
          onChange={setCaption}
          placeholder="例如：检修后的水泵房"
          maxLength={40}
        />
        <FieldError message={picker.error?.message} />
        <Button block type="primary" loading={picker.busy} onClick={() => void picker.run(undefined)}>
          选择图片并插入
        </Button>
      </View>
    </Popup>
  );
}
