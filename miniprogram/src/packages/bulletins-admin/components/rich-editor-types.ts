import type { EditorBlock } from '../lib/editor-html';

/** What the toolbar can do to the editor, the same in both builds. */
export interface RichEditorCommands {
  /** The line at the cursor becomes a heading, or a paragraph again. */
  heading(): void;
  /** The selection (or what is typed next) becomes bold, or plain again. */
  bold(): void;
  /** The line at the cursor becomes a list item, or a paragraph again. */
  list(): void;
  /** A link to another bulletin or a page of the app, at the cursor. */
  insertLink(text: string, target: string): void;
  /** An uploaded picture, as its own block after the cursor's line. */
  insertImage(image: { key: string; url: string; caption: string }): void;
}

/** Which marks the cursor is in, for the toolbar to show. */
export interface EditorFormats {
  heading: boolean;
  bold: boolean;
  list: boolean;
}

export interface RichEditorProps {
  /** What the editor starts with (read once, when it is ready). */
  initial: readonly EditorBlock[];
  /** The content as blocks, after every change. */
  onChange: (blocks: EditorBlock[]) => void;
  onFormats: (formats: EditorFormats) => void;
  /** The editor is ready: these commands work from now on. */
  onReady: (commands: RichEditorCommands) => void;
  placeholder: string;
  invalid: boolean;
}

export const EDITOR_ID = 'bulletin-body-editor';
