/**
 * The toolbar editor's content (WeChat's `editor` in weapp, a content-editable
 * area in H5) as bulletin blocks and back. Reading is a sanitiser: only
 * headings, paragraphs, lists, bold, in-app links and our uploaded pictures
 * come out; every other tag keeps just its text, scripts and styles nothing.
 * Pure, so it is tested directly (tests/weapp/bulletin-editor-html.test.ts).
 */
import { type Block, type Inline, isBulletinPhotoKey, isInternalLink, normalizeInlines } from '@linli/shared/rules';

/** A block in the editor: an image carries the URL it is shown from (an upload's preview, or the stored one). */
export type EditorBlock =
  | Exclude<Block, { type: 'image' }>
  | { type: 'image'; key: string; caption: string; url?: string; hidden?: true };

/**
 * WeChat's editor (Quill) keeps only http(s) links, so an in-app target
 * (`bulletin:ID`, `/pages/…`) rides in one on a reserved domain that leads nowhere.
 */
const LINK_PREFIX = 'https://linli.invalid/to/';
export const editorHref = (target: string) => `${LINK_PREFIX}${encodeURIComponent(target)}`;

/** The in-app target of a link in the editor, or undefined for anything else (dropped to its text). */
export function targetOfHref(href: string | undefined): string | undefined {
  if (!href?.startsWith(LINK_PREFIX)) return undefined;
  try {
    const target = decodeURIComponent(href.slice(LINK_PREFIX.length));
    return isInternalLink(target) ? target : undefined;
  } catch {
    return undefined;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

function inlinesHtml(inlines: readonly Inline[]): string {
  return inlines
    .map((i) => {
      const text = escapeHtml(i.text);
      if (i.link) return `<a href="${escapeHtml(editorHref(i.link))}">${text}</a>`;
      return i.bold ? `<strong>${text}</strong>` : text;
    })
    .join('');
}

/** Blocks as the editor's HTML: only tags both editors keep (WeChat's list: h2 h3 p strong a ul ol li img). */
export function blocksToEditorHtml(blocks: readonly EditorBlock[]): string {
  return blocks
    .map((b) => {
      if (b.type === 'heading') return `<h${b.level}>${escapeHtml(b.text)}</h${b.level}>`;
      if (b.type === 'paragraph') return `<p>${inlinesHtml(b.inlines)}</p>`;
      if (b.type === 'list') {
        const tag = b.ordered ? 'ol' : 'ul';
        return `<${tag}>${b.items.map((item) => `<li>${inlinesHtml(item)}</li>`).join('')}</${tag}>`;
      }
      // The key rides in WeChat's `data-custom` (what insertImage's `data` becomes) and in `data-key` (H5).
      const key = escapeHtml(b.key);
      const caption = escapeHtml(b.caption);
      const image = `<img src="${escapeHtml(b.url ?? '')}" alt="${caption}" data-key="${key}" data-custom="key=${key}">`;
      // `data-caption` lets the browser's editor show the caption under the picture (WeChat's drops it).
      return `<p${caption ? ` data-caption="${caption}"` : ''}>${image}</p>`;
    })
    .join('');
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : '';
    }
    return NAMED[name.toLowerCase()] ?? all;
  });
}

function attributesOf(source: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const m of source.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g))
    found[(m[1] as string).toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  return found;
}

/** The photo key of an `<img>`: `data-key` (H5) or `key=…` inside WeChat's `data-custom`. */
function imageKey(attrs: Record<string, string>): string | undefined {
  const custom = /(?:^|;)\s*key=([^;]+)/.exec(attrs['data-custom'] ?? '')?.[1];
  const key = attrs['data-key'] || custom;
  return key && isBulletinPhotoKey(key.trim()) ? key.trim() : undefined;
}

const BLOCK_TAGS = new Set([
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'blockquote',
  'pre',
  'section',
  'article',
  'header',
  'footer',
  'table',
  'tr',
  'hr',
  'figure',
  'figcaption',
]);
const DROPPED = new Set(['script', 'style', 'head', 'title', 'template', 'noscript', 'iframe', 'object', 'svg']);
const BOLD_STYLE = /font-weight\s*:\s*(bold|bolder|[6-9]00)/i;

