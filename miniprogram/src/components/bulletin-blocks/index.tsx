import type { Block, Inline } from '@linli/shared/rules';
import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { go, withQuery } from '@/navigation';
import { BULLETIN_PAGES } from '@/services/bulletins';
import './index.scss';

/** A block as the server renders it (images carry a URL) or as the editor's preview parses it (no URL yet). */
export type ShownBlock =
  | Exclude<Block, { type: 'image' }>
  | { type: 'image'; key: string; caption: string; url?: string };

interface BulletinBlocksProps {
  blocks: readonly ShownBlock[];
  /** Where `bulletin:ID` links lead; without it (the editor's preview) links do not navigate. */
  communityId?: string;
}

/** Where an internal link goes inside the app; anything else goes nowhere. */
export function linkTarget(link: string, communityId: string): string | undefined {
  if (link.startsWith('bulletin:'))
    return withQuery(BULLETIN_PAGES.detail, { communityId, bulletinId: link.slice('bulletin:'.length) });
  if (link.startsWith('activity:'))
    return withQuery(BULLETIN_PAGES.activity, { communityId, activityId: link.slice('activity:'.length) });
  if (link.startsWith('/pages/')) return link;
  return undefined;
}

/** A bulletin's body drawn with native components: never HTML, so nothing in it can run. */
export function BulletinBlocks({ blocks, communityId }: BulletinBlocksProps) {
  const imageUrls = blocks.flatMap((b) => (b.type === 'image' && b.url ? [b.url] : []));
  return (
    <View className="bulletin-blocks">
      {blocks.map((block, index) => {
        const key = `${block.type}-${index}`;
        switch (block.type) {
          case 'heading':
            return (
              <Text key={key} className={`bulletin-blocks__h${block.level}`}>
                {block.text}
              </Text>
            );
          case 'paragraph':
            return (
              <View key={key} className="bulletin-blocks__p">
                <Inlines inlines={block.inlines} communityId={communityId} />
              </View>
            );
          case 'list':
            return (
              <View key={key} className="bulletin-blocks__list">
                {block.items.map((item, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: list items have no identity beyond their place
                  <View key={`${key}-${i}`} className="bulletin-blocks__item">
                    <Text className="bulletin-blocks__marker">{block.ordered ? `${i + 1}.` : '•'}</Text>
                    <View className="bulletin-blocks__item-text">
                      <Inlines inlines={item} communityId={communityId} />
                    </View>
                  </View>
                ))}
              </View>
            );
          case 'image': {
            const url = block.url;
            return (
              <View key={key} className="bulletin-blocks__figure">
                {url ? (
                  <Image
                    className="bulletin-blocks__image"
                    src={url}
                    mode="widthFix"
                    lazyLoad
                    onClick={() => void Taro.previewImage({ urls: imageUrls, current: url })}
                  />
                ) : (
                  <View className="bulletin-blocks__placeholder">
                    <Text>图片（发布后显示）</Text>
                  </View>
                )}
                {block.caption && <Text className="bulletin-blocks__caption">{block.caption}</Text>}
              </View>
            );
          }
          default:
            return null;
        }
      })}
    </View>
  );
}

function Inlines({ inlines, communityId }: { inlines: readonly Inline[]; communityId: string | undefined }) {
  return (
    <Text className="bulletin-blocks__text">
      {inlines.map((inline, i) => {
        const target = inline.link && communityId ? linkTarget(inline.link, communityId) : undefined;
        const className = [inline.bold ? 'bulletin-blocks__bold' : '', inline.link ? 'bulletin-blocks__link' : '']
          .filter(Boolean)
          .join(' ');
        return (
          <Text
            // biome-ignore lint/suspicious/noArrayIndexKey: inlines have no identity of their own
            key={i}
            className={className || undefined}
            onClick={target ? () => go(target) : undefined}
          >
            {inline.text}
          </Text>
        );
      })}
    </Text>
  );
}
