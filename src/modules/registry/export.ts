import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.js';
import { labelOf } from '../../domain/codes.js';
import { can, requirePermission, type Actor } from '../accounts/access.js';
import { ancestorsOf, getAreaInScope } from '../areas/service.js';
import { recordAudit } from '../audit/service.js';
import { csvStream, exportFileName, xlsxStream, type ExportColumn } from '../exports/table-file.js';
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
export async function exportHouseholds(
  db: Db,
  actor: Actor,
  q: HouseholdListQuery,
  format: 'xlsx' | 'csv',
  reveal: boolean,
) {
  requirePermission(actor, 'registry.read');
  const revealIds = reveal && can(actor, 'ids.reveal');
  const area = q.areaId ? await getAreaInScope(db, actor, q.areaId) : undefined;
  const path = area?.path ?? actor.areaPath;
  const areaName = (await ancestorsOf(db, path)).map((a) => a.name).join(' / ');
  const where = await householdFilter(db, actor, q);
  const [count] = await query<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM households h WHERE ${where}`);
  await recordAudit(db, actor, {
    action: 'export',
    entity: 'household',
    areaPath: path,
    detail: { format, filters: { ...q, page: undefined, pageSize: undefined }, rows: count?.n ?? 0, revealIds },
  });
  const now = new Date();
  const meta = {
    title: '建档立卡户名单',
    subtitle: `区域：${areaName}\u3000导出时间：${now.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}\u3000导出人：${actor.username}\u3000共${count?.n ?? 0}户${revealIds ? '' : '\u3000身份证号已脱敏'}`,
  };
  const batches = iterateHouseholds(db, actor, q, revealIds);
  return {
    fileName: exportFileName('建档立卡户名单', format, now),
    stream: format === 'xlsx' ? xlsxStream(COLUMNS, meta, batches) : csvStream(COLUMNS, meta, batches),
  };
}
