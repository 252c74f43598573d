/**
 * 遍访 coverage (API.md): in a period, the share of townships, key villages (市级 or 省级扶贫工作重点村) and poor and
 * monitored households under an area that were visited — by any cadre or by the secretaries of one level (a visit
 * counts for a level when its cadre held that secretary role on the day) — for the area and each child area, and
 * the list of those not yet visited. A township or village counts as visited when the visit was to it or to
 * anything inside it; a household only by a visit to that household.
 */
import { sql, type SQL } from 'drizzle-orm';
import { query, type Db } from '../../db/client.js';
import { secretaryRole, share } from '../../domain/duty.js';
import { escapeLike, requirePermission, type Actor } from '../accounts/access.js';
import { getAreaInScope } from '../areas/service.js';
import { exportList, type ExportFormat } from '../exports/list-export.js';
import type { ExportColumn } from '../exports/table-file.js';
import type { CoverageQuery, UnvisitedQuery } from './inputs.js';

type Kind = UnvisitedQuery['kind'];
const KINDS: Kind[] = ['township', 'key_village', 'household'];

/** The visits that count: in the period, under the area, by the chosen level's secretaries (or anyone). */
function countingVisits(q: CoverageQuery, path: string): SQL {
  const bySecretary =
    q.level === 'any'
      ? sql`true`
      : sql`EXISTS (SELECT 1 FROM cadre_assignments s WHERE s.cadre_id = v.cadre_id AND s.role = ${secretaryRole(q.level)}
          AND s.starts_on <= v.visited_on AND (s.ends_on IS NULL OR s.ends_on >= v.visited_on))`;
  return sql`SELECT v.household_id, v.area_path FROM duty_visits v
    WHERE v.area_path LIKE ${escapeLike(path) + '%'} AND v.visited_on BETWEEN ${q.from} AND ${q.to} AND ${bySecretary}`;
}

/** The things to visit of a kind under a path, each with its path, names and whether a counting visit reached it. */
function targets(kind: Kind, q: CoverageQuery, path: string): SQL {
  const like = escapeLike(path) + '%';
  const visits = countingVisits(q, path);
  if (kind === 'household') {
    return sql`SELECT h.area_path AS path, h.id, h.household_no AS label, va.name AS village_name, t.name AS township_name, c.name AS county_name,
        EXISTS (SELECT 1 FROM (${visits}) cv WHERE cv.household_id = h.id) AS visited
      FROM households h JOIN areas va ON va.id = h.area_id LEFT JOIN areas t ON t.id = va.parent_id LEFT JOIN areas c ON c.id = t.parent_id
      WHERE h.area_path LIKE ${like} AND h.ended_on IS NULL AND h.type IN ('lifted', 'monitored')`;
  }
  const which = kind === 'township' ? sql`a.level = 'township'` : sql`a.level = 'village' AND (a.city_key_village OR a.provincial_key_village)`;
  const names =
    kind === 'township'
      ? sql`NULL::text AS village_name, a.name AS township_name, p.name AS county_name`
      : sql`a.name AS village_name, p.name AS township_name, (SELECT g.name FROM areas g WHERE g.id = p.parent_id) AS county_name`;
  return sql`SELECT a.path, a.id, a.code AS label, ${names},
      EXISTS (SELECT 1 FROM (${visits}) cv WHERE cv.area_path LIKE a.path || '%') AS visited
    FROM areas a LEFT JOIN areas p ON p.id = a.parent_id
    WHERE a.path LIKE ${like} AND ${which} AND a.valid_to IS NULL`;
}

const figures = (visited: number, total: number) => ({ visited, total, share: share(visited, total) });

