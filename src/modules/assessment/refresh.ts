/**
 * Recomputing stored assessments. A refresh replaces the target's rows for the dates in one transaction: one DELETE
 * and one INSERT … SELECT (sql.ts), whatever the number of households. The registry and the import commit call it
 * inside their own transactions, so a change and its assessment commit together; a new standard and the city
 * office's refresh go area part by area part (refreshAreaInParts), right after.
 *
 * This file imports nothing from the registry: the registry's services import it.
 */
import { sql } from 'drizzle-orm';
import { parallelismOf, query, type Db, type DbOrTx } from '../../db/client.js';
import { forEachPart } from '../../db/parallel.js';
import { ASSESSMENT_COLUMNS, assessmentSelect, storedTarget, type AssessmentTarget } from './sql.js';

export type { AssessmentTarget } from './sql.js';

/**
 * The reference dates assessments are stored for (oldest first), optionally within [from, to]. A loose index scan:
 * one index probe per date, however many households.
 */
export async function storedReferenceDates(db: DbOrTx, range: { from?: string | undefined; to?: string | null | undefined } = {}): Promise<string[]> {
  const from = range.from ?? '0001-01-01';
  const rows = await query<{ reference_date: string }>(
    db,
    sql`WITH RECURSIVE d AS (
          (SELECT reference_date FROM household_assessments WHERE reference_date >= ${from}::date ORDER BY reference_date LIMIT 1)
          UNION ALL
          SELECT (SELECT ha.reference_date FROM household_assessments ha WHERE ha.reference_date > d.reference_date ORDER BY ha.reference_date LIMIT 1)
          FROM d WHERE d.reference_date IS NOT NULL)
        SELECT reference_date::text AS reference_date FROM d
        WHERE reference_date IS NOT NULL AND (${range.to ?? null}::date IS NULL OR reference_date <= ${range.to ?? null}::date)`,
  );
  return rows.map((r) => r.reference_date);
}

/** The columns of a stored assessment that a recomputation may change. */
const CHANGED = ASSESSMENT_COLUMNS.slice(2);
// A refresh of one household may meet a city-wide one writing the same row: the later write wins, neither fails.
// computed_at is when the result last changed.
const UPDATE_ALL = [...CHANGED, 'computed_at'].map((c) => `${c} = EXCLUDED.${c}`).join(', ');

/** Up to this many listed households, a refresh is planned like any query (index lookups). */
const SMALL_TARGET = 50;

async function replace(db: DbOrTx, dates: readonly string[], target: AssessmentTarget): Promise<number> {
  if (dates.length === 0) return 0;
  return db.transaction(async (tx) => {
    // A large target is a batch over whole tables: hash joins, never nested loops. Right after a bulk load (the demo,
    // an import; PGlite has no autovacuum) the planner has no statistics, guesses a handful of rows and would pair two
    // computed sets row by row, which is quadratic. Refusing nested loops inflates the plan's cost estimate, which
    // would make a server JIT-compile the statement (10 s for this one): JIT goes off too. Both are put back after.
    const batch = !Array.isArray(target.householdIds) || target.householdIds.length > SMALL_TARGET;
    const [was] = batch ? await query<{ loop: string; jit: string }>(tx, sql`SELECT current_setting('enable_nestloop') AS loop, current_setting('jit') AS jit`) : [];
    if (was) await tx.execute(sql`SELECT set_config('enable_nestloop', 'off', true), set_config('jit', 'off', true)`);
    // Only what changed is written: a recomputation where little changed (the usual case) writes little, which also
    // keeps PGlite, which never vacuums by itself, from filling the table with dead rows.
    const [row] = await query<{ n: number }>(
      tx,
      sql`WITH fresh AS MATERIALIZED (${assessmentSelect(dates, target)}),
          gone AS (
            DELETE FROM household_assessments ha
            WHERE ha.reference_date IN (SELECT unnest(${sql.param([...dates])}::text[]::date[])) AND ${storedTarget(target)}
              AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.household_id = ha.household_id AND f.reference_date = ha.reference_date)
            RETURNING 1),
          written AS (
            INSERT INTO household_assessments (${sql.raw(ASSESSMENT_COLUMNS.join(', '))})
            SELECT f.* FROM fresh f
            LEFT JOIN household_assessments ha ON ha.household_id = f.household_id AND ha.reference_date = f.reference_date
            WHERE ha.household_id IS NULL OR (${sql.raw(CHANGED.map((c) => `f.${c}`).join(', '))}) IS DISTINCT FROM (${sql.raw(CHANGED.map((c) => `ha.${c}`).join(', '))})
            ON CONFLICT (household_id, reference_date) DO UPDATE SET ${sql.raw(UPDATE_ALL)}
            RETURNING 1)
          SELECT (SELECT count(*) FROM fresh)::int AS n, (SELECT count(*) FROM gone)::int AS gone, (SELECT count(*) FROM written)::int AS written`,
    );
    if (was) await tx.execute(sql`SELECT set_config('enable_nestloop', ${was.loop}, true), set_config('jit', ${was.jit}, true)`);
    return row?.n ?? 0;
  });
}

