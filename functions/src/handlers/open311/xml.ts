/**
 * Open311's XML: the JSON answer with the specification's element names. A
 * list is a plural element holding one singular element per item
 * (`<services><service>…`, `<attributes><attribute>…`), null is an empty
 * element, and the document starts with the UTF-8 declaration. Written with
 * fast-xml-parser's builder (only the open311 bundle carries it).
 */
import { XMLBuilder } from 'fast-xml-parser';
import type { XmlWriter } from '../../http/route-handler.js';

/** Lists inside an answer and the element of each of their items. */
const ITEM_OF: Readonly<Record<string, string>> = {
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};

const builder = new XMLBuilder({
  format: false,
  suppressEmptyNode: true,
  processEntities: true,
});

/** XML 1.0's characters: no controls but tab and line ends, no lone surrogates, no U+FFFE/U+FFFF. */
function allowedInXml(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  if (code === 0x09 || code === 0x0a || code === 0x0d) return true;
  return code >= 0x20 && (code < 0xd800 || code > 0xdfff) && code !== 0xfffe && code !== 0xffff;
}

/** The builder's tree: lists wrapped in their plural element, scalars as text. */
function tree(value: unknown, itemName?: string): unknown {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    if (!itemName) throw new Error('A list in an Open311 answer needs an element name for its items');
    return value.length ? { [itemName]: value.map((v) => tree(v)) } : '';
  }
  if (typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([name, v]) => [name, tree(v, ITEM_OF[name])]));
  // XML 1.0 has no place for most control characters: drop them rather than write a broken document.
  return [...String(value)].filter(allowedInXml).join('');
}

export const writeOpen311Xml: XmlWriter = (value, names) =>
  `<?xml version="1.0" encoding="UTF-8"?>${builder.build({ [names.root]: tree(value, names.item) })}`;
