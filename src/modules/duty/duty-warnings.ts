/**
 * Duty warnings (帮扶责任落实预警, API.md): poor and monitored households without a current 帮扶责任人, provincial key
 * villages with fewer than three resident cadres, resident cadres who left inside a lock period without the
 * county's approval. Each kind is one SQL over the user's area; the list, its count, its export and the per-area
 * counts read the same SQL so they cannot disagree.
 */
import { sql, type SQL } from 'drizzle-orm';
import { query, type Db } from '../../db/client.js';
import { MIN_RESIDENT_CADRES_KEY_VILLAGE, RESIDENT_ROLES } from '../../domain/duty.js';
import { escapeLike, requirePermission, type Actor } from '../accounts/access.js';
import { getAreaInScope } from '../areas/service.js';
import { exportList, type ExportFormat } from '../exports/list-export.js';
import type { ExportColumn } from '../exports/table-file.js';
import { chinaDate } from '../standards/service.js';
import { WARNING_KINDS, type DutyWarningKind, type WarningFilter } from './inputs.js';

const residents = sql.join(
  RESIDENT_ROLES.map((r) => sql`${r}`),
  sql`, `,
);

/** Rows of one kind under a path, each with its village's area_path, names and the subject. */
function warningRows(kind: DutyWarningKind, path: string, on: string): SQL {
  const like = escapeLike(path) + '%';
  const names = sql`va.name AS village_name, t.name AS township_name, c.name AS county_name`;
  const up = sql`LEFT JOIN areas t ON t.id = va.parent_id LEFT JOIN areas c ON c.id = t.parent_id`;
  if (kind === 'missing_helper') {
    return sql`SELECT h.area_path, ${names}, h.id AS household_id, h.household_no, h.type AS household_type,
        (SELECT m.name FROM members m WHERE m.household_id = h.id AND m.relation = 'head' AND m.ended_on IS NULL LIMIT 1) AS head_name,
        NULL::int AS cadre_id, NULL::text AS cadre_name, NULL::int AS assignment_id, NULL::text AS role, NULL::text AS ends_on, NULL::int AS residents
      FROM households h JOIN areas va ON va.id = h.area_id ${up}
      WHERE h.area_path LIKE ${like} AND h.ended_on IS NULL AND h.type IN ('lifted', 'monitored')
        AND NOT EXISTS (SELECT 1 FROM cadre_assignments x WHERE x.household_id = h.id AND x.role = 'helper'
          AND x.starts_on <= ${on} AND (x.ends_on IS NULL OR x.ends_on >= ${on}))`;
  }
  if (kind === 'few_resident_cadres') {
    return sql`SELECT * FROM (SELECT va.path AS area_path, ${names}, NULL::int AS household_id, NULL::text AS household_no, NULL::text AS household_type,
        NULL::text AS head_name, NULL::int AS cadre_id, NULL::text AS cadre_name, NULL::int AS assignment_id, NULL::text AS role, NULL::text AS ends_on,
        (SELECT count(DISTINCT x.cadre_id)::int FROM cadre_assignments x WHERE x.area_id = va.id AND x.role IN (${residents})
          AND x.starts_on <= ${on} AND (x.ends_on IS NULL OR x.ends_on >= ${on})) AS residents
      FROM areas va ${up}
      WHERE va.path LIKE ${like} AND va.level = 'village' AND va.provincial_key_village AND va.valid_to IS NULL) k
      WHERE k.residents < ${MIN_RESIDENT_CADRES_KEY_VILLAGE}`;
  }
  return sql`SELECT x.area_path, ${names}, NULL::int AS household_id, NULL::text AS household_no, NULL::text AS household_type, NULL::text AS head_name,
      x.cadre_id, cd.name AS cadre_name, x.id AS assignment_id, x.role, x.ends_on::text AS ends_on, NULL::int AS residents
    FROM cadre_assignments x JOIN cadres cd ON cd.id = x.cadre_id JOIN areas va ON va.id = x.area_id ${up}
    WHERE x.area_path LIKE ${like} AND x.role IN (${residents}) AND x.ends_on IS NOT NULL AND x.approved_at IS NULL
      AND EXISTS (SELECT 1 FROM duty_lock_periods l WHERE x.area_path LIKE l.area_path || '%' AND l.starts_on <= x.ends_on AND x.ends_on < l.ends_on)`;
}

interface Row extends Record<string, unknown> {
  area_path: string;
  village_name: string;
  township_name: string | null;
  county_name: string | null;
  household_id: number | null;
  household_no: string | null;
  household_type: string | null;
  head_name: string | null;
  cadre_id: number | null;
  cadre_name: string | null;
  assignment_id: number | null;
  role: string | null;
  ends_on: string | null;
  residents: number | null;
}

const present = (kind: DutyWarningKind) => (r: Row) => ({
  kind,
  countyName: r.county_name,
  townshipName: r.township_name,
  villageName: r.village_name,
  householdId: r.household_id,
  householdNo: r.household_no,
  householdType: r.household_type,
  headName: r.head_name,
  cadreId: r.cadre_id,
  cadreName: r.cadre_name,
  assignmentId: r.assignment_id,
  role: r.role,
  endsOn: r.ends_on,
  residents: r.residents,
});
export type DutyWarningView = ReturnType<ReturnType<typeof present>>;

