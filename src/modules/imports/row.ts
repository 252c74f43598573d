/**
 * One roster row, read and checked on its own: each mapped cell converted to its field's value, sex and birth date
 * taken from (and checked against) the ID number, the household key worked out. Pure: no I/O, so it is tested
 * directly; the checks across rows and against the registry are SQL (checks.ts).
 */
import type { ParsedId } from '../../domain/id-number.js';
import type { CellDate } from '../../domain/cell-values.js';
import { convertCell, type ConvertContext } from '../ingest/convert.js';
import { fieldOf, ROSTER_CATALOGUE, type RosterField, type ValueKind } from '../ingest/fields.js';
import { cellText, type RawCell } from '../ingest/raw-cell.js';
import { issueMessages, severityOf, type IssueCode, type IssueSeverity } from './issue-codes.js';
import { ROSTER_COLUMNS } from './roster.js';

export type StagedValue = string | number | boolean | null;

export interface RowIssue {
  readonly field: RosterField | null;
  readonly column: string | null;
  readonly value: string | null;
  readonly severity: IssueSeverity;
  readonly code: IssueCode;
  readonly message: string;
  readonly messageEn: string;
}

export interface StagedRow {
  readonly hhKey: string | null;
  readonly rowError: boolean;
  /** By staging column name (roster.ts). */
  readonly values: Readonly<Record<string, StagedValue | undefined>>;
  readonly issues: readonly RowIssue[];
}

export interface RowContext extends ConvertContext {
  /** Column letter of each mapped field in this row's sheet (every field the row's cells can be of). */
  readonly letters: ReadonlyMap<RosterField, string>;
}

function stagedOf(value: unknown): StagedValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') {
    if ('id' in (value as ParsedId)) return (value as ParsedId).id;
    return (value as CellDate).date;
  }
  return value as string | number | boolean;
}

/**
 * Coded lists and yes/no columns repeat a handful of values down a million rows: their conversions are remembered
 * by text, a map per kind (up to a bound, so a column of garbage cannot grow the memory).
 */
const memo = new Map<ValueKind, Map<string, ReturnType<typeof convertCell>>>();
const MEMO_LIMIT = 20_000;
let memoSize = 0;

function convertMemo(kind: ValueKind, cell: RawCell, ctx: RowContext): ReturnType<typeof convertCell> {
  if (cell.type !== 'text' || !(kind === 'boolean' || kind.startsWith('coded:'))) return convertCell(kind, cell, ctx);
  let byText = memo.get(kind);
  if (byText === undefined) memo.set(kind, (byText = new Map()));
  let r = byText.get(cell.text);
  if (r === undefined) {
    r = convertCell(kind, cell, ctx);
    if (memoSize < MEMO_LIMIT) {
      byText.set(cell.text, r);
      memoSize++;
    }
  }
  return r;
}

/**
 * The household's columns (number, village, head, helper…) repeat on each of its rows, and the head's own ID number
 * is also the next rows' 户主身份证号: each column remembers its last cell and what it converted to, and the two ID
 * columns share theirs. A conversion depends only on the cell's type and value, the field's kind and the context's
 * date system and ID options (one object per file: its "today"), and its result is never modified.
 */
interface LastConversion {
  type: RawCell['type'] | undefined;
  value: unknown;
  result: ReturnType<typeof convertCell> | undefined;
}

/** One per staging column, kept for the process (a handful): a row's mapped columns hold theirs directly. */
const lastByColumn = new Map<string, LastConversion>();
let lastIdOptions: RowContext['id'] | undefined;
let lastDate1904: boolean | undefined;

function lastOf(column: string): LastConversion {
  let last = lastByColumn.get(column);
  if (last === undefined) lastByColumn.set(column, (last = { type: undefined, value: undefined, result: undefined }));
  return last;
}

/** Another file (or other options): nothing carries over. */
function forgetOtherFiles(ctx: RowContext): void {
  if (ctx.id === lastIdOptions && ctx.date1904 === lastDate1904) return;
  for (const last of lastByColumn.values()) last.result = undefined;
  lastIdOptions = ctx.id;
  lastDate1904 = ctx.date1904;
}

function cellKey(cell: RawCell): unknown {
  switch (cell.type) {
    case 'text':
      return cell.text;
    case 'number':
      return cell.number;
    case 'date':
      return cell.serial;
    case 'boolean':
      return cell.value;
    case 'error':
      return cell.error;
    default:
      return undefined;
  }
}

function convertRepeated(last: LastConversion, kind: ValueKind, cell: RawCell, ctx: RowContext): ReturnType<typeof convertCell> {
  const key = cellKey(cell);
  if (last.result !== undefined && last.type === cell.type && last.value === key) return last.result;
  const r = convertMemo(kind, cell, ctx);
  last.type = cell.type;
  last.value = key;
  last.result = r;
  return r;
}

/**
 * An ID column: the same cell as on the previous row (the head's ID on the household's next member), or the same
 * as the other ID column of this row (the head's own row, whichever of the two columns comes first).
 */
