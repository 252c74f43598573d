/**
 * The commit's writes, set-based, inside the caller's transaction (after the checks and the comparison ran again
 * in it): new households and members get ids and numbers, changed ones are updated (their version bumped, so an
 * open edit form notices), and every creation and change goes into the audit trail under the import's batch with
 * the old and new values of just the fields that changed.
 */
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import { query, type Tx } from '../../db/client.js';
import { refreshStoredAssessments } from '../assessment/refresh.js';
import type { RosterField } from '../ingest/fields.js';
import { households, members } from '../registry/schema.js';
import { householdValue, jsonOf, memberValue, valueSql } from './compare.js';
import { targetColumns, type RosterColumn } from './roster.js';
import type { ImportResult } from './types.js';

const raw = (s: string) => sql.raw(s);

export interface ApplyContext {
  readonly jobId: number;
  readonly userId: number;
  readonly username: string;
  readonly ip: string | null;
  readonly mapped: ReadonlySet<RosterField>;
}

/**
 * A registry row as the registry's own audit entries show it (presenter.ts householdAuditValues): the Drizzle field
 * names, without the time stamps and the area path. `to_jsonb` of a row of renamed columns makes the same object as
 * `jsonb_build_object` over the same pairs (same value conversions; a jsonb object's keys have no order of their own)
 * with a quarter less work, which counts at one entry per imported member.
 */
function auditJson(table: typeof households | typeof members, alias: string): SQL {
  const skip = new Set(['createdAt', 'updatedAt', 'areaPath']);
  const columns = Object.entries(getTableColumns(table))
    .filter(([prop]) => !skip.has(prop))
    .map(([prop, column]) => `${alias}."${column.name}" AS "${prop}"`);
  return raw(`to_jsonb((SELECT r FROM (SELECT ${columns.join(', ')}) r))`);
}

/** Old and new values of just the keys whose values differ. */
function changedOnly(oldJson: SQL, newJson: SQL): { old: SQL; new: SQL } {
  const pairs = sql`jsonb_each(${newJson}) n(k, v) JOIN jsonb_each(${oldJson}) o(k, v) ON o.k = n.k WHERE o.v IS DISTINCT FROM n.v`;
  return {
    old: sql`(SELECT jsonb_object_agg(o.k, o.v) FROM ${pairs})`,
    new: sql`(SELECT jsonb_object_agg(n.k, n.v) FROM ${pairs})`,
  };
}

/**
 * A block of ids for the commit's new rows, drawn from the table's sequence at once: row k gets base + k (k is its
 * staged row number, so rows that are not new leave gaps, as a sequence may). Numbering the staged rows one by one
 * rewrote them and joined them back in every later statement. Nobody else draws from the sequence in between: other
 * registry writers wait on the lock the commit takes before its checks.
 */
async function reserveIds(tx: Tx, table: 'households' | 'members', highest: SQL): Promise<{ base: number; id: (k: string) => SQL; range: (alias: string) => SQL }> {
  const [row] = await query<{ base: string; last: string }>(
    tx,
    sql`WITH v AS (SELECT nextval(pg_get_serial_sequence(${table}, 'id')) AS base)
        SELECT v.base, setval(pg_get_serial_sequence(${table}, 'id'), v.base + coalesce((${highest}), 0)) AS last FROM v`,
  );
  const [base, last] = [Number(row!.base), Number(row!.last)];
  return { base, id: (k) => raw(`${base} + ${k}`), range: (alias) => raw(`${alias}.id > ${base} AND ${alias}.id <= ${last}`) };
}

function list(columns: readonly RosterColumn[], f: (c: RosterColumn) => string): SQL {
  return raw(columns.map(f).join(', '));
}