/** Assesses the target's households (all when no target) on one date, replacing what was stored; returns the count. */
export async function refreshAssessments(db: DbOrTx, opts: AssessmentTarget & { referenceDate: string }): Promise<number> {
  const { referenceDate, ...target } = opts;
  return replace(db, [referenceDate], target);
}

/**
 * Re-assesses the target's households on every stored reference date (within [from, to] when given): what a change
 * of registry data or of a standard calls. Nothing is stored yet → nothing to do.
 */
export async function refreshStoredAssessments(
  db: DbOrTx,
  opts: AssessmentTarget & { from?: string | undefined; to?: string | null | undefined } = {},
): Promise<number> {
  const { from, to, ...target } = opts;
  return replace(db, await storedReferenceDates(db, { from, to }), target);
}

/**
 * On one connection (PGlite) child areas are taken together up to about this many villages per statement: each
 * statement has a fixed cost (its planning alone is ~50 ms in WebAssembly), paid three times for the demo city
 * instead of eight, and a request arriving meanwhile waits for one part, about a second, no longer than for a rule
 * run's statements.
 */
export const VILLAGES_PER_PART = 2_000;

/** Child areas (largest first) packed into parts of at most `capacity` villages, first fit; a larger child alone. */
export function packParts(children: readonly { path: string; villages: number }[], capacity: number): string[][] {
  const parts: { paths: string[]; villages: number }[] = [];
  for (const c of children) {
    const part = parts.find((p) => p.villages + c.villages <= capacity);
    if (part) {
      part.paths.push(c.path);
      part.villages += c.villages;
    } else parts.push({ paths: [c.path], villages: c.villages });
  }
  return parts.map((p) => p.paths);
}

/**
 * A large area re-assessed part by part, each in its own transaction: on PGlite, whose single connection a
 * transaction holds, other requests get their turn between the parts instead of waiting for the whole city (a part is
 * child areas packed up to VILLAGES_PER_PART); on a server one child area per part, several at once, the locks held
 * for a part, not the whole. The dates are the given ones, else the stored ones within [from, to]. Returns the
 * households assessed.
 */
export async function refreshAreaInParts(
  db: Db,
  opts: { areaPath: string; dates?: readonly string[] | undefined; from?: string | undefined; to?: string | null | undefined },
): Promise<number> {
  const dates = opts.dates ?? (await storedReferenceDates(db, { from: opts.from, to: opts.to }));
  if (dates.length === 0) return 0;
  const children = await query<{ path: string; villages: number }>(
    db,
    sql`SELECT c.path, (SELECT count(*) FROM areas v WHERE starts_with(v.path, c.path))::int AS villages
        FROM areas c JOIN areas p ON p.id = c.parent_id
        WHERE p.path = ${opts.areaPath}
        ORDER BY 2 DESC, c.path`,
  );
  if (children.length === 0) return replace(db, dates, { areaPath: opts.areaPath });
  const lanes = parallelismOf(db);
  const parts = lanes > 1 ? children.map((c) => [c.path]) : packParts(children, VILLAGES_PER_PART);
  let households = 0;
  // On a server several parts at once (each in its own transaction and connection), those with most villages first.
  await forEachPart(db, parts, async (paths) => {
    const n = await replace(db, dates, { areaPath: paths });
    households += n;
  });
  return households;
}