function convertId(mine: LastConversion, theirs: LastConversion, cell: RawCell, ctx: RowContext): ReturnType<typeof convertCell> {
  if (theirs.result !== undefined && theirs.type === cell.type && theirs.value === cellKey(cell)) {
    mine.type = theirs.type;
    mine.value = theirs.value;
    mine.result = theirs.result;
    return theirs.result;
  }
  return convertRepeated(mine, 'id', cell, ctx);
}

/** A column the sheet maps, with its conversion memory (and, for the two ID columns, the other one's). */
interface MappedColumn {
  readonly field: RosterField;
  readonly column: string;
  readonly kind: ValueKind;
  readonly last: LastConversion;
  readonly otherId: LastConversion | null;
}

const ID_PARTNER: Partial<Record<RosterField, string>> = { idNumber: 'head_id_number', headIdNumber: 'id_number' };

/** The columns a sheet maps (its `letters`), in the catalogue's order: a row looks up only those. */
const mappedColumns = new WeakMap<ReadonlyMap<RosterField, string>, readonly MappedColumn[]>();

function mappedOf(letters: ReadonlyMap<RosterField, string>): readonly MappedColumn[] {
  let mapped = mappedColumns.get(letters);
  if (mapped === undefined) {
    mapped = ROSTER_COLUMNS.filter((c) => letters.has(c.field)).map((c) => {
      const partner = ID_PARTNER[c.field];
      return { field: c.field, column: c.column, kind: fieldOf(ROSTER_CATALOGUE, c.field)!.kind, last: lastOf(c.column), otherId: partner ? lastOf(partner) : null };
    });
    mappedColumns.set(letters, mapped);
  }
  return mapped;
}

/** Every staging column, unset: a row's values start as a copy, so all rows share one object shape. */
const NO_VALUES: Record<string, StagedValue | undefined> = Object.fromEntries(ROSTER_COLUMNS.map((c) => [c.column, undefined]));

function addIssue(
  issues: RowIssue[],
  ctx: RowContext,
  code: IssueCode,
  field: RosterField | null,
  cell: RawCell | undefined,
  params: Record<string, string> = {},
): void {
  const def = field ? fieldOf(ROSTER_CATALOGUE, field) : undefined;
  issues.push({
    field,
    column: field ? (ctx.letters.get(field) ?? null) : null,
    value: cell ? cellText(cell, ctx.date1904) || null : null,
    severity: severityOf(code),
    code,
    ...issueMessages(code, { label: def?.label, labelEn: def?.labelEn, ...params }),
  });
}

export function stageRow(raw: Partial<Record<RosterField, RawCell>>, ctx: RowContext): StagedRow {
  const values = { ...NO_VALUES };
  const issues: RowIssue[] = [];
  let id: ParsedId | null = null;
  let headId: string | null = null;
  let birth: CellDate | null = null;
  forgetOtherFiles(ctx);
  const columns = mappedOf(ctx.letters);
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i]!;
    const cell = raw[c.field];
    if (cell === undefined) continue;
    const r = c.otherId ? convertId(c.last, c.otherId, cell, ctx) : convertRepeated(c.last, c.kind, cell, ctx);
    if (!r.ok) {
      const damaged = c.kind === 'id' && (r.code === 'EXCEL_DAMAGED' || r.code === 'NUMBER_TOO_LONG');
      if (r.code !== 'EMPTY') addIssue(issues, ctx, damaged ? 'ID_DAMAGED_BY_EXCEL' : 'CELL_INVALID', c.field, cell, { reason: r.reasonZh, reasonEn: r.reason });
      continue;
    }
    if (c.field === 'idNumber') id = r.value as ParsedId;
    if (c.field === 'headIdNumber') headId = (r.value as ParsedId).id;
    if (c.field === 'birthDate') birth = r.value as CellDate;
    values[c.column] = stagedOf(r.value);
  }

  for (const f of ['name', 'idNumber'] as const) {
    if (raw[f] === undefined) addIssue(issues, ctx, 'REQUIRED', f, undefined);
  }
  if (id) {
    if (values.sex != null && values.sex !== id.sex) addIssue(issues, ctx, 'ID_DISAGREES', 'sex', raw.sex, { expected: id.sex === 'male' ? '男' : '女', expectedEn: id.sex });
    if (birth && !sameBirth(birth, id.birthDate)) {
      addIssue(issues, ctx, 'ID_DISAGREES', 'birthDate', raw.birthDate, { expected: id.birthDate, expectedEn: id.birthDate });
    }
    values.sex = id.sex;
    values.birth_date = id.birthDate;
    if (values.relation == null && headId !== null && headId === id.id) values.relation = 'head';
  }

  const householdNo = values.household_no as string | undefined;
  const hhKey = householdNo ? `NO:${householdNo}` : headId ? `ID:${headId}` : id && values.relation === 'head' ? `ID:${id.id}` : null;
  if (hhKey === null && raw.householdNo === undefined && raw.headIdNumber === undefined) addIssue(issues, ctx, 'NO_HOUSEHOLD_KEY', null, undefined);
  return { hhKey, rowError: issues.some((i) => i.severity === 'error'), values, issues };
}

/** 出生年月 given to the month (199005) agrees with an ID number born any day of that month. */
function sameBirth(given: CellDate, fromId: string): boolean {
  return given.precision === 'month' ? given.date.slice(0, 7) === fromId.slice(0, 7) : given.date === fromId;
}
