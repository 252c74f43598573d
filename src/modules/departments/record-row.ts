/**
 * One row of a department's file as a record: identity cells and the dataset's own columns converted by the same
 * cell parsers as the roster. A damaged or invalid ID does not reject the row (the person may still be found by name
 * and birth date); a missing name or a missing or unreadable required column does, with the cell's reason.
 */
import type { CellDate } from '../../domain/cell-values.js';
import { templateColumns, type DatasetColumn, type DatasetType } from '../../domain/departments/datasets.js';
import type { ParsedId } from '../../domain/id-number.js';
import { convertCell, type ConvertContext } from '../ingest/convert.js';
import { defineCatalogue, type FieldCatalogue } from '../ingest/fields.js';
import { cellText, type RawCell } from '../ingest/raw-cell.js';

export interface RecordIssue {
  field: string;
  column: string | null;
  value: string | null;
  code: 'REQUIRED' | 'CELL_INVALID' | 'ID_UNUSABLE';
  /** A rejected row is not saved; an ID problem only sends the row to matching by name and birth date. */
  rejects: boolean;
  reason: string;
  reasonZh: string;
}

export interface RecordRow {
  idNumber: string | null;
  idRaw: string | null;
  name: string | null;
  sex: string | null;
  birthDate: string | null;
  villageName: string | null;
  data: Record<string, string | number | boolean>;
  issues: RecordIssue[];
}

const catalogues = new WeakMap<DatasetType, FieldCatalogue>();

/** The ingest catalogue of a dataset type: header detection and mapping work as for the roster. */
export function datasetCatalogue(type: DatasetType): FieldCatalogue {
  let c = catalogues.get(type);
  if (!c) {
    c = defineCatalogue(
      `dataset:${type.code}`,
      templateColumns(type).map((col) => ({ key: col.key, label: col.label, labelEn: col.labelEn, synonyms: col.synonyms, kind: col.kind, required: col.required })),
    );
    catalogues.set(type, c);
  }
  return c;
}

function plain(v: unknown): string | number | boolean {
  if (typeof v === 'object' && v !== null) return 'id' in (v as ParsedId) ? (v as ParsedId).id : (v as CellDate).date;
  return v as string | number | boolean;
}

export function recordRow(type: DatasetType, raw: Partial<Record<string, RawCell>>, letters: ReadonlyMap<string, string>, ctx: ConvertContext): RecordRow {
  const out: RecordRow = { idNumber: null, idRaw: null, name: null, sex: null, birthDate: null, villageName: null, data: {}, issues: [] };
  const issue = (col: DatasetColumn, cell: RawCell | undefined, code: RecordIssue['code'], rejects: boolean, reason: string, reasonZh: string) =>
    out.issues.push({ field: col.key, column: letters.get(col.key) ?? null, value: cell ? cellText(cell, ctx.date1904) || null : null, code, rejects, reason, reasonZh });

  for (const col of templateColumns(type)) {
    const cell = raw[col.key];
    if (cell === undefined) {
      if (col.required) issue(col, undefined, 'REQUIRED', true, `${col.labelEn} is required`, `${col.label}不能为空`);
      continue;
    }
    const r = convertCell(col.kind, cell, ctx);
    if (!r.ok) {
      if (col.kind === 'id') {
        out.idRaw = r.prefix15 ?? (cellText(cell, ctx.date1904).trim() || null);
        if (r.code !== 'EMPTY') issue(col, cell, 'ID_UNUSABLE', false, `${r.reason} The row is matched by name and birth date.`, `${r.reasonZh}该行将按姓名和出生日期比对。`);
      } else if (r.code === 'EMPTY') {
        if (col.required) issue(col, cell, 'REQUIRED', true, `${col.labelEn} is required`, `${col.label}不能为空`);
      } else issue(col, cell, 'CELL_INVALID', col.required, r.reason, r.reasonZh);
      continue;
    }
    const value = plain(r.value);
    switch (col.key) {
      case 'idNumber':
        out.idNumber = String(value);
        out.idRaw = String(value);
        break;
      case 'name':
        out.name = String(value);
        break;
      case 'sex':
        out.sex = String(value);
        break;
      case 'birthDate':
        out.birthDate = String(value);
        break;
      case 'villageName':
        out.villageName = String(value);
        break;
      default:
        out.data[col.key] = value;
    }
  }
  // The ID's birth date and sex are the reliable ones when the ID itself is valid.
  if (out.idNumber) {
    out.birthDate ??= `${out.idNumber.slice(6, 10)}-${out.idNumber.slice(10, 12)}-${out.idNumber.slice(12, 14)}`;
    out.sex ??= Number(out.idNumber[16]) % 2 === 1 ? 'male' : 'female';
  }
  return out;
}
