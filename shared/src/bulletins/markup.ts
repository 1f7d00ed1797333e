/**
 * Bulletin bodies: written in a small, safe markdown subset, stored as
 * blocks, rendered natively by both builds (never as HTML). Raw HTML is
 * dropped to its text; links may only lead inside the mini-program.
 * A backslash makes the next markup character plain text (`\*`, `\#`, `\[`, `\<`),
 * so the editor's toolbar can write any text back as markup (`blocksToMarkup`).
 */
export type Inline = { text: string; bold?: boolean; link?: string };
export type Block =
  | { type: 'heading'; level: 2 | 3; text: string }
  | { type: 'paragraph'; inlines: Inline[] }
  | { type: 'list'; ordered: boolean; items: Inline[][] }
  | { type: 'image'; key: string; caption: string };

export const MAX_BODY_CHARS = 20_000;
export const MAX_BLOCKS = 200;

/** Where a link may go: another bulletin, a volunteer activity, or a page of the app. */
const INTERNAL_LINK =
  /^(bulletin:[A-Za-z0-9_-]{2,64}|activity:[A-Za-z0-9_-]{2,64}|\/pages\/[a-z0-9/_-]{1,80}(\?[A-Za-z0-9=&_%-]{0,200})?)$/;
/** A community's bulletin picture (`photos/<communityId>/bulletin/…`) or a street's (`photos/streets/<streetId>/bulletin/…`). */
const PHOTO_KEY = /^photos\/(streets\/)?[A-Za-z0-9_-]+\/bulletin\/\d{4}-\d{2}\/[a-z0-9]+\.(jpg|png|webp)$/;

/** Whether a link target is one a bulletin may carry (inside the app only). */
export const isInternalLink = (target: string) => INTERNAL_LINK.test(target);
/** Whether an image key is a bulletin picture uploaded to the photo store. */
export const isBulletinPhotoKey = (key: string) => PHOTO_KEY.test(key);

/**
 * Characters a backslash turns into plain text. While a line is parsed each
 * escaped one stands in as a private-use character (so no pattern sees it),
 * and comes back as itself in the block's text.
 */
const ESCAPABLE = '\\*[]()#-!.、_<';
const STAND_IN = 0xe000;
const protect = (text: string) =>
  text.replace(/[\ue000-\ue0ff]/g, '').replace(/\\([\s\S])/g, (all, c: string) => {
    const at = ESCAPABLE.indexOf(c);
    return at < 0 ? all : String.fromCharCode(STAND_IN + at);
  });
const unprotect = (text: string) =>
  text.replace(/[\ue000-\ue0ff]/g, (c) => ESCAPABLE[c.charCodeAt(0) - STAND_IN] ?? '');

export class MarkupError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** Removes tags (keeping their text) and control characters: what is left is plain text. */
export function plainText(value: string): string {
  return (
    value
      .replace(/<\s*(script|style|iframe|object|embed)[^>]*>[\s\S]*?<\s*\/\s*\1\s*>/gi, '')
      .replace(/<[^>]*>/g, '')
      // Control characters go, except the line breaks and tabs that shape the text.
      .replace(/\p{Cc}/gu, (c) => (c === '\n' || c === '\r' || c === '\t' ? c : ''))
  );
}

function inlines(text: string, line: number): Inline[] {
  const out: Inline[] = [];
  const pattern = /\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) out.push({ text: unprotect(text.slice(last, match.index)) });
    if (match[1] !== undefined) out.push({ text: unprotect(match[1]), bold: true });
    else {
      const target = match[3] ?? '';
      if (!INTERNAL_LINK.test(target))
        throw new MarkupError(line, `第 ${line} 行的链接只能指向小程序内的页面、公告或活动`);
      out.push({ text: unprotect(match[2] ?? ''), link: target });
    }
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push({ text: unprotect(text.slice(last)) });
  return out.filter((i) => i.text.length > 0);
}

