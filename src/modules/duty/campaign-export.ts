/** A campaign's results as a file: one row per household, one column per question (API.md). Audited by exportList. */
import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.js';
import { answerText, type Question } from '../../domain/duty-forms.js';
import { requirePermission, type Actor } from '../accounts/access.js';
import { exportList, type ExportFormat } from '../exports/list-export.js';
import type { ExportColumn } from '../exports/table-file.js';
import { chinaDateTime } from '../exports/table-file.js';
import { presentTask, TASK_COLUMNS, TASK_FROM, taskWhere, type TaskView } from './campaigns.js';
import type { TaskFilter } from './inputs.js';

export async function exportCampaign(db: Db, actor: Actor, id: number, q: Omit<TaskFilter, 'page' | 'pageSize'>, format: ExportFormat) {
  requirePermission(actor, 'registry.read');
  const { campaign, where } = await taskWhere(db, actor, id, q);
  const [count] = await query<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM duty_campaign_tasks t WHERE ${where}`);
  const columns: ExportColumn<TaskView>[] = [
    { header: '村（社区）', value: (t) => t.villageName, width: 14 },
    { header: '户编号', value: (t) => t.householdNo, text: true, width: 22 },
    { header: '户主', value: (t) => t.headName, width: 10 },
    { header: '排查干部', value: (t) => t.cadreName, width: 10 },
    { header: '状态', value: (t) => (t.doneAt ? '已排查' : '未排查'), width: 8 },
    { header: '发现风险', value: (t) => (t.risky ? '是' : t.doneAt ? '否' : ''), width: 8 },
    ...(campaign.questions as Question[]).map((qn) => ({ header: qn.label, value: (t: TaskView) => answerText(t.answers?.[qn.key]), width: Math.max(10, Math.min(30, qn.label.length * 2)) })),
    { header: '填报人', value: (t) => t.doneByName, width: 10 },
    { header: '填报时间', value: (t) => chinaDateTime(t.doneAt), text: true, width: 20 },
  ];
  async function* batches() {
    for (let offset = 0; ; offset += 2_000) {
      const rows = await query<Parameters<typeof presentTask>[0]>(db, sql`SELECT ${TASK_COLUMNS} ${TASK_FROM} WHERE ${where} ORDER BY t.area_path, h.household_no LIMIT 2000 OFFSET ${offset}`);
      if (rows.length === 0) return;
      yield rows.map(presentTask);
    }
  }
  return exportList(db, actor, format, {
    title: `逐户排查结果：${campaign.title}`,
    entity: 'duty_campaign_response',
    areaPath: campaign.areaPath.startsWith(actor.areaPath) ? campaign.areaPath : actor.areaPath,
    filters: { campaignId: id, ...q },
    count: count!.n,
    unit: '户',
    columns,
    rows: batches(),
  });
}
