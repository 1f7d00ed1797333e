/**
 * The bulletin body in WeChat: its own rich-text `editor` component, driven by
 * the toolbar through the EditorContext (found with createSelectorQuery once the
 * editor is ready). What it holds is read back from its HTML as safe blocks.
 * The browser build has rich-editor.h5.tsx instead (Taro picks it by platform).
 */
import { Editor } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useRef } from 'react';
import { blocksToEditorHtml, editorHref, editorHtmlToBlocks } from '../lib/editor-html';
import { EDITOR_ID, type RichEditorCommands, type RichEditorProps } from './rich-editor-types';
import './rich-editor.scss';

/** Where a link goes in while WeChat's editor has no link command: typed as this, then swapped for the link. */
const LINK_MARK = '⟦插入链接⟧';
const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export function RichEditor({ initial, onChange, onFormats, onReady, placeholder, invalid }: RichEditorProps) {
  const context = useRef<Taro.EditorContext>();

  const refresh = () =>
    context.current?.getContents({
      success: (res) => onChange(editorHtmlToBlocks((res as unknown as { html: string }).html ?? '')),
    });

  const commands: RichEditorCommands = {
    // Setting a format the selection already has takes it off again: the buttons toggle.
    heading: () => {
      context.current?.format('header', '2');
      refresh();
    },
    bold: () => {
      context.current?.format('bold');
      refresh();
    },
    list: () => {
      context.current?.format('list', 'bullet');
      refresh();
    },
    insertLink: (text, target) => {
      const editor = context.current;
      if (!editor) return;
      editor.insertText({
        text: LINK_MARK,
        success: () =>
          editor.getContents({
            success: (res) => {
              const html = (res as unknown as { html: string }).html ?? '';
              const link = `<a href="${escapeHtml(editorHref(target))}">${escapeHtml(text)}</a>`;
              editor.setContents({ html: html.replace(LINK_MARK, link), success: refresh });
            },
          }),
      });
    },
    insertImage: ({ key, url, caption }) => {
      context.current?.insertImage({ src: url, alt: caption, data: { key }, width: '100%', success: refresh });
    },
  };

  function ready() {
    Taro.createSelectorQuery()
      .select(`#${EDITOR_ID}`)
      .context((res) => {
        const editor = (res as { context?: Taro.EditorContext } | null)?.context;
        if (!editor) return;
        context.current = editor;
        if (initial.length) editor.setContents({ html: blocksToEditorHtml(initial) });
        onReady(commands);
      })
      .exec();
  }

  return (
    <Editor
      id={EDITOR_ID}
      className={`rich-editor__area${invalid ? ' rich-editor__area--invalid' : ''}`}
      placeholder={placeholder}
      onReady={ready}
      onInput={(e) => onChange(editorHtmlToBlocks(String(e.detail.html ?? '')))}
      onStatusChange={(e) => {
        const formats = e.detail as { header?: number | string; bold?: boolean; list?: string };
        onFormats({ heading: !!formats.header, bold: !!formats.bold, list: !!formats.list });
      }}
    />
  );
}
