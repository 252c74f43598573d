import { sql } from 'drizzle-orm';
import { query, type DbOrTx } from '../../db/client.js';
import type { RuleRunContext, StandardInForce } from '../../domain/rules/types.js';
import { loadAddedDatasetTypes } from '../departments/dataset-types.js';

/**
 * Every standard value in force on a date, for every area at once: the compiled rule picks the most specific
 * area's value per household itself, so one context serves a whole city run.
 */
export async function standardsInForce(db: DbOrTx, on: string): Promise<StandardInForce[]> {
  const rows = await query<{ key: string; area_path: string; value: string }>(
    db,
    sql`SELECT key, area_path, value FROM standard_values
        WHERE effective_from <= ${on} AND (effective_to IS NULL OR effective_to >= ${on})
        ORDER BY key, length(area_path), area_path`,
  );
  return rows.map((r) => ({ key: r.key, areaPath: r.area_path, value: Number(r.value) }));
}

/**
 * The department snapshot each dataset type has in force on a date: the committed one with the latest as-of date on
 * or before it (the latest upload among equals). Types without one are absent, which makes rules over them unknown.
 */
export async function datasetsInForce(db: DbOrTx, on: string): Promise<Record<string, number>> {
  const rows = await query<{ dataset_type: string; id: number }>(
    db,
    sql`SELECT DISTINCT ON (dataset_type) dataset_type, id FROM dept_snapshots
        WHERE status = 'committed' AND as_of <= ${on} ORDER BY dataset_type, as_of DESC, id DESC`,
  );
  return Object.fromEntries(rows.map((r) => [r.dataset_type, Number(r.id)]));
}

export async function runContext(db: DbOrTx, referenceDate: string): Promise<RuleRunContext> {
  await loadAddedDatasetTypes(db);
  const roots = await query<{ path: string }>(db, sql`SELECT path FROM areas WHERE parent_id IS NULL LIMIT 2`);
  return {
    referenceDate,
    standards: await standardsInForce(db, referenceDate),
    datasets: await datasetsInForce(db, referenceDate),
    registryAreaPath: roots.length === 1 ? roots[0]!.path : undefined,
  };
}
