/**
 * The bulletin editor's content read as blocks (`miniprogram/src/packages/bulletins-admin/lib/editor-html.ts`
 * is pure, so it is tested here beside the builds that ship it): WeChat's editor HTML and a browser's
 * content-editable HTML give the same safe blocks, and anything else in the HTML is only text.
 */
import { blocksToMarkup, parseMarkup } from '@linli/shared';
import { describe, expect, it } from 'vitest';
import {
  blocksToEditorHtml,
  type EditorBlock,
  editorHref,
  editorHtmlToBlocks,
} from '../../miniprogram/src/packages/bulletins-admin/lib/editor-html';

const KEY = 'photos/chunhui/bulletin/2026-11/abc123.jpg';

describe('the editor HTML as blocks', () => {
  it('reads WeChat’s editor output: headings, bold, lists, in-app links and a captioned picture', () => {
    const html =
      '<h2>停水时间</h2><p>因管道检修，<strong>周六全天</strong>停水。</p>' +
      '<ul><li>请提前储水</li><li><a href="https://linli.invalid/to/%2Fpages%2Ffeedback%2Findex">意见箱</a></li></ul>' +
      `<p><img src="wxfile://tmp_1.jpg" alt="检修现场" data-custom="key=${KEY}" data-local="wxfile://tmp_1.jpg"></p><p><br></p>`;
    expect(editorHtmlToBlocks(html)).toEqual([
      { type: 'heading', level: 2, text: '停水时间' },
      { type: 'paragraph', inlines: [{ text: '因管道检修，' }, { text: '周六全天', bold: true }, { text: '停水。' }] },
      {
        type: 'list',
        ordered: false,
        items: [[{ text: '请提前储水' }], [{ text: '意见箱', link: '/pages/feedback/index' }]],
      },
      { type: 'image', key: KEY, caption: '检修现场', url: 'wxfile://tmp_1.jpg' },
    ]);
  });

  it('reads a browser’s content-editable output: <b>, <div> lines, <br> and a Quill 2 bullet list', () => {
    const html =
      '<h2>通知</h2><div>第一行<br>第二行 <b>加粗</b></div><div><br></div>' +
      '<ol><li data-list="bullet">甲</li><li data-list="bullet">乙</li></ol>' +
      `<p>文字<img src="blob:x" alt="" data-key="${KEY}">后文</p>`;
    expect(editorHtmlToBlocks(html)).toEqual([
      { type: 'heading', level: 2, text: '通知' },
      { type: 'paragraph', inlines: [{ text: '第一行' }] },
      { type: 'paragraph', inlines: [{ text: '第二行 ' }, { text: '加粗', bold: true }] },
      { type: 'list', ordered: false, items: [[{ text: '甲' }], [{ text: '乙' }]] },
      { type: 'paragraph', inlines: [{ text: '文字' }] },
      { type: 'image', key: KEY, caption: '', url: 'blob:x' },
      { type: 'paragraph', inlines: [{ text: '后文' }] },
    ]);
  });

  it('keeps only text of anything else: scripts and styles vanish, outside links and pictures go', () => {
    const html =
      '<p onclick="steal()">你好<script>alert(1)</script><style>p{}</style>' +
      '<a href="https://evil.example">外链</a><a href="javascript:alert(1)">脚本</a>' +
      '<img src="https://evil.example/x.png" onerror="steal()"><iframe src="x">框</iframe>&lt;b&gt;</p>';
    expect(editorHtmlToBlocks(html)).toEqual([{ type: 'paragraph', inlines: [{ text: '你好外链脚本<b>' }] }]);
  });

  it('goes round: blocks → editor HTML → blocks, and → markup the server takes → the same blocks', () => {
    const blocks: EditorBlock[] = [
      { type: 'heading', level: 3, text: '小标题 <script>' },
      {
        type: 'paragraph',
        inlines: [{ text: 'A & B "引号" ' }, { text: '粗', bold: true }, { text: '见', link: 'bulletin:b-1' }],
      },
      { type: 'list', ordered: true, items: [[{ text: '一' }], [{ text: '二' }]] },
      { type: 'image', key: KEY, caption: '说明', url: 'http://127.0.0.1:3003/x.jpg' },
    ];
    const back = editorHtmlToBlocks(blocksToEditorHtml(blocks));
    expect(back).toEqual(blocks);
    const stored = parseMarkup(blocksToMarkup(back));
    expect(stored).toEqual([blocks[0], blocks[1], blocks[2], { type: 'image', key: KEY, caption: '说明' }]);
  });

  it('encodes in-app link targets as links the WeChat editor keeps', () => {
    expect(editorHref('bulletin:b-1')).toBe('https://linli.invalid/to/bulletin%3Ab-1');
  });

  it('reads an empty editor as no blocks', () => {
    expect(editorHtmlToBlocks('<p><br></p>')).toEqual([]);
    expect(editorHtmlToBlocks('')).toEqual([]);
  });
});
