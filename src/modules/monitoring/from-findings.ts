/**
 * 部门预警 → 监测: the findings that signal a risk of falling into poverty (income below the monitoring line, large
 * medical self-pay, temporary assistance received) become monitoring warnings as soon as a run finds them, linked to
 * the finding, so 即时发现 does not wait for someone to read the findings list. One warning per household: households
 * with an open warning or an open case are skipped. Set-based: one statement per run, audited per warning.
 */
import { sql } from 'drizzle-orm';
import { query, type DbOrTx } from '../../db/client.js';
import { recordAudit } from '../audit/service.js';

/** The rules whose findings are monitoring signals (DOMAIN.md §6 "department warnings"). */
export const RISK_SIGNAL_RULES = ['THR-001', 'THR-008', 'CMP-007', 'CMP-019'] as const;

export async function warningsFromRun(db: DbOrTx, runId: number): Promise<number> {
  const rows = await query<{ id: number; household_id: number; area_path: string; finding_id: number; detail: string }>(
    db,
    sql`WITH fresh AS (
          SELECT DISTINCT ON (f.household_id) f.id, f.household_id, f.area_path, f.rule_code, v.title_zh
          FROM findings f
          JOIN rule_versions v ON v.rule_code = f.rule_code AND v.version = f.rule_version
          WHERE f.rule_code = ANY(${sql.param([...RISK_SIGNAL_RULES])}::text[]) AND f.status = 'open' AND f.last_run_id = ${runId}
            AND (f.first_run_id = ${runId} OR EXISTS (SELECT 1 FROM finding_events e WHERE e.finding_id = f.id AND e.run_id = ${runId} AND e.kind = 'reopened'))
            AND NOT EXISTS (SELECT 1 FROM monitoring_warnings w WHERE w.household_id = f.household_id AND w.status = 'open')
            AND NOT EXISTS (SELECT 1 FROM monitoring_cases c WHERE c.household_id = f.household_id AND c.status NOT IN ('rejected', 'eliminated'))
          ORDER BY f.household_id, f.rule_code)
        INSERT INTO monitoring_warnings (household_id, area_path, source, finding_id, detail, created_by_name)
        SELECT household_id, area_path, 'finding', id, rule_code || ' ' || title_zh, '核查运行' FROM fresh
        RETURNING id, household_id, area_path, finding_id, detail`,
  );
  if (rows.length)
    await recordAudit(
      db,
      null,
      rows.map((r) => ({ action: 'create' as const, entity: 'monitoring_warning', entityId: r.id, areaPath: r.area_path, householdId: r.household_id, newValues: { source: 'finding', findingId: r.finding_id, detail: r.detail, runId } })),
    );
  return rows.length;
}
