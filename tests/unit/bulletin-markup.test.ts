/**
 * Bulletin markup written back from blocks (what the toolbar editor sends):
 * whatever the text says, it reads back as the same blocks, and what markup
 * cannot carry safely (outside links, foreign images) is dropped on the way.
 */
import { type Block, blocksToMarkup, parseMarkup } from '@linli/shared';
import { describe, expect, it } from 'vitest';

const KEY = 'photos/chunhui/bulletin/2026-11/abc123.jpg';

describe('blocks to markup and back', () => {
  it('keeps headings, bold, lists, links and captioned images', () => {
    // Prepare
    const blocks: Block[] = [
      { type: 'heading', level: 2, text: '停水时间' },
      {
        type: 'paragraph',
        inlines: [{ text: '因管道检修，' }, { text: '周六 9:00–15:00', bold: true }, { text: ' 停水。' }],
      },
      {
        type: 'list',
        ordered: false,
        items: [[{ text: '请提前储水' }], [{ text: '意见箱', link: '/pages/feedback/index' }]],
      },
      { type: 'list', ordered: true, items: [[{ text: '关好水阀' }], [{ text: '看', bold: true }, { text: '公告' }]] },
      { type: 'heading', level: 3, text: '小标题' },
      { type: 'image', key: KEY, caption: '检修现场' },
      { type: 'paragraph', inlines: [{ text: '详见', link: 'bulletin:b-123' }] },
    ];

    // Act
    const markup = blocksToMarkup(blocks);

    // Assess
    expect(parseMarkup(markup)).toEqual(blocks);
  });

  it.each([
    '# 不是标题',
    '- 不是列表',
    '1. 不是编号',
    '2、也不是编号',
    '**不是加粗**',
    '[不是链接](bulletin:b-1)',
    '![不是图片](photos/x/bulletin/2026-11/a.jpg)',
    'a\\*b \\ c \\\\ d',
    '星号*一个',
    '温度<5度，>3度时 <b>不是标签</b>',
  ])('reads the text %j back as that text', (text) => {
    const markup = blocksToMarkup([{ type: 'paragraph', inlines: [{ text }] }]);
    expect(parseMarkup(markup)).toEqual([{ type: 'paragraph', inlines: [{ text }] }]);
  });

  it('keeps markup characters in headings, bold text, links and captions as text', () => {
    const blocks: Block[] = [
      { type: 'heading', level: 2, text: '**注意** [通知]' },
      {
        type: 'paragraph',
        inlines: [
          { text: '[重要]*', bold: true },
          { text: '见', link: 'bulletin:b-9' },
        ],
      },
      { type: 'image', key: KEY, caption: '图] (1)' },
    ];
    expect(parseMarkup(blocksToMarkup(blocks))).toEqual(blocks);
  });

  it('drops links that leave the app and images that are not our uploads, keeping the text', () => {
    const markup = blocksToMarkup([
      { type: 'paragraph', inlines: [{ text: '外部网站', link: 'https://example.com' }] },
      { type: 'image', key: 'https://example.com/a.jpg', caption: '外部图片' },
    ]);
    expect(parseMarkup(markup)).toEqual([{ type: 'paragraph', inlines: [{ text: '外部网站' }] }]);
  });

  it('writes nothing for empty blocks, which the server refuses as 正文不能为空', () => {
    const markup = blocksToMarkup([
      { type: 'paragraph', inlines: [{ text: '  ' }] },
      { type: 'list', ordered: false, items: [] },
    ]);
    expect(markup).toBe('');
    expect(() => parseMarkup(markup)).toThrow('正文不能为空');
  });

  it('still drops raw tags from markup written by hand', () => {
    expect(parseMarkup('你好<script>alert(1)</script><b>世界</b>')).toEqual([
      { type: 'paragraph', inlines: [{ text: '你好世界' }] },
    ]);
  });

  it('still reads markup written by hand, with a backslash for a literal markup character', () => {
    expect(parseMarkup('# 标题\n\n\\# 井号开头的一段 **粗体**')).toEqual([
      { type: 'heading', level: 2, text: '标题' },
      { type: 'paragraph', inlines: [{ text: '# 井号开头的一段 ' }, { text: '粗体', bold: true }] },
    ]);
  });
});
