/**
 * The comparison of the checked rows with the registry: which households and members are new, changed or unchanged,
 * counted, with a field-by-field sample. Only the columns the file maps are compared (and later written): a column
 * the file does not have leaves the registry's value alone. Within a mapped column an empty cell clears the value,
 * except for the registry's NOT NULL columns (民族, 低保, 特困, 公益岗位), where it keeps it.
 */
import { sql, type SQL } from 'drizzle-orm';
import { query, type DbOrTx } from '../../db/client.js';
import { labelOf, type CodeListName } from '../../domain/codes.js';
import { fieldOf, ROSTER_CATALOGUE, type RosterField } from '../ingest/fields.js';
import { NOT_NULL_KEEP, targetColumns, type RosterColumn } from './roster.js';
import type { ImportCounts, ImportSample } from './types.js';

const raw = (s: string) => sql.raw(s);

/**
 * The value a registry column gets from staged row `row` and, for an existing record, the registry's row `reg`
 * (null for a new record).
 */
export function valueSql(c: RosterColumn, row: string, reg: string | null): string {
  const keep = NOT_NULL_KEEP[c.target!][c.column];
  if (keep === undefined) return `${row}."${c.column}"`;
  const parts = [`${row}."${c.column}"`, ...(reg ? [`${reg}."${c.column}"`] : []), ...(keep ? [keep] : [])];
  return parts.length === 1 ? parts[0]! : `coalesce(${parts.join(', ')})`;
}

/** Member column value, row `r` over registry member `m`. */
export const memberValue = (c: RosterColumn): SQL => raw(valueSql(c, 'r', 'm'));
/** Household column value, source row `s` over registry household `h`. */
export const householdValue = (c: RosterColumn): SQL => raw(valueSql(c, 's', 'h'));

/** A jsonb object of the columns, keyed by the registry's field names, from `alias` or from value expressions. */
export function jsonOf(columns: readonly RosterColumn[], value: (c: RosterColumn) => SQL): SQL {
  return sql`jsonb_build_object(${sql.join(
    columns.map((c) => sql`${camel(c.column)}::text, ${value(c)}`),
    sql`, `,
  )})`;
}

