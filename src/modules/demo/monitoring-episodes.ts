/**
 * The demo city's monitoring episodes (防止返贫动态监测, modules/monitoring): every household the generator made a
 * monitored one gets an episode that went through the whole inclusion procedure between March and mid-June 2020, so
 * on 19 June 2020 the overview counts all of them (DOMAIN §6: 424 households in the full-size city). Deterministic
 * (from the household id and order) and set-based: two statements whatever the city's size.
 */
import { sql } from 'drizzle-orm';
import { query, type DbOrTx } from '../../db/client.js';
import { recordAudit } from '../audit/service.js';

export async function seedDemoMonitoring(db: DbOrTx): Promise<number> {
  return db.transaction(async (tx) => {
    const cases = await query<{ id: number; area_path: string }>(
      tx,
      sql`WITH m AS (
            SELECT h.id, h.area_path, h.main_cause, row_number() OVER (ORDER BY h.id)::int AS n
            FROM households h
            WHERE h.type = 'monitored' AND h.ended_on IS NULL
              AND NOT EXISTS (SELECT 1 FROM monitoring_cases c WHERE c.household_id = h.id))
          INSERT INTO monitoring_cases (household_id, area_path, category, risk_types, disaster_kind, identified_on, income_at_identification,
                                        source, status, step, opened_on, included_on, created_at)
          SELECT m.id, m.area_path,
                 CASE WHEN m.n % 4 = 0 THEN 'sudden_hardship' ELSE 'marginal' END,
                 ARRAY[CASE m.main_cause WHEN 'illness' THEN 'illness' WHEN 'disability' THEN 'disability' WHEN 'schooling' THEN 'schooling'
                                         WHEN 'disaster' THEN 'disaster' WHEN 'no_labour' THEN 'no_labour' ELSE 'unstable_work' END],
                 CASE WHEN m.main_cause = 'disaster' THEN 'flood' END,
                 date '2020-03-02' + (m.n * 7) % 96,
                 3000 + (m.n * 37) % 1400,
                 (ARRAY['self_application', 'cadre_screening', 'department', 'preassessment'])[1 + m.n % 4],
                 'monitored', NULL,
                 date '2020-03-02' + (m.n * 7) % 96,
                 date '2020-03-02' + (m.n * 7) % 96 + 9 + m.n % 5,
                 now()
          FROM m
          RETURNING id, area_path`,
    );
    if (cases.length === 0) return 0;
    // The five steps of each inclusion, a day or two apart, with a six-day notice (≥ 5 days).
    await tx.execute(sql`
      INSERT INTO monitoring_steps (case_id, phase, step, outcome, performed_on, note, notice_start, notice_end, username)
      SELECT c.id, 'inclusion', s.step, 'pass', CASE WHEN s.step = 'county_approval' THEN c.included_on ELSE c.opened_on + s.offset_days END, s.note,
             CASE WHEN s.step = 'notice' THEN c.opened_on + 3 END, CASE WHEN s.step = 'notice' THEN c.opened_on + 9 END, '演示数据'
      FROM monitoring_cases c
      CROSS JOIN (VALUES ('visit', 1, '入户核实，户主签署书面授权'), ('appraisal', 2, '村民主评议通过'), ('notice', 3, '村内公示无异议'),
                         ('township_review', 9, '乡镇审核通过'), ('county_approval', 0, '县级审批同意纳入')) AS s(step, offset_days, note)
      WHERE c.id IN (SELECT unnest(${sql.param(cases.map((c) => c.id))}::int[]))`);
    await recordAudit(tx, null, { action: 'create', entity: 'monitoring_case', batch: 'demo', detail: { demoEpisodes: cases.length } });
    return cases.length;
  });
}