/** Parses the markdown subset into blocks; a line it cannot accept is named in the error. */
export function parseMarkup(source: string): Block[] {
  if (source.length > MAX_BODY_CHARS) throw new MarkupError(0, `正文最多 ${MAX_BODY_CHARS} 个字符`);
  const blocks: Block[] = [];
  const lines = plainText(protect(source)).replace(/\r\n?/g, '\n').split('\n');
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: Inline[][] } | null = null;
  const flush = (line: number) => {
    if (paragraph.length) blocks.push({ type: 'paragraph', inlines: inlines(paragraph.join(''), line) });
    if (list) blocks.push({ type: 'list', ...list });
    paragraph = [];
    list = null;
  };
  lines.forEach((raw, i) => {
    const line = i + 1;
    const text = raw.trim();
    const heading = /^(#{1,3})\s+(.+)$/.exec(text);
    const image = /^!\[([^\]]*)\]\(([^)\s]+)\)$/.exec(text);
    const item = /^([-*]|\d+[.、])\s+(.+)$/.exec(text);
    if (!text) {
      flush(line);
      return;
    }
    if (heading) {
      flush(line);
      blocks.push({
        type: 'heading',
        level: (heading[1] as string).length === 3 ? 3 : 2,
        text: unprotect(heading[2] as string),
      });
    } else if (image) {
      flush(line);
      const key = image[2] as string;
      if (!PHOTO_KEY.test(key)) throw new MarkupError(line, `第 ${line} 行的图片须是本社区（或本街道）上传的公告图片`);
      blocks.push({ type: 'image', key, caption: unprotect(image[1] as string).trim() });
    } else if (item) {
      const ordered = /^\d/.test(item[1] as string);
      if (paragraph.length || (list && (list as { ordered: boolean }).ordered !== ordered)) flush(line);
      list ??= { ordered, items: [] };
      (list as { items: Inline[][] }).items.push(inlines(item[2] as string, line));
    } else {
      if (list) flush(line);
      paragraph.push(text);
    }
  });
  flush(lines.length);
  if (blocks.length === 0) throw new MarkupError(1, '正文不能为空');
  if (blocks.length > MAX_BLOCKS) throw new MarkupError(0, `正文最多 ${MAX_BLOCKS} 段`);
  return blocks;
}

/** All visible text of the blocks, for WeChat's content check. */
export function blocksText(blocks: readonly Block[]): string {
  return blocks
    .map((b) =>
      b.type === 'heading'
        ? b.text
        : b.type === 'paragraph'
          ? b.inlines.map((i) => i.text).join('')
          : b.type === 'list'
            ? b.items.map((it) => it.map((i) => i.text).join('')).join('\n')
            : b.caption,
    )
    .join('\n');
}

/** Text as markup that reads back as exactly this text: markup characters escaped, on one line. */
function escapeText(text: string): string {
  // `<` too: what the author typed stays text, while raw tags in hand-written markup are still dropped.
  return text.replace(/\s*\n\s*/g, ' ').replace(/[\\*[\]<]/g, '\\$&');
}

/** What would start a heading, a list item or an ordered item at the start of a line gets escaped. */
function escapeLineStart(line: string): string {
  if (/^#/.test(line)) return `\\${line}`;
  if (/^-\s/.test(line)) return `\\${line}`;
  return line.replace(/^(\d+)([.、])(\s)/, '$1\\$2$3');
}

/** Neighbouring runs with the same marks become one; empty ones go. */
export function normalizeInlines(inlines: readonly Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const inline of inlines) {
    if (!inline.text) continue;
    const last = out.at(-1);
    if (last && !!last.bold === !!inline.bold && last.link === inline.link) last.text += inline.text;
    else out.push({ ...inline });
  }
  return out;
}

function inlinesToMarkup(inlines: readonly Inline[]): string {
  return normalizeInlines(inlines)
    .map((i) => {
      const text = escapeText(i.text);
      // A link leads only inside the app; anything else stays its text. Markup cannot make a link bold.
      if (i.link) return isInternalLink(i.link) ? `[${text}](${i.link})` : text;
      return i.bold && text.trim() ? `**${text}**` : text;
    })
    .join('');
}

/**
 * Blocks (as the toolbar editor builds them) written as the markup the API
 * takes: `parseMarkup(blocksToMarkup(b))` gives the same blocks back.
 */
export function blocksToMarkup(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const block of blocks) {
    if (block.type === 'heading') {
      const text = escapeText(block.text).trim();
      if (text) out.push(`${block.level === 3 ? '###' : '#'} ${text}`);
    } else if (block.type === 'paragraph') {
      const text = inlinesToMarkup(block.inlines).trim();
      if (text) out.push(escapeLineStart(text));
    } else if (block.type === 'list') {
      const items = block.items.map((item) => inlinesToMarkup(item).trim()).filter(Boolean);
      if (items.length) out.push(items.map((item, i) => `${block.ordered ? `${i + 1}.` : '-'} ${item}`).join('\n'));
    } else if (isBulletinPhotoKey(block.key)) {
      out.push(`![${escapeText(block.caption).trim()}](${block.key})`);
    }
  }
  return out.join('\n\n');
}
