/**
 * The user's corrections to a detected header, and named templates that carry a mapping from one file to the next.
 * A template remembers headings, not column positions, so it still applies when the next month's file has a
 * column more or the columns in another order. Storing templates is the caller's business (they are plain JSON).
 */
import type { FieldCatalogue } from './fields.js';
import { headerKey, missingRequired, type HeaderColumn, type HeaderResult } from './header.js';
import { columnLetter } from './raw-cell.js';
import { rejected, type ReadResult } from './rejection.js';

/** Field (or null: not imported) by 0-based column index. */
export type ColumnMapping<K extends string = string> = Readonly<Record<number, K | null>>;

export interface MappingTemplate<K extends string = string> {
  readonly name: string;
  /** The catalogue the fields belong to (FieldCatalogue.name). */
  readonly catalogue: string;
  readonly headerRowCount: number;
  readonly columns: readonly { readonly header: string; readonly field: K | null }[];
}

/** Applies the user's choices on top of the detected header: a field chosen for one column leaves every other. */
export function applyMapping<K extends string>(header: HeaderResult<K>, mapping: ColumnMapping<K>, catalogue: FieldCatalogue<K>, maxColumns: number): ReadResult<HeaderResult<K>> {
  const known = new Set<string>(catalogue.fields.map((f) => f.key));
  const chosenFields = new Map<K, number>();
  for (const [key, field] of Object.entries(mapping) as [string, K | null][]) {
    const index = Number(key);
    if (!Number.isInteger(index) || index < 0 || index >= maxColumns) {
      return rejected('BAD_MAPPING', { detail: `column ${key} does not exist`, detailZh: `第${key}列不存在` });
    }
    if (field === null) continue;
    if (!known.has(field)) return rejected('BAD_MAPPING', { detail: `unknown field ${field}`, detailZh: `未知字段${field}` });
    const other = chosenFields.get(field);
    if (other !== undefined) {
      return rejected('BAD_MAPPING', {
        detail: `field ${field} is chosen for columns ${columnLetter(other)} and ${columnLetter(index)}`,
        detailZh: `字段${field}同时对应了${columnLetter(other)}列和${columnLetter(index)}列`,
      });
    }
    chosenFields.set(field, index);
  }
  const width = Math.max(header.columns.length, ...Object.keys(mapping).map((k) => Number(k) + 1));
  const columns: HeaderColumn<K>[] = [];
  for (let index = 0; index < width; index++) {
    const detected = header.columns[index] ?? { index, letter: columnLetter(index), header: '', field: null, confidence: 0, chosen: false, hidden: false };
    if (Object.hasOwn(mapping, index)) {
      const field = mapping[index] ?? null;
      columns.push({ ...detected, field, confidence: field === null ? 0 : 1, chosen: true });
    } else if (detected.field !== null && chosenFields.has(detected.field)) {
      columns.push({ ...detected, field: null, confidence: 0 });
    } else {
      columns.push(detected);
    }
  }
  return { ok: true, value: { ...header, columns, missingRequired: missingRequired(catalogue, columns) } };
}

export function templateFromHeader<K extends string>(name: string, catalogue: FieldCatalogue<K>, header: HeaderResult<K>): MappingTemplate<K> {
  return {
    name,
    catalogue: catalogue.name,
    headerRowCount: header.headerRowNumbers.length,
    columns: header.columns.filter((c) => c.header !== '').map((c) => ({ header: c.header, field: c.field })),
  };
}

/**
 * The mapping a template gives for this file's header: each column whose heading the template knows gets the
 * template's field. Headings the template does not know keep their detected field and are listed as `unknown`.
 */
export function mappingFromTemplate<K extends string>(header: HeaderResult<K>, template: MappingTemplate<K>): { mapping: ColumnMapping<K>; unknown: string[] } {
  const byHeading = new Map(template.columns.map((c) => [headerKey(c.header), c.field]));
  const mapping: Record<number, K | null> = {};
  const unknown: string[] = [];
  const used = new Set<K>();
  for (const c of header.columns) {
    if (c.header === '') continue;
    const key = headerKey(c.header);
    if (!byHeading.has(key)) {
      unknown.push(c.header);
      continue;
    }
    // Two columns with the same heading: the template's field goes to the first.
    const field = byHeading.get(key) ?? null;
    mapping[c.index] = field !== null && used.has(field) ? null : field;
    if (field !== null) used.add(field);
  }
  return { mapping, unknown };
}
