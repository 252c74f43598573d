import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.js';
import { labelOf } from '../../domain/codes.js';
import { can, requirePermission, type Actor } from '../accounts/access.js';
import { getAreaInScope } from '../areas/service.js';
import { exportList, type ExportFormat } from '../exports/list-export.js';
import type { ExportColumn } from '../exports/table-file.js';
import type { HouseholdListQuery } from './inputs.js';
import { householdFilter, iterateHouseholds, type HouseholdListRow } from './list.js';

const COLUMNS: ExportColumn<HouseholdListRow>[] = [
  { header: '户编号', value: (r) => r.householdNo, text: true, width: 22 },
  { header: '县（市、区）', value: (r) => r.countyName, width: 12 },
  { header: '乡镇（街道）', value: (r) => r.townshipName, width: 14 },
  { header: '村（社区）', value: (r) => r.villageName, width: 14 },
  { header: '户主姓名', value: (r) => r.headName, width: 10 },
  { header: '户主身份证号', value: (r) => r.headIdNumber, text: true, width: 22 },
  { header: '家庭人口', value: (r) => r.size, width: 8 },
  { header: '户类型', value: (r) => labelOf('householdType', r.type), width: 10 },
  { header: '贫困户属性', value: (r) => labelOf('povertyAttribute', r.povertyAttribute), width: 14 },
  { header: '主要致贫原因', value: (r) => labelOf('povertyCause', r.mainCause), width: 12 },
  { header: '住房安全等级', value: (r) => r.housingGrade, width: 10 },
  { header: '人均纯收入（元）', value: (r) => r.perCapitaNetIncome, width: 14 },
  { header: '收入统计期止', value: (r) => r.incomePeriodEnd, text: true, width: 12 },
  { header: '销户日期', value: (r) => r.endedOn, text: true, width: 12 },
];

/**
 * Exports a household list with the same filters as the screen. Full ID numbers only for a user with the right who
 * asked; the export itself, its filters and its size go into the trail.
 */
export async function exportHouseholds(db: Db, actor: Actor, q: HouseholdListQuery, format: ExportFormat, reveal: boolean) {
  requirePermission(actor, 'registry.read');
  const revealIds = reveal && can(actor, 'ids.reveal');
  const area = q.areaId ? await getAreaInScope(db, actor, q.areaId) : undefined;
  const where = await householdFilter(db, actor, q);
  const [count] = await query<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM households h WHERE ${where}`);
  return exportList(db, actor, format, {
    title: '建档立卡户名单',
    entity: 'household',
    areaPath: area?.path ?? actor.areaPath,
    filters: q,
    count: count?.n ?? 0,
    unit: '户',
    revealIds,
    columns: COLUMNS,
    rows: iterateHouseholds(db, actor, q, revealIds),
  });
}