/** Reads the editor's HTML (either build's, or anything pasted into it) as blocks. */
export function editorHtmlToBlocks(html: string): EditorBlock[] {
  const blocks: EditorBlock[] = [];
  let heading: 2 | 3 | null = null;
  let inlines: Inline[] = [];
  let list: { ordered: boolean; items: Inline[][] } | null = null;
  let inItem = false;
  let listDepth = 0;
  // Open inline elements, to know what each closing tag ends.
  const open: { tag: string; bold: boolean; link?: string }[] = [];
  let dropping: string | null = null;

  const bold = () => open.some((o) => o.bold);
  const link = () => [...open].reverse().find((o) => o.link)?.link;

  /** Ends the paragraph, heading or list item being read. */
  const endLine = () => {
    const line = trimInlines(normalizeInlines(inlines));
    inlines = [];
    if (inItem && list) {
      if (line.length) list.items.push(line);
      return;
    }
    if (!line.length) return;
    if (heading) blocks.push({ type: 'heading', level: heading, text: line.map((i) => i.text).join('') });
    else blocks.push({ type: 'paragraph', inlines: line });
  };
  const endList = () => {
    endLine();
    inItem = false;
    if (list?.items.length) blocks.push({ type: 'list', ...list });
    list = null;
  };

  for (const token of html.matchAll(/<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>|([^<]+|<)/g)) {
    const [, closing, rawTag, rest, text] = token;
    if (text !== undefined) {
      if (dropping) continue;
      const plain = decodeEntities(text)
        .replace(/\p{Cc}/gu, ' ')
        .replace(/\s+/g, ' ');
      if (plain) inlines.push({ text: plain, ...(link() ? { link: link() } : bold() ? { bold: true } : {}) });
      continue;
    }
    if (!rawTag) continue;
    const tag = rawTag.toLowerCase();
    if (dropping) {
      if (closing && tag === dropping) dropping = null;
      continue;
    }
    if (DROPPED.has(tag)) {
      if (!closing && !/\/\s*$/.test(rest ?? '')) dropping = tag;
      continue;
    }
    const attrs = attributesOf(rest ?? '');
    if (tag === 'br') {
      // A line break inside a paragraph starts another one (markup has no soft breaks); inside an item it is a space.
      if (inItem) inlines.push({ text: ' ' });
      else endLine();
      continue;
    }
    if (tag === 'img') {
      const key = imageKey(attrs);
      if (!key) continue;
      if (list) endList();
      else endLine();
      blocks.push({ type: 'image', key, caption: (attrs.alt ?? '').replace(/\s+/g, ' ').trim(), url: attrs.src });
      continue;
    }
    if (tag === 'ul' || tag === 'ol') {
      if (!closing) {
        listDepth++;
        if (listDepth === 1) {
          if (list) endList();
          else endLine();
          heading = null;
          list = { ordered: tag === 'ol', items: [] };
        }
      } else if (listDepth > 0 && --listDepth === 0) endList();
      continue;
    }
    if (tag === 'li') {
      endLine();
      inItem = !closing && !!list;
      // Quill 2 writes every list as <ol> and says which kind on the item.
      if (inItem && list && attrs['data-list']) list.ordered = attrs['data-list'] === 'ordered';
      continue;
    }
    if (BLOCK_TAGS.has(tag)) {
      if (!list) {
        endLine();
        const level = /^h([1-6])$/.exec(tag)?.[1];
        heading = !closing && level ? (Number(level) <= 2 ? 2 : 3) : null;
      } else if (!inItem) endLine();
      continue;
    }
    // Inline tags: bold and links mark their text; anything else is just its text.
    if (closing) {
      const at = open.map((o) => o.tag).lastIndexOf(tag);
      if (at >= 0) open.splice(at, 1);
      continue;
    }
    if (/\/\s*$/.test(rest ?? '')) continue;
    open.push({
      tag,
      bold: tag === 'strong' || tag === 'b' || BOLD_STYLE.test(attrs.style ?? ''),
      link: tag === 'a' ? targetOfHref(attrs.href) : undefined,
    });
  }
  if (list) endList();
  else endLine();
  return blocks;
}

/** Leading and trailing spaces of a line go, as markup trims its lines. */
function trimInlines(inlines: Inline[]): Inline[] {
  const out = inlines.map((i) => ({ ...i }));
  for (let first = out[0]; first; first = out[0]) {
    first.text = first.text.trimStart();
    if (first.text) break;
    out.shift();
  }
  for (let last = out.at(-1); last; last = out.at(-1)) {
    last.text = last.text.trimEnd();
    if (last.text) break;
    out.pop();
  }
  return out;
}

/** Whether there is anything in the editor worth publishing. */
export const hasContent = (blocks: readonly EditorBlock[]) => blocks.length > 0;
