/**
 * The households of an area projected below the standard on a date, with names, and per child area how many were
 * projected — computed by one projection (projection-sql.ts) and kept while the registry does not change.
 *
 * Paging, filtering by cause or gap and the summary all read this set: the projection of a whole city (70,801
 * households) takes seconds on PGlite, the set itself is a few thousand rows. "Does not change" is read from the
 * audit trail: every change to the registry, the measures or the standards appends an entry in the same
 * transaction, so the id of the newest entry that is not a read (view, export, login…) nor a plan's own is a version
 * of the data.
 */
import { sql } from 'drizzle-orm';
import { query, type DbOrTx } from '../../db/client.js';
import { projectionSql, type ProjectionRow } from './projection-sql.js';

export interface BelowLineRow {
  householdId: number;
  householdNo: string;
  areaId: number;
  /** The child area of the set's area the household lies in (null for a village's own set). */
  childAreaId: number | null;
  villageName: string;
  townshipName: string | null;
  countyName: string | null;
  headName: string | null;
  mainCause: string | null;
  size: number;
  periodStart: string;
  periodEnd: string;
  months: number;
  recordedNet: number;
  annualisedNet: number;
  scheduled: number;
  projectedNet: number;
  perCapita: number;
  standard: number;
  dibaoStandard: number | null;
  gapPerPerson: number;
  gap: number;
}

export interface BelowLineSet {
  rows: BelowLineRow[];
  /** Households projected (below or not) per child area and main cause, and those without a standard. */
  projected: { childAreaId: number | null; cause: string | null; households: number; withoutStandard: number }[];
}

const READS = ['view', 'export', 'reveal_id', 'login', 'login_failed', 'logout', 'password_change', 'password_reset'];
const MAX_ENTRIES = 8;
const caches = new WeakMap<object, Map<string, Promise<BelowLineSet>>>();

async function dataVersion(db: DbOrTx): Promise<number> {
  const [row] = await query<{ id: number }>(
    db,
    // Plans themselves change nothing projected until accepted, and accepting writes measure entries.
    sql`SELECT id FROM audit_log WHERE action <> ALL(${`{${READS.join(',')}}`}::text[]) AND entity <> 'gap_plan' ORDER BY id DESC LIMIT 1`,
  );
  return row?.id ?? 0;
}

type Row = ProjectionRow & {
  child: number | null;
  village_name: string;
  township_name: string | null;
  county_name: string | null;
  head_name: string | null;
};

function present(r: Row): BelowLineRow {
  const perCapita = Number(r.per_capita);
  const standard = Number(r.standard);
  return {
    householdId: r.household_id,
    householdNo: r.household_no,
    areaId: r.area_id,
    childAreaId: r.child,
    villageName: r.village_name,
    townshipName: r.township_name,
    countyName: r.county_name,
    headName: r.head_name,
    mainCause: r.main_cause,
    size: r.size,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    months: Number(r.months),
    recordedNet: Number(r.recorded_net),
    annualisedNet: Number(r.annualised),
    scheduled: Number(r.scheduled),
    projectedNet: Number(r.projected_net),
    perCapita,
    standard,
    dibaoStandard: r.dibao_standard === null ? null : Number(r.dibao_standard),
    gapPerPerson: Math.round((standard - perCapita) * 100) / 100,
    gap: Math.round((standard * r.size - Number(r.projected_net)) * 100) / 100,
  };
}

async function compute(db: DbOrTx, scopePath: string, on: string): Promise<BelowLineSet> {
  const child = sql`nullif(split_part(substr(p.area_path, ${scopePath.length + 1}), '/', 1), '')::int`;
  return db.transaction(async (tx) => {
    // The registry tables are often unanalysed (PGlite has no autovacuum): with one-row guesses for every step the
    // planner joins thousands of households to thousands by nested loops (12.7 s instead of 0.14 s for 2,000).
    await tx.execute(sql`SET LOCAL enable_nestloop = off`);
    await tx.execute(sql`DROP TABLE IF EXISTS jz_projection`);
    await tx.execute(sql`CREATE TEMP TABLE jz_projection ON COMMIT DROP AS
      SELECT p.*, ${child} AS child FROM (${projectionSql({ scopePath, on })}) p`);
    const projected = await query<{ child: number | null; cause: string | null; households: number; without_standard: number }>(
      tx,
      sql`SELECT child, main_cause AS cause, count(*)::int AS households, count(*) FILTER (WHERE standard IS NULL)::int AS without_standard
          FROM jz_projection GROUP BY 1, 2`,
    );
    const rows = await query<Row>(
      tx,
      sql`SELECT b.*, v.name AS village_name, t.name AS township_name, c.name AS county_name, hd.name AS head_name
          FROM jz_projection b
          JOIN areas v ON v.id = b.area_id
          LEFT JOIN areas t ON t.id = v.parent_id
          LEFT JOIN areas c ON c.id = t.parent_id
          LEFT JOIN LATERAL (SELECT m.name FROM members m WHERE m.household_id = b.household_id AND m.relation = 'head' AND m.ended_on IS NULL
                             ORDER BY m.id LIMIT 1) hd ON true
          WHERE b.per_capita < b.standard
          ORDER BY b.area_path, b.household_no`,
    );
    return {
      rows: rows.map(present),
      projected: projected.map((p) => ({ childAreaId: p.child, cause: p.cause, households: p.households, withoutStandard: p.without_standard })),
    };
  });
}

/** The set for an area (already checked against the user's scope) on a date, computed again when the data changed. */
export async function belowLineSet(db: DbOrTx, scopePath: string, on: string): Promise<BelowLineSet> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const key = `${scopePath}|${on}|${await dataVersion(db)}`;
  let entry = cache.get(key);
  if (entry) {
    // Most recently used last: the first key is the one to drop.
    cache.delete(key);
    cache.set(key, entry);
  } else {
    entry = compute(db, scopePath, on);
    cache.set(key, entry);
    entry.catch(() => cache.delete(key));
    while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  }
  return entry;
}