export async function coverage(db: Db, actor: Actor, q: CoverageQuery) {
  requirePermission(actor, 'registry.read');
  const area = await getAreaInScope(db, actor, q.areaId ?? actor.areaId);
  const children = await query<{ id: number; name: string; level: string; path: string }>(
    db,
    sql`SELECT id, name, level, path FROM areas WHERE parent_id = ${area.id} AND valid_to IS NULL ORDER BY code`,
  );
  const totals: Record<string, ReturnType<typeof figures>> = {};
  const perChild = new Map<number, Record<string, ReturnType<typeof figures>>>(children.map((c) => [c.id, {}]));
  for (const kind of KINDS) {
    const rows = await query<{ id: number | null; total: number; visited: number }>(
      db,
      sql`SELECT ch.id, count(*)::int AS total, count(*) FILTER (WHERE x.visited)::int AS visited
          FROM (${targets(kind, q, area.path)}) x
          LEFT JOIN areas ch ON ch.parent_id = ${area.id} AND ch.valid_to IS NULL AND x.path LIKE ch.path || '%'
          GROUP BY ch.id`,
    );
    totals[kind] = figures(
      rows.reduce((s, r) => s + r.visited, 0),
      rows.reduce((s, r) => s + r.total, 0),
    );
    for (const c of children) {
      const r = rows.find((x) => x.id === c.id);
      perChild.get(c.id)![kind] = figures(r?.visited ?? 0, r?.total ?? 0);
    }
  }
  return {
    area: { id: area.id, name: area.name, level: area.level },
    from: q.from,
    to: q.to,
    level: q.level,
    townships: totals['township']!,
    keyVillages: totals['key_village']!,
    households: totals['household']!,
    children: children.map((c) => {
      const f = perChild.get(c.id)!;
      return { areaId: c.id, name: c.name, level: c.level, townships: f['township']!, keyVillages: f['key_village']!, households: f['household']! };
    }),
  };
}

interface UnvisitedRow extends Record<string, unknown> {
  id: number;
  label: string;
  village_name: string | null;
  township_name: string | null;
  county_name: string | null;
}
const presentUnvisited = (kind: Kind) => (r: UnvisitedRow) => ({
  kind,
  id: r.id,
  /** Household number, or the area's code. */
  label: r.label,
  countyName: r.county_name,
  townshipName: r.township_name,
  villageName: r.village_name,
});
export type UnvisitedView = ReturnType<ReturnType<typeof presentUnvisited>>;

async function unvisitedSql(db: Db, actor: Actor, q: UnvisitedQuery) {
  requirePermission(actor, 'registry.read');
  const area = await getAreaInScope(db, actor, q.areaId ?? actor.areaId);
  return { area, rows: sql`SELECT * FROM (${targets(q.kind, q, area.path)}) x WHERE NOT x.visited` };
}

export async function unvisited(db: Db, actor: Actor, q: UnvisitedQuery & { page: number; pageSize: number }) {
  const { rows } = await unvisitedSql(db, actor, q);
  const [count] = await query<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM (${rows}) u`);
  const items = await query<UnvisitedRow>(db, sql`${rows} ORDER BY x.path, x.label LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`);
  return { total: count!.n, page: q.page, pageSize: q.pageSize, items: items.map(presentUnvisited(q.kind)) };
}

const KIND_ZH: Record<Kind, { title: string; unit: string; label: string }> = {
  township: { title: '未遍访乡镇（街道）', unit: '个', label: '区划代码' },
  key_village: { title: '未遍访重点村', unit: '个', label: '区划代码' },
  household: { title: '未遍访农户', unit: '户', label: '户编号' },
};

export async function exportUnvisited(db: Db, actor: Actor, q: UnvisitedQuery, format: ExportFormat) {
  const { area, rows } = await unvisitedSql(db, actor, q);
  const [count] = await query<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM (${rows}) u`);
  const columns: ExportColumn<UnvisitedView>[] = [
    { header: '县（市、区）', value: (u) => u.countyName, width: 12 },
    { header: '乡镇（街道）', value: (u) => u.townshipName, width: 14 },
    ...(q.kind === 'township' ? [] : [{ header: '村（社区）', value: (u: UnvisitedView) => u.villageName, width: 14 }]),
    { header: KIND_ZH[q.kind].label, value: (u) => u.label, text: true, width: 22 },
  ];
  async function* batches() {
    for (let offset = 0; ; offset += 2_000) {
      const page = await query<UnvisitedRow>(db, sql`${rows} ORDER BY x.path, x.label LIMIT 2000 OFFSET ${offset}`);
      if (page.length === 0) return;
      yield page.map(presentUnvisited(q.kind));
    }
  }
  return exportList(db, actor, format, {
    title: `${KIND_ZH[q.kind].title}（${q.from}至${q.to}）`,
    entity: 'duty_coverage',
    areaPath: area.path,
    filters: q,
    count: count!.n,
    unit: KIND_ZH[q.kind].unit,
    columns,
    rows: batches(),
  });
}
