/**
 * 监测对象统计: households and persons monitored on any date, computed from the episodes' dates (monitored on D =
 * included on or before D and not eliminated on or before D; persons = members present on D), by category, risk
 * type, child area and state; the month-end trend; and the cases waiting now at each step.
 */
import { eq, sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.js';
import { escapeLike, type Actor } from '../accounts/access.js';
import { areas } from '../areas/schema.js';
import { areaFor } from '../preassessment/list.js';
import { chinaDate } from '../standards/service.js';
import { requireCaseReader } from './case-read.js';
import { monitoringSettings } from './settings.js';

const monitoredOn = (d: string) => sql`c.included_on <= ${d}::date AND (c.eliminated_on IS NULL OR c.eliminated_on > ${d}::date)`;
const personsOn = (d: string) =>
  sql`(SELECT count(*) FROM members m WHERE m.household_id = c.household_id AND m.joined_on <= ${d}::date AND (m.ended_on IS NULL OR m.ended_on > ${d}::date))`;

export async function monitoringOverview(db: Db, actor: Actor, q: { areaId?: number | undefined; on?: string | undefined; months: number }) {
  requireCaseReader(actor);
  const area = await areaFor(db, actor, q.areaId);
  const on = q.on ?? chinaDate();
  const scope = sql`c.area_path LIKE ${escapeLike(area.path) + '%'}`;
  const { procedureDaysLimit: limit } = await monitoringSettings(db);
  const today = chinaDate();
  const [[totals], byCategory, byRisk, byChild, children, [states], trend, waiting] = await Promise.all([
    query<{ households: number; persons: number }>(db, sql`SELECT count(DISTINCT c.household_id)::int AS households, coalesce(sum(${personsOn(on)}), 0)::int AS persons FROM monitoring_cases c WHERE ${scope} AND ${monitoredOn(on)}`),
    query<{ category: string; households: number; persons: number }>(
      db,
      sql`SELECT c.category, count(*)::int AS households, coalesce(sum(${personsOn(on)}), 0)::int AS persons FROM monitoring_cases c WHERE ${scope} AND ${monitoredOn(on)} GROUP BY 1 ORDER BY 1`,
    ),
    query<{ risk: string; households: number; persons: number }>(
      db,
      sql`SELECT r.risk, count(*)::int AS households, coalesce(sum(${personsOn(on)}), 0)::int AS persons
          FROM monitoring_cases c CROSS JOIN LATERAL unnest(c.risk_types) AS r(risk) WHERE ${scope} AND ${monitoredOn(on)} GROUP BY 1 ORDER BY 2 DESC`,
    ),
    query<{ child: string; households: number; persons: number }>(
      db,
      sql`SELECT split_part(substr(c.area_path, ${area.path.length + 1}), '/', 1) AS child, count(*)::int AS households, coalesce(sum(${personsOn(on)}), 0)::int AS persons
          FROM monitoring_cases c WHERE ${scope} AND ${monitoredOn(on)} GROUP BY 1`,
    ),
    db.select({ id: areas.id, name: areas.name }).from(areas).where(eq(areas.parentId, area.id)).orderBy(areas.code),
    query<{ in_procedure: number; monitored: number; eliminated: number; rejected: number; safety_net: number }>(
      db,
      sql`SELECT count(*) FILTER (WHERE c.opened_on <= ${on}::date AND (c.included_on IS NULL OR c.included_on > ${on}::date) AND (c.rejected_on IS NULL OR c.rejected_on > ${on}::date))::int AS in_procedure,
                 count(*) FILTER (WHERE ${monitoredOn(on)})::int AS monitored,
                 count(*) FILTER (WHERE c.eliminated_on <= ${on}::date)::int AS eliminated,
                 count(*) FILTER (WHERE c.rejected_on <= ${on}::date)::int AS rejected,
                 count(*) FILTER (WHERE ${monitoredOn(on)} AND c.safety_net_since <= ${on}::date)::int AS safety_net
          FROM monitoring_cases c WHERE ${scope}`,
    ),
    query<{ month_end: string; households: number; persons: number }>(
      db,
      sql`SELECT d.month_end::text AS month_end,
                 (SELECT count(*) FROM monitoring_cases c WHERE ${scope} AND c.included_on <= d.month_end AND (c.eliminated_on IS NULL OR c.eliminated_on > d.month_end))::int AS households,
                 (SELECT coalesce(sum((SELECT count(*) FROM members m WHERE m.household_id = c.household_id AND m.joined_on <= d.month_end AND (m.ended_on IS NULL OR m.ended_on > d.month_end))), 0)
                    FROM monitoring_cases c WHERE ${scope} AND c.included_on <= d.month_end AND (c.eliminated_on IS NULL OR c.eliminated_on > d.month_end))::int AS persons
          FROM (SELECT LEAST((date_trunc('month', ${on}::date) - make_interval(months => g) + interval '1 month - 1 day')::date, ${on}::date) AS month_end
                FROM generate_series(${q.months - 1}::int, 0, -1) g) d ORDER BY 1`,
    ),
    query<{ status: string; step: string; cases: number; overdue: number }>(
      db,
      sql`SELECT c.status, c.step, count(*)::int AS cases,
                 count(*) FILTER (WHERE ${today}::date - (CASE WHEN c.status = 'eliminating' THEN c.elimination_proposed_on ELSE c.opened_on END) > ${limit})::int AS overdue
          FROM monitoring_cases c WHERE ${scope} AND c.status IN ('in_procedure', 'eliminating') GROUP BY 1, 2 ORDER BY 1, 2`,
    ),
  ]);
  const perChild = new Map(byChild.map((c) => [c.child, c]));
  return {
    area: { id: area.id, name: area.name },
    on,
    households: totals?.households ?? 0,
    persons: totals?.persons ?? 0,
    byCategory,
    byRiskType: byRisk,
    byArea: children.map((c) => ({ areaId: c.id, name: c.name, households: perChild.get(String(c.id))?.households ?? 0, persons: perChild.get(String(c.id))?.persons ?? 0 })),
    byState: { inProcedure: states?.in_procedure ?? 0, monitored: states?.monitored ?? 0, eliminated: states?.eliminated ?? 0, rejected: states?.rejected ?? 0, safetyNet: states?.safety_net ?? 0 },
    trend: trend.map((t) => ({ on: t.month_end, households: t.households, persons: t.persons })),
    waiting: waiting.map((w) => ({ phase: w.status === 'eliminating' ? 'elimination' : 'inclusion', step: w.step, cases: w.cases, overdue: w.overdue })),
    limitDays: limit,
  };
}
