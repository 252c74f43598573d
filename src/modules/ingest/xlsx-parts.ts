/** The small parts of an .xlsx, parsed whole: the workbook's sheet list, relationships, and which styles are dates. */
import { attributes, elementBody, startTags } from './xml.js';

export interface WorkbookSheetEntry {
  readonly name: string;
  readonly relId: string;
  readonly state: 'visible' | 'hidden' | 'veryHidden';
}

export interface WorkbookPart {
  readonly sheets: readonly WorkbookSheetEntry[];
  readonly date1904: boolean;
}

export interface Relationship {
  readonly id: string;
  /** The last segment of the relationship type URI: worksheet, chartsheet, sharedStrings, styles… */
  readonly type: string;
  /** The part name the target resolves to, without a leading slash. */
  readonly target: string;
}

const isTrue = (v: string | undefined) => v === '1' || v === 'true';

export function parseWorkbook(xml: string): WorkbookPart {
  const pr = startTags(xml, 'workbookPr').next();
  const date1904 = !pr.done && isTrue(attributes(pr.value).get('date1904'));
  const sheets: WorkbookSheetEntry[] = [];
  for (const tag of startTags(elementBody(xml, 'sheets') ?? '', 'sheet')) {
    const a = attributes(tag);
    const state = a.get('state');
    sheets.push({
      name: a.get('name') ?? `Sheet${sheets.length + 1}`,
      // The relationship id is the only attribute named id: sheetId is another attribute.
      relId: [...a.entries()].find(([k]) => /(?:^|:)id$/.test(k) && k !== 'sheetId')?.[1] ?? '',
      state: state === 'hidden' || state === 'veryHidden' ? state : 'visible',
    });
  }
  return { sheets, date1904 };
}

/** Resolves a relationship target against the folder of the part that holds the relationships. */
export function resolveTarget(baseFolder: string, target: string): string {
  const parts = target.startsWith('/') ? [] : baseFolder.split('/').filter(Boolean);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

export function parseRelationships(xml: string, baseFolder: string): Relationship[] {
  const out: Relationship[] = [];
  for (const tag of startTags(xml, 'Relationship')) {
    const a = attributes(tag);
    if (a.get('TargetMode') === 'External') continue;
    out.push({ id: a.get('Id') ?? '', type: (a.get('Type') ?? '').split('/').pop() ?? '', target: resolveTarget(baseFolder, a.get('Target') ?? '') });
  }
  return out;
}

/**
 * Built-in number formats that show a date or time. 27–36 and 50–58 are the East Asian ones (zh-CN 31 is
 * yyyy"年"m"月"d"日"), which WPS and Chinese Excel use and which ExcelJS does not recognise as dates.
 */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A format code shows a date when it has date or time letters outside quoted text and [colour]/[$-locale] blocks. */
export function isDateFormatCode(code: string): boolean {
  const bare = code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '').replace(/\\./g, '');
  // Only the first section (positive numbers) decides; "General" contains an e and an a but is not a date.
  const first = bare.split(';')[0]!;
  return !/^general$/i.test(first.trim()) && /[ymdhs]/i.test(first.replace(/General/gi, ''));
}

/** For each cell style index (the s attribute of a cell), whether its number format shows a date. */
export function parseDateStyles(xml: string): boolean[] {
  const custom = new Map<number, string>();
  for (const tag of startTags(elementBody(xml, 'numFmts') ?? '', 'numFmt')) {
    const a = attributes(tag);
    custom.set(Number(a.get('numFmtId')), a.get('formatCode') ?? '');
  }
  const out: boolean[] = [];
  for (const tag of startTags(elementBody(xml, 'cellXfs') ?? '', 'xf')) {
    const id = Number(attributes(tag).get('numFmtId') ?? 0);
    const code = custom.get(id);
    out.push(code !== undefined ? isDateFormatCode(code) : BUILT_IN_DATE_FORMATS.has(id));
  }
  return out;
}
