import { sql } from 'drizzle-orm';
import { query, type DbOrTx } from '../../db/client.js';
import type { RuleRunContext, StandardInForce } from '../../domain/rules/types.js';

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

export async function runContext(db: DbOrTx, referenceDate: string): Promise<RuleRunContext> {
  return { referenceDate, standards: await standardsInForce(db, referenceDate) };
}
