/**
 * The set-based comparison of one rule's current violations with its stored findings (README: "The diff"). It runs
 * inside the caller's transaction: the violations go into a temporary table, then three statements update the
 * findings still violated (reopening closed ones), insert the new ones and close the ones no longer violated, each
 * writing its status changes to finding_events. Only findings of this rule inside `areaPath` are touched.
 */
import { sql } from 'drizzle-orm';
import { query, type DbOrTx } from '../../db/client.js';
import { escapeLike } from '../accounts/access.js';
import { ACTIVE_EXEMPTION_SQL } from '../rules/schema.js';

export interface RuleInRun {
  code: string;
  version: number;
  severity: string;
  department: string;
}

export interface DiffTarget {
  runId: number;
  /** Findings of the rule outside this subtree are left alone; violations outside it are ignored. */
  areaPath: string;
  /** Exemptions valid on this date (YYYY-MM-DD) suppress findings. */
  today: string;
}

export interface DiffCounts {
  violations: number;
  new: number;
  stillOpen: number;
  reopened: number;
  exempted: number;
  closed: number;
  /** 整改不实: reopened by the data while the workflow said 已整改 or 销号; sent back to 整改中 (part of `reopened`). */
  falseRectified: number;
}

export const ZERO_COUNTS: DiffCounts = { violations: 0, new: 0, stillOpen: 0, reopened: 0, exempted: 0, closed: 0, falseRectified: 0 };

export function addCounts(a: DiffCounts, b: DiffCounts): DiffCounts {
  return {
    violations: a.violations + b.violations,
    new: a.new + b.new,
    stillOpen: a.stillOpen + b.stillOpen,
    reopened: a.reopened + b.reopened,
    exempted: a.exempted + b.exempted,
    closed: a.closed + b.closed,
    falseRectified: a.falseRectified + b.falseRectified,
  };
}

/** The county (county-level area) on an area path, by primary key over the path's ids: routing of a problem (整改责任县). */
export const countyOfPath = (pathExpr: string) =>
  `(SELECT ca.id FROM areas ca WHERE ca.id = ANY (string_to_array(trim(both '/' from ${pathExpr}), '/')::int[]) AND ca.level = 'county' LIMIT 1)`;

/**
 * Serialises everything that rewrites one rule's findings (runs, exemptions) without a table lock: a run of the rule
 * and an exemption approved meanwhile cannot overwrite each other's status.
 */
