/**
 * Planner statistics taken when the data has changed enough, by the rule PostgreSQL's autovacuum applies
 * (autovacuum_analyze_threshold + autovacuum_analyze_scale_factor × rows). PGlite has no autovacuum: without
 * statistics, plans over freshly loaded data chose nested loops that did not finish in ten minutes on 2,000
 * households; with them taken before every rule run, a run spent a second (city) resampling data that had not
 * changed. The change counters live in the statistics system: PGlite keeps them while the process runs and starts
 * from zero after a restart, when "never analysed" (no last_analyze) makes the first check take them again.
 */
import { sql } from 'drizzle-orm';
import { query, type DbOrTx } from './client.js';

/** The registry's tables a rule run and an assessment read in bulk. */
export const REGISTRY_TABLES = ['households', 'members', 'incomes', 'measures'] as const;

export interface StatisticsCheck {
  /** The tables analysed now (stale or never analysed); empty when every table was fresh. */
  analyzed: string[];
}

/** Which of `tables` need new statistics: never analysed since the counters started, or changed beyond the threshold. */
export async function staleTables(db: DbOrTx, tables: readonly string[]): Promise<string[]> {
  // Counters of the statements just run are flushed at most once a second; this makes the next flush immediate.
  await db.execute(sql`SELECT pg_stat_force_next_flush()`);
  const rows = await query<{ name: string; stale: boolean }>(
    db,
    sql`SELECT t.name,
               s.relid IS NULL OR c.reltuples < 0 OR (s.last_analyze IS NULL AND s.last_autoanalyze IS NULL)
               OR s.n_mod_since_analyze > current_setting('autovacuum_analyze_threshold')::float8
                                          + current_setting('autovacuum_analyze_scale_factor')::float8 * c.reltuples AS stale
        FROM unnest(${sql.param([...tables])}::text[]) AS t(name)
        JOIN pg_class c ON c.oid = to_regclass(t.name)
        LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid`,
  );
  return rows.filter((r) => r.stale).map((r) => r.name);
}

/** Analyses the tables among `tables` whose statistics are stale (staleTables); the others keep theirs. */
export async function analyzeStale(db: DbOrTx, tables: readonly string[] = REGISTRY_TABLES): Promise<StatisticsCheck> {
  const stale = await staleTables(db, tables);
  if (stale.length) await db.execute(sql`ANALYZE ${sql.join(stale.map((t) => sql.identifier(t)), sql`, `)}`);
  return { analyzed: stale };
}
