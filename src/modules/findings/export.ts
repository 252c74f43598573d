import type { Db } from '../../db/client.js';
import { labelOf } from '../../domain/codes.js';
import { RULE_SEVERITIES } from '../../domain/rules/index.js';
import { can, requirePermission, type Actor } from '../accounts/access.js';
import { exportList, type ExportFormat } from '../exports/list-export.js';
import type { ExportColumn } from '../exports/table-file.js';
import { countRuns, iterateRuns, type RunView } from './runs.js';
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

const RUN_STATUS_ZH: Record<string, string> = { queued: '排队中', running: '运行中', done: '已完成', failed: '失败' };

const RUN_COLUMNS: ExportColumn<RunView>[] = [
  { header: '运行编号', value: (r) => r.id, width: 8 },
  { header: '状态', value: (r) => RUN_STATUS_ZH[r.status] ?? r.status, width: 8 },
  { header: '范围', value: (r) => (r.ruleCode ? `规则 ${r.ruleCode}` : r.departments?.length ? r.departments.map((d) => labelOf('department', d)).join('、') : '全部规则'), width: 24 },
  { header: '地区', value: (r) => r.area.name, width: 12 },
  { header: '参照日期', value: (r) => r.referenceDate, text: true, width: 12 },
  { header: '发起人', value: (r) => r.createdBy, width: 12 },
  { header: '开始时间', value: (r) => chinaTime(r.startedAt), text: true, width: 20 },
  { header: '结束时间', value: (r) => chinaTime(r.finishedAt), text: true, width: 20 },
  { header: '规则数', value: (r) => r.progress.rulesTotal, width: 8 },
  { header: '新发现', value: (r) => r.counts.new, width: 8 },
  { header: '仍存在', value: (r) => r.counts.stillOpen, width: 8 },
  { header: '已消失', value: (r) => r.counts.closed, width: 8 },
  { header: '重新出现', value: (r) => r.counts.reopened, width: 8 },
  { header: '其中整改不实', value: (r) => r.counts.falseRectified, width: 12 },
  { header: '已豁免', value: (r) => r.counts.exempted, width: 8 },
  { header: '失败规则数', value: (r) => r.failedRules, width: 10 },
  { header: '错误', value: (r) => r.error?.message ?? null, width: 30 },
];

/** The runs list as a file (规则运行记录), with the list's filter; audited by exportList. */
export async function exportRuns(db: Db, actor: Actor, q: { status?: string | undefined }, format: ExportFormat) {
  requirePermission(actor, 'rules.run');
  return exportList<RunView>(db, actor, format, {
    title: '规则运行记录',
    entity: 'rule_run',
    areaPath: actor.areaPath,
    filters: q,
    count: await countRuns(db, actor, q),
    unit: '次',
    columns: RUN_COLUMNS,
    rows: iterateRuns(db, actor, q),
  });
}
