/**
 * The pre-assessment lists: households projected below the income standard (filtered, paged, exported) and the
 * summary per child area and per main poverty cause, all read from the area's below-the-line set (below-line.ts).
 */
import { eq, sql } from 'drizzle-orm';
import { query, type Db, type DbOrTx } from '../../db/client.js';
import { labelOf } from '../../domain/codes.js';
import { requirePermission, type Actor } from '../accounts/access.js';
import { getAreaInScope, type Area } from '../areas/service.js';
import { areas } from '../areas/schema.js';
import { exportList, type ExportFormat } from '../exports/list-export.js';
import type { ExportColumn } from '../exports/table-file.js';
import { chinaDate } from '../standards/service.js';
import { belowLineSet, type BelowLineRow } from './below-line.js';
import type { BelowLineQuery } from './inputs.js';

export type { BelowLineRow };

export async function areaFor(db: DbOrTx, actor: Actor, areaId: number | undefined): Promise<Area> {
  return areaId ? getAreaInScope(db, actor, areaId) : ((await db.select().from(areas).where(eq(areas.id, actor.areaId)))[0] as Area);
}

type Filters = Pick<BelowLineQuery, 'mainCause' | 'gapMin' | 'gapMax' | 'sort'>;

const SORT_KEYS = { gapPerPerson: 'gapPerPerson', gap: 'gap', perCapita: 'perCapita', householdNo: 'householdNo' } as const;

function filtered(rows: BelowLineRow[], q: Filters): BelowLineRow[] {
  const out = rows.filter(
    (r) =>
      (!q.mainCause || r.mainCause === q.mainCause) &&
      (q.gapMin === undefined || r.gapPerPerson >= q.gapMin) &&
      (q.gapMax === undefined || r.gapPerPerson <= q.gapMax),
  );
  const desc = q.sort.startsWith('-');
  const key = SORT_KEYS[q.sort.replace(/^-/, '') as keyof typeof SORT_KEYS];
  const cmp = (a: BelowLineRow, b: BelowLineRow) => {
    const x = a[key];
    const y = b[key];
    const c = typeof x === 'string' ? x.localeCompare(y as string) : x - (y as number);
    return (desc ? -c : c) || a.householdId - b.householdId;
  };
  return out.sort(cmp);
}

const sumGap = (rows: BelowLineRow[]) => Math.round(rows.reduce((s, r) => s + r.gap, 0) * 100) / 100;

