import type { Db } from '../../db/client.js';
import { labelOf } from '../../domain/codes.js';
import { RULE_SEVERITIES } from '../../domain/rules/index.js';
import { can, type Actor } from '../accounts/access.js';
import { exportList, type ExportFormat } from '../exports/list-export.js';
import type { ExportColumn } from '../exports/table-file.js';
import { countFindings, iterateFindings, type FindingFilter, type FindingView } from './service.js';

const STATUS_ZH: Record<string, string> = { open: '待处理', closed: '已关闭', exempted: '已豁免' };
export const severityZh = (code: string) => RULE_SEVERITIES.find((s) => s.code === code)?.zh ?? code;
const chinaTime = (iso: string | null) => (iso ? new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ') : null);

/** Evidence as one readable cell: field = value; … */
export function evidenceText(e: FindingView['evidence']): string {
  return Object.entries(e)
    .map(([k, v]) => `${k} = ${v === null ? '空' : String(v)}`)
    .join('；');
}

const COLUMNS: ExportColumn<FindingView>[] = [
  { header: '规则编号', value: (f) => f.ruleCode, text: true, width: 10 },
  { header: '规则名称', value: (f) => f.ruleTitleZh, width: 30 },
  { header: '严重程度', value: (f) => severityZh(f.severity), width: 8 },
  { header: '责任部门', value: (f) => labelOf('department', f.department), width: 10 },
  { header: '状态', value: (f) => STATUS_ZH[f.status] ?? f.status, width: 8 },
  { header: '县（市、区）', value: (f) => f.countyName, width: 12 },
  { header: '乡镇（街道）', value: (f) => f.townshipName, width: 14 },
  { header: '村（社区）', value: (f) => f.villageName, width: 14 },
  { header: '户编号', value: (f) => f.householdNo, text: true, width: 22 },
  { header: '姓名', value: (f) => f.memberName, width: 10 },
  { header: '身份证号', value: (f) => f.idNumber, text: true, width: 22 },
  { header: '触发值', value: (f) => evidenceText(f.evidence), width: 40 },
  { header: '首次发现', value: (f) => chinaTime(f.firstSeenAt), text: true, width: 20 },
  { header: '最近发现', value: (f) => chinaTime(f.lastSeenAt), text: true, width: 20 },
  { header: '关闭时间', value: (f) => chinaTime(f.closedAt), text: true, width: 20 },
  { header: '重开次数', value: (f) => f.reopenedCount, width: 8 },
];

/** The findings list as a file; full ID numbers only for a user with the right who asked. Audited by exportList. */
export async function exportFindings(db: Db, actor: Actor, q: FindingFilter, format: ExportFormat, reveal: boolean) {
  const revealIds = reveal && can(actor, 'ids.reveal');
  const { total, areaPath } = await countFindings(db, actor, q);
  return exportList(db, actor, format, {
    title: '核查问题清单',
    entity: 'finding',
    areaPath,
    filters: q,
    count: total,
    unit: '条',
    revealIds,
    columns: COLUMNS,
    rows: iterateFindings(db, actor, q, revealIds),
  });
}
