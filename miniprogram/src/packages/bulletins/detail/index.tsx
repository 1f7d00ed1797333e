import { hasAnyRole } from '@linli/shared/rules';
import { Button } from '@nutui/nutui-react-taro';
import { Image, Button as NativeButton, Text, View } from '@tarojs/components';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { useEffect, useRef } from 'react';
import { BulletinBlocks } from '@/components/bulletin-blocks';
import { FieldError } from '@/components/field-error';
import { LoadState } from '@/components/load-state';
import { Screen } from '@/components/screen';
import { SignInPrompt } from '@/components/sign-in-prompt';
import { useAsync } from '@/hooks/use-async';
import { rolesIn, useMe } from '@/hooks/use-me';
import { useSession } from '@/hooks/use-session';
import { useWrite } from '@/hooks/use-write';
import { formatDateTime } from '@/lib/format';
import { go, withQuery } from '@/navigation';
import { BULLETIN_PAGES, bulletinsApi } from '@/services/bulletins';
import './index.scss';

const TITLE = '社区公告';

/** One bulletin: its blocks, a read receipt (a button for important notices), sharing. */
export default function BulletinPage() {
  const { params } = useRouter();
  const communityId = params.communityId ?? '';
  const bulletinId = params.bulletinId ?? '';
  const session = useSession();
  const { me } = useMe();
  const bulletin = useAsync(session && communityId && bulletinId ? `${communityId}:${bulletinId}` : null, () =>
    bulletinsApi.get(communityId, bulletinId),
  );
  const confirmation = useWrite(() => bulletinsApi.markRead(communityId, bulletinId).then(() => true));
  const confirmed = confirmation.result === true;
  const receiptSent = useRef(false);

  const data = bulletin.data;
  const sharePath = withQuery(BULLETIN_PAGES.detail, { communityId, bulletinId });

  // An ordinary bulletin is read by opening it; an important one needs the reader's own "我已阅读".
  useEffect(() => {
    if (!data || data.important || data.readByMe || data.status !== 'published' || receiptSent.current) return;
    receiptSent.current = true;
    void bulletinsApi.markRead(communityId, bulletinId).catch(() => {
      receiptSent.current = false;
    });
  }, [data, communityId, bulletinId]);

  useShareAppMessage(() => ({ title: data?.title ?? TITLE, path: sharePath }));

  if (!session)
    return (
      <Screen title={TITLE}>
        <SignInPrompt reason="登录后就能阅读社区公告。" />
      </Screen>
    );
  if (!data)
    return (
      <Screen title={TITLE}>
        <LoadState loading={bulletin.loading} error={bulletin.error} onRetry={() => void bulletin.reload()} />
      </Screen>
    );

  async function copyLink() {
    const url = process.env.TARO_ENV === 'h5' ? window.location.href : sharePath;
    await Taro.setClipboardData({ data: url });
    void Taro.showToast({ title: '链接已复制', icon: 'none' });
  }

  const isEditor = hasAnyRole(rolesIn(me, communityId), ['admin', 'grid_worker']);
  const read = data.readByMe || confirmed;

  return (
    <Screen title={data.kindLabel}>
      <View className="bulletin">
        <View className="bulletin__marks">
          {data.important && <Text className="bulletin__mark bulletin__mark--important">重要通知</Text>}
          <Text className="bulletin__mark">{data.kindLabel}</Text>
          {data.fromStreet && <Text className="bulletin__mark">{`来自 ${data.fromStreet}`}</Text>}
          {data.status !== 'published' && <Text className="bulletin__mark">{data.statusLabel}</Text>}
        </View>
        <Text className="bulletin__title">{data.title}</Text>
        <Text className="bulletin__meta">
          {`${data.publishedAt ? formatDateTime(data.publishedAt) : '尚未发布'} · ${data.authorName}`}
        </Text>
        {data.coverUrl && (
          <Image
            className="bulletin__cover"
            src={data.coverUrl}
            mode="widthFix"
            onClick={() => void Taro.previewImage({ urls: [data.coverUrl ?? ''] })}
          />
        )}

        <BulletinBlocks blocks={data.blocks} communityId={communityId} />

        {data.important && data.status === 'published' && (
          <View className={`bulletin__receipt${read ? ' bulletin__receipt--done' : ''}`}>
            {read ? (
              <Text className="bulletin__read">✓ 您已确认阅读本通知</Text>
            ) : (
              <>
                <Text className="bulletin__ask">这是一条重要通知，请读完后点下面的按钮告诉社区。</Text>
                <Button
                  block
                  size="large"
                  type="primary"
                  className="bulletin__confirm"
                  loading={confirmation.busy}
                  onClick={() => void confirmation.run(undefined)}
                >
                  我已阅读
                </Button>
                <FieldError message={confirmation.error?.message} />
              </>
            )}
          </View>
        )}

        <View className="bulletin__actions">
          {process.env.TARO_ENV === 'weapp' ? (
            <NativeButton className="bulletin__share" openType="share">
              转发给微信好友
            </NativeButton>
          ) : (
            <Button block fill="outline" onClick={() => void copyLink()}>
              复制链接
            </Button>
          )}
          {isEditor && data.status === 'published' && (
            <Button
              block
              fill="outline"
              onClick={() => go(withQuery(BULLETIN_PAGES.reads, { communityId, bulletinId }))}
            >
              阅读情况
            </Button>
          )}
        </View>
      </View>
    </Screen>
  );
}