export async function listBelowLine(db: Db, actor: Actor, q: BelowLineQuery) {
  requirePermission(actor, 'registry.read');
  const area = await areaFor(db, actor, q.areaId);
  const on = q.on ?? chinaDate();
  const rows = filtered((await belowLineSet(db, area.path, on)).rows, q);
  const start = (q.page - 1) * q.pageSize;
  return {
    area: { id: area.id, name: area.name },
    on,
    items: rows.slice(start, start + q.pageSize).map(({ childAreaId: _c, ...r }) => r),
    total: rows.length,
    totalGap: sumGap(rows),
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** Counts and gaps per child area of the chosen area and per main cause, and how many households were projected. */
export async function belowLineSummary(db: Db, actor: Actor, areaId: number | undefined, onDate: string | undefined) {
  requirePermission(actor, 'registry.read');
  const area = await areaFor(db, actor, areaId);
  const on = onDate ?? chinaDate();
  const set = await belowLineSet(db, area.path, on);
  const children = new Map<number | null, { projected: number; households: number; persons: number; gap: number }>();
  const child = (id: number | null) => {
    let c = children.get(id);
    if (!c) children.set(id, (c = { projected: 0, households: 0, persons: 0, gap: 0 }));
    return c;
  };
  for (const p of set.projected) child(p.childAreaId).projected += p.households;
  const causes = new Map<string | null, { households: number; persons: number; gap: number }>();
  for (const r of set.rows) {
    const c = child(r.childAreaId);
    c.households++;
    c.persons += r.size;
    c.gap += r.gap;
    const k = causes.get(r.mainCause) ?? { households: 0, persons: 0, gap: 0 };
    causes.set(r.mainCause, { households: k.households + 1, persons: k.persons + r.size, gap: k.gap + r.gap });
  }
  const ids = [...children.keys()].filter((id): id is number => id !== null);
  const names = ids.length
    ? await query<{ id: number; name: string }>(db, sql`SELECT id, name FROM areas WHERE id = ANY(${`{${ids.join(',')}}`}::int[])`)
    : [];
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const round = (v: number) => Math.round(v * 100) / 100;
  const byArea = [...children]
    .map(([id, c]) => ({ areaId: id ?? area.id, name: id === null ? area.name : (nameOf.get(id) ?? String(id)), ...c, gap: round(c.gap) }))
    .sort((a, b) => b.households - a.households || a.name.localeCompare(b.name, 'zh'));
  return {
    area: { id: area.id, name: area.name },
    on,
    total: {
      projected: byArea.reduce((s, r) => s + r.projected, 0),
      households: set.rows.length,
      persons: set.rows.reduce((s, r) => s + r.size, 0),
      gap: sumGap(set.rows),
    },
    /** Households projected in areas with no income standard on the date: never counted as below. */
    withoutStandard: set.projected.reduce((s, p) => s + p.withoutStandard, 0),
    byArea,
    byCause: [...causes]
      .map(([cause, c]) => ({ cause, ...c, gap: round(c.gap) }))
      .sort((a, b) => b.households - a.households || (a.cause ?? '').localeCompare(b.cause ?? '')),
  };
}

const COLUMNS: ExportColumn<BelowLineRow>[] = [
  { header: '户编号', value: (r) => r.householdNo, text: true, width: 22 },
  { header: '县（市、区）', value: (r) => r.countyName, width: 12 },
  { header: '乡镇（街道）', value: (r) => r.townshipName, width: 14 },
  { header: '村（社区）', value: (r) => r.villageName, width: 14 },
  { header: '户主姓名', value: (r) => r.headName, width: 10 },
  { header: '主要致贫原因', value: (r) => labelOf('povertyCause', r.mainCause), width: 12 },
  { header: '家庭人口', value: (r) => r.size, width: 8 },
  { header: '收入统计期', value: (r) => `${r.periodStart}至${r.periodEnd}`, width: 24 },
  { header: '统计月数', value: (r) => r.months, width: 8 },
  { header: '统计期纯收入（元）', value: (r) => r.recordedNet, width: 14 },
  { header: '全年化纯收入（元）', value: (r) => r.annualisedNet, width: 14 },
  { header: '措施调整（元）', value: (r) => r.scheduled, width: 12 },
  { header: '预计年纯收入（元）', value: (r) => r.projectedNet, width: 14 },
  { header: '预计人均纯收入（元）', value: (r) => r.perCapita, width: 14 },
  { header: '收入标准（元/人）', value: (r) => r.standard, width: 12 },
  { header: '人均缺口（元）', value: (r) => r.gapPerPerson, width: 12 },
  { header: '户缺口（元）', value: (r) => r.gap, width: 12 },
];

export async function exportBelowLine(db: Db, actor: Actor, q: Omit<BelowLineQuery, 'page' | 'pageSize'>, format: ExportFormat) {
  requirePermission(actor, 'registry.read');
  const area = await areaFor(db, actor, q.areaId);
  const on = q.on ?? chinaDate();
  const rows = filtered((await belowLineSet(db, area.path, on)).rows, q);
  async function* batches() {
    for (let i = 0; i < rows.length; i += 2_000) yield rows.slice(i, i + 2_000);
  }
  return exportList(db, actor, format, {
    title: `收入预评估低于标准农户名单（${on}）`,
    entity: 'preassessment',
    areaPath: area.path,
    filters: { ...q, on },
    count: rows.length,
    unit: '户',
    columns: COLUMNS,
    rows: batches(),
  });
}

/** Every household of an area below the line on a date, for a plan. */
export async function belowLineRows(db: DbOrTx, scopePath: string, on: string): Promise<BelowLineRow[]> {
  return (await belowLineSet(db, scopePath, on)).rows;
}
