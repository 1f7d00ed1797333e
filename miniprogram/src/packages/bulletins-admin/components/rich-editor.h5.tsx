/**
 * The bulletin body in a browser: a content-editable area driven by the same
 * toolbar (rich-editor.tsx is WeChat's). Pasting brings plain text only, and
 * what the area holds is read back from its HTML as safe blocks.
 */
import { useEffect, useRef, useState } from 'react';
import { blocksToEditorHtml, editorHref, editorHtmlToBlocks } from '../lib/editor-html';
import { EDITOR_ID, type RichEditorCommands, type RichEditorProps } from './rich-editor-types';
import './rich-editor.scss';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export function RichEditor({ initial, onChange, onFormats, onReady, placeholder, invalid }: RichEditorProps) {
  const area = useRef<HTMLDivElement>(null);
  // The last place the cursor was in the area: a tap on the toolbar takes the focus away.
  const saved = useRef<Range | null>(null);
  const [empty, setEmpty] = useState(initial.length === 0);

  // Set up once: the starting content, then the commands (the props they call are read through refs).
  const latest = useRef({ onChange, onFormats });
  latest.current = { onChange, onFormats };
  // biome-ignore lint/correctness/useExhaustiveDependencies: the content is written once; later changes come from the person
  useEffect(() => {
    const el = area.current;
    if (!el) return;
    el.innerHTML = blocksToEditorHtml(initial);
    const changed = () => {
      const blocks = editorHtmlToBlocks(el.innerHTML);
      setEmpty(blocks.length === 0);
      latest.current.onChange(blocks);
    };
    const inside = (node: Node | null) => !!node && el.contains(node);
    const remember = () => {
      const selection = document.getSelection();
      if (!selection?.rangeCount || !inside(selection.anchorNode)) return;
      saved.current = selection.getRangeAt(0).cloneRange();
      latest.current.onFormats({
        heading: /^h[1-6]$/i.test(String(document.queryCommandValue('formatBlock'))),
        bold: document.queryCommandState('bold'),
        list: document.queryCommandState('insertUnorderedList') || document.queryCommandState('insertOrderedList'),
      });
    };
    /** Puts the cursor back where it was (or at the end) before a command runs. */
    const restore = () => {
      el.focus();
      const selection = document.getSelection();
      if (!selection) return;
      let range = saved.current;
      if (!range || !inside(range.startContainer)) {
        range = document.createRange();
        range.selectNodeContents(el);
        range.collapse(false);
      }
      selection.removeAllRanges();
      selection.addRange(range);
      // New lines are paragraphs, as WeChat's editor makes them.
      document.execCommand('defaultParagraphSeparator', false, 'p');
    };
    const run = (command: string, value?: string) => {
      restore();
      document.execCommand(command, false, value);
      remember();
      changed();
    };
    /** The top-level block of the area the cursor is in. */
    const lineAtCursor = (): Element | null => {
      let node: Node | null =
        saved.current && inside(saved.current.startContainer) ? saved.current.startContainer : null;
      while (node && node.parentNode !== el) node = node.parentNode;
      return node instanceof Element ? node : null;
    };

    const commands: RichEditorCommands = {
      heading: () =>
        run('formatBlock', /^h[1-6]$/i.test(String(document.queryCommandValue('formatBlock'))) ? 'p' : 'h2'),
      bold: () => run('bold'),
      list: () => run('insertUnorderedList'),
      insertLink: (text, target) =>
        run('insertHTML', `<a href="${escapeHtml(editorHref(target))}">${escapeHtml(text)}</a>&nbsp;`),
      insertImage: ({ key, url, caption }) => {
        const figure = document.createElement('p');
        if (caption) figure.dataset.caption = caption;
        const image = document.createElement('img');
        image.src = url;
        image.alt = caption;
        image.dataset.key = key;
        figure.appendChild(image);
        const line = lineAtCursor();
        if (line?.textContent?.trim() || line?.querySelector('img')) line.after(figure);
        else if (line) line.replaceWith(figure);
        else el.appendChild(figure);
        // A line after the picture to go on writing in.
        const next = document.createElement('p');
        next.appendChild(document.createElement('br'));
        figure.after(next);
        const range = document.createRange();
        range.setStart(next, 0);
        range.collapse(true);
        saved.current = range;
        restore();
        changed();
      },
    };

    document.addEventListener('selectionchange', remember);
    el.addEventListener('input', changed);
    onReady(commands);
    return () => {
      document.removeEventListener('selectionchange', remember);
      el.removeEventListener('input', changed);
    };
  }, []);

  return (
    <div className={`rich-editor__frame${invalid ? ' rich-editor__frame--invalid' : ''}`}>
      {empty && <div className="rich-editor__placeholder">{placeholder}</div>}
      {/* biome-ignore lint/a11y/useSemanticElements: a textarea cannot hold headings, bold text and pictures */}
      <div
        ref={area}
        id={EDITOR_ID}
        className="rich-editor__area rich-editor__area--h5"
        contentEditable
        suppressContentEditableWarning
        role="textbox"
        aria-multiline="true"
        tabIndex={0}
        aria-label="正文"
        // Only plain text comes in: no styles, scripts or pictures from elsewhere.
        onPaste={(e) => {
          e.preventDefault();
          document.execCommand('insertText', false, e.clipboardData.getData('text/plain'));
        }}
        onDrop={(e) => e.preventDefault()}
      />
    </div>
  );
}