export function camel(column: string): string {
  return column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

function distinctAny(columns: readonly RosterColumn[], left: (c: RosterColumn) => SQL, right: (c: RosterColumn) => SQL): SQL {
  if (columns.length === 0) return sql`false`;
  return sql.join(
    columns.map((c) => sql`(${left(c)} IS DISTINCT FROM ${right(c)})`),
    sql` OR `,
  );
}

export interface Comparison {
  households: ImportCounts;
  members: ImportCounts & { absent: number };
  rowsRejected: number;
}

export async function compare(db: DbOrTx, jobId: number, mapped: ReadonlySet<RosterField>): Promise<Comparison> {
  const hCols = targetColumns(mapped, 'household');
  const mCols = targetColumns(mapped, 'member');
  await db.execute(sql`
    UPDATE import_households ih SET state = CASE WHEN ${distinctAny(hCols, householdValue, (c) => raw(`h."${c.column}"`))} THEN 'changed' ELSE 'unchanged' END
    FROM import_rows s, households h
    WHERE ih.job_id = ${jobId} AND ih.state IS NULL AND ih.household_id IS NOT NULL
      AND s.job_id = ${jobId} AND s.seq = coalesce(ih.head_seq, ih.first_seq) AND h.id = ih.household_id`);
  await db.execute(sql`UPDATE import_households SET state = 'new' WHERE job_id = ${jobId} AND state IS NULL AND household_id IS NULL`);

  await db.execute(sql`
    INSERT INTO import_members (job_id, seq, hh_key, member_id, state)
    SELECT DISTINCT ON (r.seq) ${jobId}, r.seq, r.hh_key, m.id,
      CASE WHEN ih.state IS NULL OR ih.state = 'rejected' THEN 'rejected'
           WHEN m.id IS NULL THEN 'new'
           WHEN ${distinctAny(mCols, memberValue, (c) => raw(`m."${c.column}"`))} THEN 'changed'
           ELSE 'unchanged' END
    FROM import_rows r
    LEFT JOIN import_households ih ON ih.job_id = ${jobId} AND ih.hh_key = r.hh_key
    LEFT JOIN members m ON ih.state <> 'rejected' AND m.household_id = ih.household_id AND m.id_number = r.id_number AND m.ended_on IS NULL
    WHERE r.job_id = ${jobId}
    ORDER BY r.seq, m.id`);

  // Freshly filled staging: without statistics the planner takes them for empty and the commit's joins crawl.
  await db.execute(sql`ANALYZE import_households`);
  await db.execute(sql`ANALYZE import_members`);
  const [h] = await query<Record<string, number>>(
    db,
    sql`SELECT count(*) FILTER (WHERE state = 'new')::int AS new, count(*) FILTER (WHERE state = 'changed')::int AS changed,
               count(*) FILTER (WHERE state = 'unchanged')::int AS unchanged, count(*) FILTER (WHERE state = 'rejected')::int AS rejected
        FROM import_households WHERE job_id = ${jobId}`,
  );
  const [m] = await query<Record<string, number>>(
    db,
    sql`SELECT count(*) FILTER (WHERE state = 'new')::int AS new, count(*) FILTER (WHERE state = 'changed')::int AS changed,
               count(*) FILTER (WHERE state = 'unchanged')::int AS unchanged, count(*) FILTER (WHERE state = 'rejected')::int AS rejected
        FROM import_members WHERE job_id = ${jobId}`,
  );
  const [absent] = await query<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM import_households ih JOIN members m ON m.household_id = ih.household_id AND m.ended_on IS NULL
        WHERE ih.job_id = ${jobId} AND ih.state <> 'rejected'
          AND NOT EXISTS (SELECT 1 FROM import_rows r WHERE r.job_id = ${jobId} AND r.hh_key = ih.hh_key AND r.id_number = m.id_number)`,
  );
  const counts = (r: Record<string, number> | undefined): ImportCounts => ({
    new: Number(r?.new ?? 0),
    changed: Number(r?.changed ?? 0),
    unchanged: Number(r?.unchanged ?? 0),
    rejected: Number(r?.rejected ?? 0),
  });
  const members = counts(m);
  return { households: counts(h), members: { ...members, absent: Number(absent?.n ?? 0) }, rowsRejected: members.rejected };
}

type SampleRow = {
  entity: 'household' | 'member';
  action: 'create' | 'update';
  household_no: string | null;
  name: string | null;
  sheet: string;
  row_number: number;
  old_values: Record<string, unknown> | null;
  new_values: Record<string, unknown>;
};

/** Up to `limit` creations and updates, households first, with each changed field's old and new value. */
export async function sampleChanges(db: DbOrTx, jobId: number, mapped: ReadonlySet<RosterField>, limit = 50): Promise<ImportSample[]> {
  const hCols = targetColumns(mapped, 'household');
  const mCols = targetColumns(mapped, 'member');
  const half = Math.ceil(limit / 2);
  const rows = await query<SampleRow>(
    db,
    sql`(SELECT 'household' AS entity, CASE ih.state WHEN 'new' THEN 'create' ELSE 'update' END AS action, ih.household_no, s.name, s.sheet, s.row_number,
               ${hCols.length ? jsonOf(hCols, (c) => raw(`h."${c.column}"`)) : sql`'{}'::jsonb`} AS old_values,
               ${hCols.length ? jsonOf(hCols, householdValue) : sql`'{}'::jsonb`} AS new_values
         FROM (SELECT * FROM import_households WHERE job_id = ${jobId} AND state IN ('new', 'changed') ORDER BY first_seq LIMIT ${half}) ih
         JOIN import_rows s ON s.job_id = ${jobId} AND s.seq = coalesce(ih.head_seq, ih.first_seq)
         LEFT JOIN households h ON h.id = ih.household_id
         ORDER BY s.seq)
        UNION ALL
        (SELECT 'member', CASE im.state WHEN 'new' THEN 'create' ELSE 'update' END, ih.household_no, r.name, r.sheet, r.row_number,
               ${jsonOf(mCols, (c) => raw(`m."${c.column}"`))}, ${jsonOf(mCols, memberValue)}
         FROM (SELECT * FROM import_members WHERE job_id = ${jobId} AND state IN ('new', 'changed') ORDER BY seq LIMIT ${limit - half}) im
         JOIN import_rows r ON r.job_id = ${jobId} AND r.seq = im.seq
         JOIN import_households ih ON ih.job_id = ${jobId} AND ih.hh_key = r.hh_key
         LEFT JOIN members m ON m.id = im.member_id
         ORDER BY im.seq)`,
  );
  return rows.map((r) => ({
    entity: r.entity,
    action: r.action,
    householdNo: r.household_no ?? '',
    name: r.name ?? '',
    sheet: r.sheet,
    rowNumber: r.row_number,
    changes: Object.entries(r.new_values)
      .filter(([k, v]) => r.action === 'create' ? v !== null : !same(r.old_values?.[k], v))
      .map(([k, v]) => ({ field: k, label: labelOfField(k), old: r.action === 'create' ? null : shown(k, r.old_values?.[k]), new: shown(k, v) })),
  }));
}

function same(a: unknown, b: unknown): boolean {
  return String(a ?? '') === String(b ?? '');
}

const FIELD_BY_PROPERTY = new Map<string, RosterField>([['type', 'householdType']]);

function fieldDef(property: string) {
  return fieldOf(ROSTER_CATALOGUE, FIELD_BY_PROPERTY.get(property) ?? property);
}

function labelOfField(property: string): string {
  return fieldDef(property)?.label ?? property;
}

/** A value as the user typed it: coded lists by their Chinese label, booleans as 是/否. */
function shown(property: string, v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? '是' : '否';
  const kind = fieldDef(property)?.kind;
  if (kind?.startsWith('coded:')) return labelOf(kind.slice(6) as CodeListName, String(v)) ?? String(v);
  return String(v);
}
