/**
 * Just enough XML for the parts of an .xlsx: the readers scan the text with regular expressions, which is several
 * times faster than a SAX parser on sheet data (see xlsx-sheet.ts). Element names may carry a namespace prefix
 * (x:row), as some .NET exporters write them.
 */
const ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (_, hex: string | undefined, dec: string | undefined, name: string | undefined) =>
    name ? NAMED[name]! : String.fromCodePoint(parseInt(hex ?? dec!, hex ? 16 : 10)),
  );
}

/** Excel escapes control characters in text as _xHHHH_ (a line break typed on Windows is saved as _x000D_). */
export function unescapeOoxml(s: string): string {
  return s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : s;
}

const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Attributes of one start tag's text, by name with any prefix kept (r:id) and also without it (id). */
export function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(ATTRIBUTE)) {
    const value = decodeXml(m[2] ?? m[3] ?? '');
    out.set(m[1]!, value);
    const colon = m[1]!.indexOf(':');
    if (colon >= 0 && !out.has(m[1]!.slice(colon + 1))) out.set(m[1]!.slice(colon + 1), value);
  }
  return out;
}

/** Start tags (their attribute text) of elements with this local name, whatever their prefix. */
export function* startTags(xml: string, localName: string): Generator<string> {
  const re = new RegExp(`<(?:[\\w.-]+:)?${localName}\\b([^>]*)>`, 'g');
  for (const m of xml.matchAll(re)) yield m[1]!;
}

/** The text between the first start and end tag of this local name, or undefined. */
export function elementBody(xml: string, localName: string): string | undefined {
  const re = new RegExp(`<(?:[\\w.-]+:)?${localName}\\b[^>]*?(?:/>|>([\\s\\S]*?)</(?:[\\w.-]+:)?${localName}>)`);
  const m = re.exec(xml);
  return m ? (m[1] ?? '') : undefined;
}

/** Concatenated text of the <t> elements, leaving out phonetic runs (<rPh>), as in a shared string or inline string. */
export function runText(xml: string): string {
  // Most strings are one plain <t>: read it without regular expressions.
  const first = xml.indexOf('<t');
  if (first >= 0 && xml.lastIndexOf('<t') === first && !xml.includes('CDATA')) {
    const after = xml.charCodeAt(first + 2);
    if (after === 62 || after === 32) {
      const tagEnd = xml.indexOf('>', first);
      if (xml.charCodeAt(tagEnd - 1) === 47) return '';
      const end = xml.indexOf('</t>', tagEnd);
      if (end >= 0) return unescapeOoxml(decodeXml(xml.slice(tagEnd + 1, end)));
    }
  }
  const body = xml.includes('rPh') ? xml.replace(/<(?:[\w.-]+:)?rPh\b[\s\S]*?<\/(?:[\w.-]+:)?rPh>/g, '') : xml;
  let text = '';
  for (const m of body.matchAll(/<(?:[\w.-]+:)?t\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?t>)/g)) text += m[1] ?? '';
  if (text.includes('<![CDATA[')) text = text.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, c: string) => c.replace(/&/g, '&amp;'));
  return unescapeOoxml(decodeXml(text));
}