export async function applyImport(tx: Tx, ctx: ApplyContext): Promise<ImportResult> {
  const job = ctx.jobId;
  const batch = `import-${job}`;
  const who = sql`${ctx.userId}::int, ${ctx.username}::text, ${ctx.ip}::text`;
  const hCols = targetColumns(ctx.mapped, 'household');
  const mCols = targetColumns(ctx.mapped, 'member');

  // New households: ids from a reserved block (the household's first staged row number added to the block's base),
  // numbers as given or the village's next free one.
  const hBlock = await reserveIds(tx, 'households', sql`SELECT max(first_seq) FROM import_households WHERE job_id = ${job} AND state = 'new'`);
  // Every later statement finds a household's id here: a new one's from the block, another's as the comparison found it.
  const householdId = (ih: string) => raw(`CASE WHEN ${ih}.state = 'new' THEN ${hBlock.base} + ${ih}.first_seq ELSE ${ih}.household_id END`);
  await tx.execute(sql`
    WITH top AS (
      SELECT x.area_id, max(substr(x.no, 13)::int) AS n FROM (
        SELECT h.area_id, h.household_no AS no, a.code FROM households h JOIN areas a ON a.id = h.area_id
        WHERE h.area_id IN (SELECT area_id FROM import_households WHERE job_id = ${job} AND state = 'new' AND household_no IS NULL)
        UNION ALL
        SELECT ih.area_id, ih.household_no, a.code FROM import_households ih JOIN areas a ON a.id = ih.area_id
        WHERE ih.job_id = ${job} AND ih.household_no IS NOT NULL) x
      WHERE x.no ~ ('^' || x.code || '[0-9]{4}$') GROUP BY x.area_id),
    numbered AS (
      SELECT ih.hh_key, coalesce(top.n, 0) + row_number() OVER (PARTITION BY ih.area_id ORDER BY ih.first_seq) AS n, a.code
      FROM import_households ih JOIN areas a ON a.id = ih.area_id LEFT JOIN top ON top.area_id = ih.area_id
      WHERE ih.job_id = ${job} AND ih.state = 'new' AND ih.household_no IS NULL)
    UPDATE import_households ih SET household_no = numbered.code || lpad(numbered.n::text, greatest(4, length(numbered.n::text)), '0')
    FROM numbered WHERE ih.job_id = ${job} AND ih.hh_key = numbered.hh_key`);
  await tx.execute(sql`
    INSERT INTO households (id, household_no, area_id, area_path, registered_on${hCols.length ? raw(', ' + hCols.map((c) => `"${c.column}"`).join(', ')) : sql``})
    SELECT ${hBlock.id('ih.first_seq')}, ih.household_no, ih.area_id, ih.area_path, current_date
      ${hCols.length ? raw(', ' + hCols.map((c) => valueSql(c, 's', null)).join(', ')) : sql``}
    FROM import_households ih JOIN import_rows s ON s.job_id = ${job} AND s.seq = coalesce(ih.head_seq, ih.first_seq)
    WHERE ih.job_id = ${job} AND ih.state = 'new'`);
  await tx.execute(sql`
    INSERT INTO audit_log (user_id, username, ip, action, entity, entity_id, area_path, new_values, batch, household_id)
    SELECT ${who}, 'create', 'household', h.id::text, h.area_path, ${auditJson(households, 'h')}, ${batch}, h.id
    FROM households h WHERE ${hBlock.range('h')}`);

  if (hCols.length > 0) {
    const diff = changedOnly(
      jsonOf(hCols, (c) => raw(`h."${c.column}"`)),
      jsonOf(hCols, householdValue),
    );
    await tx.execute(sql`
      INSERT INTO audit_log (user_id, username, ip, action, entity, entity_id, area_path, old_values, new_values, batch, household_id)
      SELECT ${who}, 'update', 'household', h.id::text, h.area_path, ${diff.old}, ${diff.new}, ${batch}, h.id
      FROM import_households ih JOIN import_rows s ON s.job_id = ${job} AND s.seq = coalesce(ih.head_seq, ih.first_seq)
      JOIN households h ON h.id = ih.household_id
      WHERE ih.job_id = ${job} AND ih.state = 'changed'`);
    await tx.execute(sql`
      UPDATE households h SET ${list(hCols, (c) => `"${c.column}" = ${valueSql(c, 's', 'h')}`)}, version = h.version + 1, updated_at = now()
      FROM import_households ih, import_rows s
      WHERE ih.job_id = ${job} AND ih.state = 'changed' AND h.id = ih.household_id AND s.job_id = ${job} AND s.seq = coalesce(ih.head_seq, ih.first_seq)`);
  }

  // Members: changed ones first (audit, then update), then new ones with their joining event.
  const mDiff = changedOnly(
    jsonOf(mCols, (c) => raw(`m."${c.column}"`)),
    jsonOf(mCols, memberValue),
  );
  await tx.execute(sql`
    INSERT INTO audit_log (user_id, username, ip, action, entity, entity_id, area_path, old_values, new_values, batch, household_id)
    SELECT ${who}, 'update', 'member', m.id::text, m.area_path, ${mDiff.old}, ${mDiff.new}, ${batch}, m.household_id
    FROM import_rows r JOIN import_members im ON im.job_id = ${job} AND im.seq = r.seq JOIN members m ON m.id = im.member_id
    WHERE r.job_id = ${job} AND im.state = 'changed'`);
  await tx.execute(sql`
    UPDATE members m SET ${list(mCols, (c) => `"${c.column}" = ${valueSql(c, 'r', 'm')}`)}, version = m.version + 1, updated_at = now()
    FROM import_rows r JOIN import_members im ON im.job_id = ${job} AND im.seq = r.seq
    WHERE r.job_id = ${job} AND im.state = 'changed' AND m.id = im.member_id`);

  // New members' ids likewise: the block's base plus the row's staged number.
  const mBlock = await reserveIds(tx, 'members', sql`SELECT max(seq) FROM import_members WHERE job_id = ${job} AND state = 'new'`);
  const newCols = mCols.map((c) => `"${c.column}"`).join(', ');
  await tx.execute(sql`
    INSERT INTO members (id, household_id, area_path, joined_on, ${raw(newCols)})
    SELECT ${mBlock.id('r.seq')}, ${householdId('ih')}, ih.area_path, current_date, ${list(mCols, (c) => valueSql(c, 'r', null))}
    FROM import_rows r JOIN import_members im ON im.job_id = ${job} AND im.seq = r.seq JOIN import_households ih ON ih.job_id = ${job} AND ih.hh_key = r.hh_key
    WHERE r.job_id = ${job} AND im.state = 'new'`);
  // Their events and audit entries read the rows just written (the events' kind from whether the household is new).
  await tx.execute(sql`
    INSERT INTO member_events (household_id, member_id, kind, occurred_on, note, recorded_by)
    SELECT m.household_id, m.id,
           CASE WHEN nh.hh_key IS NOT NULL THEN 'joined' WHEN m.birth_date > current_date - 366 THEN 'birth' ELSE 'moved_in' END,
           CASE WHEN nh.hh_key IS NULL AND m.birth_date > current_date - 366 THEN m.birth_date ELSE current_date END,
           ${`导入 ${batch}`}, ${ctx.userId}
    FROM members m LEFT JOIN import_households nh ON nh.job_id = ${job} AND nh.state = 'new' AND ${hBlock.id('nh.first_seq')} = m.household_id
    WHERE ${mBlock.range('m')}`);
  await tx.execute(sql`
    INSERT INTO audit_log (user_id, username, ip, action, entity, entity_id, area_path, new_values, batch, household_id)
    SELECT ${who}, 'create', 'member', m.id::text, m.area_path, ${auditJson(members, 'm')}, ${batch}, m.household_id
    FROM members m WHERE ${mBlock.range('m')}`);

  // A household whose members changed is a changed household for anyone holding an edit form open.
  await tx.execute(sql`
    UPDATE households h SET version = h.version + 1, updated_at = now()
    WHERE h.id IN (SELECT ih.household_id FROM import_households ih WHERE ih.job_id = ${job} AND ih.state = 'unchanged'
                   AND EXISTS (SELECT 1 FROM import_members im WHERE im.job_id = ${job} AND im.hh_key = ih.hh_key AND im.state IN ('new', 'changed')))`);

  // One set-based re-assessment of every household the commit created or changed (its own fields or its members').
  await refreshStoredAssessments(tx, {
    householdIds: sql`SELECT ${householdId('ih')} FROM import_households ih WHERE ih.job_id = ${job} AND (ih.household_id IS NOT NULL OR ih.state = 'new')
      AND (ih.state IN ('new', 'changed') OR EXISTS (SELECT 1 FROM import_members im WHERE im.job_id = ${job} AND im.hh_key = ih.hh_key AND im.state IN ('new', 'changed')))`,
  });

  const [counts] = await query<Record<string, number>>(
    tx,
    sql`SELECT (SELECT count(*) FROM import_households WHERE job_id = ${job} AND state = 'new')::int AS hc,
               (SELECT count(*) FROM import_households WHERE job_id = ${job} AND state = 'changed')::int AS hu,
               (SELECT count(*) FROM import_members WHERE job_id = ${job} AND state = 'new')::int AS mc,
               (SELECT count(*) FROM import_members WHERE job_id = ${job} AND state = 'changed')::int AS mu`,
  );
  return {
    householdsCreated: Number(counts?.hc ?? 0),
    householdsUpdated: Number(counts?.hu ?? 0),
    membersCreated: Number(counts?.mc ?? 0),
    membersUpdated: Number(counts?.mu ?? 0),
    batch,
  };
}