export async function lockRule(tx: DbOrTx, code: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${'jingzhun.rule:' + code}))`);
}

const n = (v: unknown) => Number(v ?? 0);

/** JINGZHUN_RULE_TIMING=1 prints each step's duration to stderr (benchmarks, diagnosis). */
function stepTimer(code: string) {
  const on = process.env.JINGZHUN_RULE_TIMING === '1';
  let last = performance.now();
  return (step: string) => {
    if (!on) return;
    const now = performance.now();
    process.stderr.write(`[rule ${code}] ${step}: ${(now - last).toFixed(0)} ms\n`);
    last = now;
  };
}

/**
 * Applies `violationsSql` — one SELECT returning household_id, member_id, area_path, evidence, as the rule compiler
 * writes it (literals already quoted) — as the rule's findings for the run's area. Call inside a transaction.
 */
export async function applyViolations(tx: DbOrTx, target: DiffTarget, rule: RuleInRun, violationsSql: string): Promise<DiffCounts> {
  const step = stepTimer(rule.code);
  await lockRule(tx, rule.code);
  const scope = `${escapeLike(target.areaPath)}%`;
  const active = ACTIVE_EXEMPTION_SQL('e', target.today);
  await tx.execute(
    sql`CREATE TEMP TABLE rule_hits (household_id int NOT NULL, member_id int, area_path text NOT NULL, evidence jsonb NOT NULL, exemption_id int) ON COMMIT DROP`,
  );
  // One row per record even if the compiled SQL repeats one; the exemption that applies, the member's own first.
  await tx.execute(sql`
    INSERT INTO rule_hits (household_id, member_id, area_path, evidence, exemption_id)
    SELECT DISTINCT ON (v.household_id, coalesce(v.member_id, 0))
           v.household_id, v.member_id, v.area_path, coalesce(v.evidence, '{}'::jsonb),
           (SELECT e.id FROM rule_exemptions e
             WHERE e.rule_code = ${rule.code} AND e.household_id = v.household_id
               AND (e.member_id IS NULL OR e.member_id = v.member_id) AND ${active}
             ORDER BY e.member_id NULLS LAST, e.id LIMIT 1)
    FROM (${sql.raw(violationsSql)}) v
    WHERE v.area_path LIKE ${scope}
    ORDER BY v.household_id, coalesce(v.member_id, 0)`);
  // The findings just written have no statistics yet, so the planner may loop over rule_hits per finding: index it.
  await tx.execute(sql`CREATE INDEX ON rule_hits (household_id)`);
  await tx.execute(sql`ANALYZE rule_hits`);
  step('violations');
  const common = sql`rule_version = ${rule.version}, severity = ${rule.severity}, department = ${rule.department},
                     last_run_id = ${target.runId}, last_seen_at = now(), updated_at = now()`;

  const [seen] = await query<Record<string, unknown>>(
    tx,
    sql`
    WITH prev AS (
      SELECT f.id, f.status AS old_status, h.evidence, h.area_path, h.exemption_id, f.workflow_state AS old_state,
             CASE WHEN h.exemption_id IS NULL THEN 'open' ELSE 'exempted' END AS new_status,
             -- 整改不实: the data shows the problem again after people reported it fixed (see the workflow's 'redetected').
             (f.status = 'closed' AND h.exemption_id IS NULL AND f.workflow_state IN ('rectified', 'closed_off')) AS redetected,
             (f.area_path <> h.area_path) AS moved
      FROM rule_hits h
      JOIN findings f ON f.rule_code = ${rule.code} AND f.household_id = h.household_id
                     AND coalesce(f.member_id, 0) = coalesce(h.member_id, 0)
    ), upd AS (
      UPDATE findings f
      SET status = p.new_status, evidence = p.evidence, area_path = p.area_path, exemption_id = p.exemption_id, closed_at = NULL,
          reopened_count = f.reopened_count + CASE WHEN p.old_status = 'closed' THEN 1 ELSE 0 END, ${common},
          county_id = CASE WHEN p.moved THEN ${sql.raw(countyOfPath('p.area_path'))} ELSE f.county_id END,
          workflow_state = CASE WHEN p.redetected THEN 'rectifying' ELSE f.workflow_state END,
          workflow_action = CASE WHEN p.redetected THEN 'redetected' ELSE f.workflow_action END,
          workflow_at = CASE WHEN p.redetected THEN now() ELSE f.workflow_at END,
          false_rectification = f.false_rectification OR p.redetected
      FROM prev p WHERE f.id = p.id
      RETURNING f.id, p.old_status, p.new_status, p.redetected, p.old_state
    ), pe AS (
      INSERT INTO problem_events (finding_id, action, from_state, to_state, run_id, reason)
      SELECT id, 'redetected', old_state, 'rectifying', ${target.runId}, '规则运行再次发现该问题（整改不实）' FROM upd WHERE redetected
    ), ev AS (
      INSERT INTO finding_events (finding_id, run_id, kind, from_status, to_status)
      SELECT id, ${target.runId},
             CASE WHEN new_status = 'exempted' THEN 'exempted' WHEN old_status = 'closed' THEN 'reopened' ELSE 'unexempted' END,
             old_status, new_status
      FROM upd WHERE old_status <> new_status
    )
    SELECT count(*) FILTER (WHERE new_status = 'open' AND old_status <> 'closed') AS still_open,
           count(*) FILTER (WHERE new_status = 'open' AND old_status = 'closed') AS reopened,
           count(*) FILTER (WHERE new_status = 'exempted') AS exempted,
           count(*) FILTER (WHERE redetected) AS false_rectified
    FROM upd`,
  );

  step('update seen');
  const [created] = await query<Record<string, unknown>>(
    tx,
    sql`
    WITH ins AS (
      INSERT INTO findings (rule_code, rule_version, household_id, member_id, area_path, status, evidence, severity, department,
                            first_run_id, last_run_id, exemption_id, county_id)
      SELECT ${rule.code}, ${rule.version}, h.household_id, h.member_id, h.area_path,
             CASE WHEN h.exemption_id IS NULL THEN 'open' ELSE 'exempted' END, h.evidence, ${rule.severity}, ${rule.department},
             ${target.runId}, ${target.runId}, h.exemption_id, ${sql.raw(countyOfPath('h.area_path'))}
      FROM rule_hits h
      WHERE NOT EXISTS (SELECT 1 FROM findings f WHERE f.rule_code = ${rule.code} AND f.household_id = h.household_id
                                                  AND coalesce(f.member_id, 0) = coalesce(h.member_id, 0))
      RETURNING id, status
    ), ev AS (
      INSERT INTO finding_events (finding_id, run_id, kind, from_status, to_status)
      SELECT id, ${target.runId}, CASE WHEN status = 'exempted' THEN 'exempted' ELSE 'opened' END, NULL, status FROM ins
    )
    SELECT count(*) FILTER (WHERE status = 'open') AS new, count(*) FILTER (WHERE status = 'exempted') AS exempted FROM ins`,
  );

  step('insert new');
  const [closed] = await query<Record<string, unknown>>(
    tx,
    sql`
    WITH gone AS (
      SELECT f.id, f.status AS old_status FROM findings f
      WHERE f.rule_code = ${rule.code} AND f.status IN ('open', 'exempted') AND f.area_path LIKE ${scope}
        AND NOT EXISTS (SELECT 1 FROM rule_hits h WHERE h.household_id = f.household_id AND coalesce(h.member_id, 0) = coalesce(f.member_id, 0))
    ), cl AS (
      UPDATE findings f SET status = 'closed', closed_at = now(), exemption_id = NULL, updated_at = now()
      FROM gone g WHERE f.id = g.id
      RETURNING f.id, g.old_status
    ), ev AS (
      INSERT INTO finding_events (finding_id, run_id, kind, from_status, to_status)
      SELECT id, ${target.runId}, 'closed', old_status, 'closed' FROM cl
    )
    SELECT count(*) AS closed FROM cl`,
  );
  step('close gone');
  const [hits] = await query<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM rule_hits`);
  await tx.execute(sql`DROP TABLE rule_hits`);
  return {
    violations: n(hits?.n),
    new: n(created?.new),
    stillOpen: n(seen?.still_open),
    reopened: n(seen?.reopened),
    exempted: n(seen?.exempted) + n(created?.exempted),
    closed: n(closed?.closed),
    falseRectified: n(seen?.false_rectified),
  };
}
