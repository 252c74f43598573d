/**
 * The cadre's own page (/my, API.md): the households they help as 帮扶责任人 with the last visit, the visits still to
 * do this period (those households and their resident villages not yet visited), and the campaign forms waiting
 * for them. Cases waiting for them come from the monitoring module's own list (`GET /api/monitoring/cases?waiting=mine`).
 */
import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.js';
import { monthOf, RESIDENT_ROLES } from '../../domain/duty.js';
import type { Question } from '../../domain/duty-forms.js';
import { escapeLike, requirePermission, type Actor } from '../accounts/access.js';
import { chinaDate } from '../standards/service.js';
import { presentCadre, cadreOfUser } from './cadres.js';
import { presentTask, TASK_COLUMNS, TASK_FROM } from './campaigns.js';

const FORMS_SHOWN = 50;

export async function myDuty(db: Db, actor: Actor, on = chinaDate()) {
  requirePermission(actor, 'registry.read');
  const period = monthOf(on);
  const cadre = await cadreOfUser(db, actor.userId);
  const scope = escapeLike(actor.areaPath) + '%';
  const households = cadre
    ? await query<{ household_id: number; household_no: string; head_name: string | null; type: string; village_name: string; last_visited_on: string | null; visited: boolean }>(
        db,
        sql`SELECT h.id AS household_id, h.household_no, h.type, va.name AS village_name,
              (SELECT m.name FROM members m WHERE m.household_id = h.id AND m.relation = 'head' AND m.ended_on IS NULL LIMIT 1) AS head_name,
              (SELECT max(v.visited_on)::text FROM duty_visits v WHERE v.household_id = h.id) AS last_visited_on,
              EXISTS (SELECT 1 FROM duty_visits v WHERE v.household_id = h.id AND v.cadre_id = ${cadre.id} AND v.visited_on BETWEEN ${period.from} AND ${period.to}) AS visited
            FROM cadre_assignments x JOIN households h ON h.id = x.household_id JOIN areas va ON va.id = h.area_id
            WHERE x.cadre_id = ${cadre.id} AND x.role = 'helper' AND x.starts_on <= ${on} AND (x.ends_on IS NULL OR x.ends_on >= ${on})
              AND h.ended_on IS NULL AND h.area_path LIKE ${scope}
            ORDER BY h.household_no`,
      )
    : [];
  const villages = cadre
    ? await query<{ area_id: number; name: string; visited: boolean }>(
        db,
        sql`SELECT DISTINCT a.id AS area_id, a.name,
              EXISTS (SELECT 1 FROM duty_visits v WHERE v.area_path LIKE a.path || '%' AND v.cadre_id = ${cadre.id} AND v.visited_on BETWEEN ${period.from} AND ${period.to}) AS visited
            FROM cadre_assignments x JOIN areas a ON a.id = x.area_id
            WHERE x.cadre_id = ${cadre.id} AND x.role IN (${sql.join(RESIDENT_ROLES.map((r) => sql`${r}`), sql`, `)})
              AND x.starts_on <= ${on} AND (x.ends_on IS NULL OR x.ends_on >= ${on}) AND a.path LIKE ${scope}`,
      )
    : [];
  // Forms open to the user: in their area, of a running campaign, for anyone of the village or for them by name.
  const mine = cadre ? sql`(t.cadre_id IS NULL OR t.cadre_id = ${cadre.id})` : sql`t.cadre_id IS NULL`;
  const formWhere = sql`t.area_path LIKE ${scope} AND t.done_at IS NULL AND ${mine}
    AND t.campaign_id IN (SELECT c.id FROM duty_campaigns c WHERE NOT c.closed AND c.starts_on <= ${on} AND (c.ends_on IS NULL OR c.ends_on >= ${on}))`;
  const [formCount] = await query<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM duty_campaign_tasks t WHERE ${formWhere}`);
  const forms = await query<Parameters<typeof presentTask>[0] & { campaign_id: number }>(
    db,
    sql`SELECT ${TASK_COLUMNS}, t.campaign_id ${TASK_FROM} WHERE ${formWhere} ORDER BY t.campaign_id, t.area_path, h.household_no LIMIT ${FORMS_SHOWN}`,
  );
  const campaignIds = [...new Set(forms.map((f) => f.campaign_id))];
  const campaigns = campaignIds.length
    ? await query<{ id: number; title: string; questions: Question[] }>(db, sql`SELECT id, title, questions FROM duty_campaigns WHERE id IN (${sql.join(campaignIds.map((i) => sql`${i}`), sql`, `)})`)
    : [];
  return {
    cadre: cadre ? presentCadre(cadre) : null,
    period,
    households: households.map((h) => ({ householdId: h.household_id, householdNo: h.household_no, headName: h.head_name, type: h.type, villageName: h.village_name, lastVisitedOn: h.last_visited_on, visitedThisPeriod: h.visited })),
    visitsToDo: [
      ...villages.filter((v) => !v.visited).map((v) => ({ kind: 'village' as const, areaId: v.area_id, householdId: null, label: v.name })),
      ...households.filter((h) => !h.visited).map((h) => ({ kind: 'household' as const, areaId: null, householdId: h.household_id, label: `${h.household_no} ${h.head_name ?? ''}`.trim() })),
    ],
    forms: { total: formCount!.n, items: forms.map((f) => ({ ...presentTask(f), campaignId: f.campaign_id })) },
    campaigns: campaigns.map((c) => ({ id: c.id, title: c.title, questions: c.questions })),
  };
}
