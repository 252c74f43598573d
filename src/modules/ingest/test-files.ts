/**
 * Test files assembled by hand: workbook parts written as XML strings and zipped by test-zip.ts, so the reader is
 * tested against what Excel and WPS write (numeric ID cells, cached formula results, zh-CN date formats, prefixes)
 * rather than against its own assumptions or ExcelJS's. Also a temporary folder and a GB18030 encoder.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDecoder } from 'node:util';
import { makeZip, type ZipEntryInput } from './test-zip.js';

export interface TempDir {
  readonly path: string;
  write(name: string, data: string | Buffer): Promise<string>;
  remove(): Promise<void>;
}

export async function tempDir(): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), 'jingzhun-ingest-'));
  return {
    path,
    async write(name, data) {
      const file = join(path, name);
      await writeFile(file, data);
      return file;
    },
    remove: () => rm(path, { recursive: true, force: true }),
  };
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface SheetPart {
  readonly name: string;
  /** The whole worksheet XML, or the inner XML of <sheetData> to wrap. */
  readonly xml?: string;
  readonly rows?: string;
  readonly cols?: string;
  readonly state?: 'hidden' | 'veryHidden';
  /** A chart sheet: listed in the workbook, has no cells. */
  readonly chart?: boolean;
}

export interface WorkbookParts {
  readonly sheets: readonly SheetPart[];
  readonly sharedStrings?: readonly string[];
  /** The inner XML of <sst> instead of plain strings (rich text, phonetic runs). */
  readonly sharedStringsXml?: string;
  /** <numFmts> and <cellXfs> inner XML; default one General style. */
  readonly numFmts?: string;
  readonly cellXfs?: string;
  readonly date1904?: boolean;
  /** Extra or replacement parts, e.g. to lie about a size. */
  readonly extra?: readonly ZipEntryInput[];
  /** Put the sheets before the shared strings in the zip, as ExcelJS's streaming writer does. */
  readonly sheetsFirst?: boolean;
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RNS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A worksheet part; `after` goes after <sheetData>, where Excel writes <mergeCells>. */
export function worksheetXml(rows: string, cols = '', after = ''): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS}" xmlns:r="${RNS}"><dimension ref="A1"/>${cols ? `<cols>${cols}</cols>` : ''}<sheetData>${rows}</sheetData>${after}</worksheet>`;
}

export function buildXlsx(parts: WorkbookParts): Buffer {
  const sheetEntries: ZipEntryInput[] = [];
  const rels: string[] = [];
  const sheetTags: string[] = [];
  parts.sheets.forEach((s, i) => {
    const n = i + 1;
    const folder = s.chart ? 'chartsheets' : 'worksheets';
    rels.push(`<Relationship Id="rId${n}" Type="${REL}/${s.chart ? 'chartsheet' : 'worksheet'}" Target="${folder}/sheet${n}.xml"/>`);
    sheetTags.push(`<sheet name="${escapeXml(s.name)}" sheetId="${n}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${n}"/>`);
    sheetEntries.push({ name: `xl/${folder}/sheet${n}.xml`, data: s.chart ? `<chartsheet xmlns="${NS}"/>` : (s.xml ?? worksheetXml(s.rows ?? '', s.cols)) });
  });
  const k = parts.sheets.length;
  rels.push(`<Relationship Id="rId${k + 1}" Type="${REL}/styles" Target="styles.xml"/>`);
  rels.push(`<Relationship Id="rId${k + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  const sst = parts.sharedStringsXml ?? (parts.sharedStrings ?? []).map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`).join('');
  const common: ZipEntryInput[] = [
    { name: '[Content_Types].xml', data: '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
    { name: '_rels/.rels', data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${RNS}"><workbookPr${parts.date1904 ? ' date1904="1"' : ''}/><sheets>${sheetTags.join('')}</sheets></workbook>`,
    },
    { name: 'xl/_rels/workbook.xml.rels', data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>` },
    {
      name: 'xl/styles.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${NS}">${parts.numFmts ? `<numFmts>${parts.numFmts}</numFmts>` : ''}<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs>${parts.cellXfs ?? '<xf numFmtId="0"/>'}</cellXfs></styleSheet>`,
    },
  ];
  const strings: ZipEntryInput = { name: 'xl/sharedStrings.xml', data: `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}">${sst}</sst>` };
  const ordered = parts.sheetsFirst ? [...sheetEntries, ...common, strings] : [...common, strings, ...sheetEntries];
  const replaced = new Set((parts.extra ?? []).map((e) => e.name));
  return makeZip([...ordered.filter((e) => !replaced.has(e.name)), ...(parts.extra ?? [])]);
}

/** A cell's XML: numbers as values, strings inline unless `s` (a shared-string index) is given. */
export function cell(ref: string, value: string | number, opts: { type?: string; style?: number; formula?: string } = {}): string {
  const s = opts.style === undefined ? '' : ` s="${opts.style}"`;
  const f = opts.formula === undefined ? '' : `<f>${escapeXml(opts.formula)}</f>`;
  if (opts.type === 'inlineStr') return `<c r="${ref}"${s} t="inlineStr"><is><t>${escapeXml(String(value))}</t></is></c>`;
  const t = opts.type ? ` t="${opts.type}"` : typeof value === 'string' ? ' t="str"' : '';
  return `<c r="${ref}"${s}${t}>${f}<v>${escapeXml(String(value))}</v></c>`;
}

export function row(n: number, cells: string, attrs = ''): string {
  return `<row r="${n}"${attrs}>${cells}</row>`;
}

let gbTable: Map<string, number[]> | undefined;

/** GB18030 bytes of text made of ASCII and two-byte (GBK) characters; Node has a GB18030 decoder but no encoder. */
export function encodeGb18030(text: string): Buffer {
  if (!gbTable) {
    gbTable = new Map();
    const decoder = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = decoder.decode(Uint8Array.of(lead, trail));
        if (ch.length === 1 && ch !== '\uFFFD' && !gbTable.has(ch)) gbTable.set(ch, [lead, trail]);
      }
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else {
      const b = gbTable.get(ch);
      if (!b) throw new Error(`no two-byte GB18030 code for ${ch}`);
      bytes.push(...b);
    }
  }
  return Buffer.from(bytes);
}