async function areaOf(db: Db, actor: Actor, areaId: number | undefined) {
  requirePermission(actor, 'registry.read');
  return areaId ? getAreaInScope(db, actor, areaId) : getAreaInScope(db, actor, actor.areaId);
}

export async function listDutyWarnings(db: Db, actor: Actor, q: WarningFilter & { page: number; pageSize: number }) {
  const area = await areaOf(db, actor, q.areaId);
  const rows = warningRows(q.kind, area.path, q.on ?? chinaDate());
  const [count] = await query<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM (${rows}) w`);
  const items = await query<Row>(db, sql`SELECT * FROM (${rows}) w ORDER BY w.area_path, w.household_no, w.cadre_name LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`);
  return { total: count!.n, page: q.page, pageSize: q.pageSize, items: items.map(present(q.kind)) };
}

/** Counts of every kind for the area and for each of its child areas. */
export async function dutyWarningSummary(db: Db, actor: Actor, q: { areaId?: number | undefined; on?: string | undefined }) {
  const area = await areaOf(db, actor, q.areaId);
  const on = q.on ?? chinaDate();
  const children = await query<{ id: number; name: string; path: string }>(
    db,
    sql`SELECT id, name, path FROM areas WHERE parent_id = ${area.id} AND valid_to IS NULL ORDER BY code`,
  );
  const totals: Record<string, number> = {};
  const perChild = new Map<number, Record<string, number>>(children.map((c) => [c.id, {}]));
  for (const kind of WARNING_KINDS) {
    const counts = await query<{ id: number | null; n: number }>(
      db,
      sql`SELECT ch.id, count(*)::int AS n FROM (${warningRows(kind, area.path, on)}) w
          LEFT JOIN areas ch ON ch.parent_id = ${area.id} AND ch.valid_to IS NULL AND w.area_path LIKE ch.path || '%'
          GROUP BY ch.id`,
    );
    totals[kind] = counts.reduce((s, c) => s + c.n, 0);
    for (const c of counts) if (c.id !== null) perChild.get(c.id)![kind] = c.n;
  }
  return {
    area: { id: area.id, name: area.name, level: area.level },
    on,
    totals,
    children: children.map((c) => ({ areaId: c.id, name: c.name, ...Object.fromEntries(WARNING_KINDS.map((k) => [k, perChild.get(c.id)![k] ?? 0])) })),
  };
}

const TITLES: Record<DutyWarningKind, string> = {
  missing_helper: '未落实帮扶责任人的农户',
  few_resident_cadres: '驻村干部不足3人的省扶贫工作重点村',
  unapproved_replacement: '锁定期内未经审批调整的驻村干部',
};
const ROLE_ZH: Record<string, string> = { first_secretary: '第一书记', work_team: '驻村工作队员' };
const TYPE_ZH: Record<string, string> = { lifted: '脱贫户', monitored: '监测户' };

const COLUMNS: Record<DutyWarningKind, ExportColumn<DutyWarningView>[]> = {
  missing_helper: [
    { header: '县（市、区）', value: (w) => w.countyName, width: 12 },
    { header: '乡镇（街道）', value: (w) => w.townshipName, width: 14 },
    { header: '村（社区）', value: (w) => w.villageName, width: 14 },
    { header: '户编号', value: (w) => w.householdNo, text: true, width: 22 },
    { header: '户主', value: (w) => w.headName, width: 10 },
    { header: '户类型', value: (w) => TYPE_ZH[w.householdType ?? ''] ?? w.householdType, width: 10 },
  ],
  few_resident_cadres: [
    { header: '县（市、区）', value: (w) => w.countyName, width: 12 },
    { header: '乡镇（街道）', value: (w) => w.townshipName, width: 14 },
    { header: '村（社区）', value: (w) => w.villageName, width: 14 },
    { header: '在岗驻村干部人数', value: (w) => w.residents, width: 16 },
  ],
  unapproved_replacement: [
    { header: '县（市、区）', value: (w) => w.countyName, width: 12 },
    { header: '乡镇（街道）', value: (w) => w.townshipName, width: 14 },
    { header: '村（社区）', value: (w) => w.villageName, width: 14 },
    { header: '干部', value: (w) => w.cadreName, width: 10 },
    { header: '职责', value: (w) => ROLE_ZH[w.role ?? ''] ?? w.role, width: 14 },
    { header: '离岗日期', value: (w) => w.endsOn, text: true, width: 12 },
  ],
};

export async function exportDutyWarnings(db: Db, actor: Actor, q: WarningFilter, format: ExportFormat) {
  const area = await areaOf(db, actor, q.areaId);
  const rows = warningRows(q.kind, area.path, q.on ?? chinaDate());
  const [count] = await query<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM (${rows}) w`);
  async function* batches() {
    for (let offset = 0; ; offset += 2_000) {
      const page = await query<Row>(db, sql`SELECT * FROM (${rows}) w ORDER BY w.area_path, w.household_no, w.cadre_name LIMIT 2000 OFFSET ${offset}`);
      if (page.length === 0) return;
      yield page.map(present(q.kind));
    }
  }
  return exportList(db, actor, format, {
    title: TITLES[q.kind],
    entity: 'duty_warning',
    areaPath: area.path,
    filters: q,
    count: count!.n,
    unit: q.kind === 'missing_helper' ? '户' : q.kind === 'few_resident_cadres' ? '个村' : '人',
    columns: COLUMNS[q.kind],
    rows: batches(),
  });
}
