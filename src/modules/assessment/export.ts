import type { Db } from '../../db/client.js';
import { INDICATORS, statusLabel } from '../../domain/assessment.js';
import { labelOf } from '../../domain/codes.js';
import type { Actor } from '../accounts/access.js';
import { exportList, type ExportFormat } from '../exports/list-export.js';
import type { ExportColumn } from '../exports/table-file.js';
import { assessmentRows, type AssessmentFilters, type AssessmentListRow } from './service.js';

const COLUMNS: ExportColumn<AssessmentListRow>[] = [
  { header: '户编号', value: (r) => r.householdNo, text: true, width: 22 },
  { header: '县（市、区）', value: (r) => r.countyName, width: 12 },
  { header: '乡镇（街道）', value: (r) => r.townshipName, width: 14 },
  { header: '村（社区）', value: (r) => r.villageName, width: 14 },
  { header: '户主姓名', value: (r) => r.headName, width: 10 },
  { header: '户主身份证号', value: (r) => r.headIdNumber, text: true, width: 22 },
  { header: '户类型', value: (r) => labelOf('householdType', r.type), width: 10 },
  { header: '参照日期', value: (r) => r.referenceDate, text: true, width: 12 },
  ...INDICATORS.map((i): ExportColumn<AssessmentListRow> => ({ header: i.zh, value: (r) => statusLabel(r.statuses[i.code]), width: 10 })),
  { header: '有未达标指标', value: (r) => (r.anyUnmet ? '是' : '否'), width: 12 },
  { header: '未达标及缺少数据情况', value: (r) => r.facts.map((f) => `【${INDICATORS.find((i) => i.code === f.indicator)!.zh}】${f.text}`).join('；'), width: 80 },
];

/** The assessment list as on screen (same filters), masked ID numbers; audited by exportList. */
export async function exportAssessments(db: Db, actor: Actor, q: AssessmentFilters, format: ExportFormat) {
  const { count, areaPath, date, rows } = await assessmentRows(db, actor, q);
  return exportList(db, actor, format, {
    title: '两不愁三保障及饮水、收入达标情况',
    entity: 'household_assessment',
    areaPath,
    filters: { ...q, referenceDate: date },
    count,
    unit: '户',
    revealIds: false,
    columns: COLUMNS,
    rows,
  });
}
