/**
 * 公示 (public notice) of a case, as a printable HTML page (the project has no Word library; the browser prints it
 * or saves it as PDF). It names only what the policy allows on a village wall: the head of household, the village,
 * the category and the risk types — never an ID number, phone, bank account or health details. The data it is built
 * from is picked field by field so nothing else can slip in.
 */
import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.js';
import { labelOf } from '../../domain/codes.js';
import { phaseOf } from '../../domain/monitoring.js';
import { recordAudit } from '../audit/service.js';
import { caseInScope } from './case-read.js';

export interface NoticeContent {
  phase: 'inclusion' | 'elimination';
  headName: string;
  villageName: string;
  townshipName: string;
  countyName: string;
  category: string;
  riskTypes: string[];
  otherNote: string | null;
  noticeStart: string | null;
  noticeEnd: string | null;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The notice page. Risk types are named as categories (因病, 因残…), never with a diagnosis. */
export function noticeHtml(n: NoticeContent): string {
  const title = n.phase === 'inclusion' ? '防止返贫监测对象识别纳入公示' : '防止返贫监测对象风险消除公示';
  const risks = n.riskTypes.map((r) => labelOf('monitoringRiskType', r)).join('、');
  const period = n.noticeStart && n.noticeEnd ? `${n.noticeStart} 至 ${n.noticeEnd}` : '＿＿年＿＿月＿＿日 至 ＿＿年＿＿月＿＿日';
  const action = n.phase === 'inclusion' ? '拟纳入防止返贫监测对象' : '拟标注风险消除';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font-family:"SimSun","Songti SC",serif;max-width:760px;margin:40px auto;line-height:1.9;font-size:16px}
h1{text-align:center;font-size:24px}table{width:100%;border-collapse:collapse;margin:16px 0}td,th{border:1px solid #000;padding:6px 10px;text-align:center}
.sign{text-align:right;margin-top:48px}@media print{button{display:none}}</style></head>
<body><button onclick="window.print()">打印</button>
<h1>${esc(title)}</h1>
<p>经农户申请（或干部排查、部门预警）、入户核实和村民主评议，以下农户${action}，现予公示。</p>
<table><thead><tr><th>序号</th><th>户主姓名</th><th>所在村</th><th>监测对象类别</th><th>风险类型</th></tr></thead>
<tbody><tr><td>1</td><td>${esc(n.headName)}</td><td>${esc(n.townshipName + n.villageName)}</td><td>${esc(labelOf('monitoringCategory', n.category))}</td><td>${esc(risks)}</td></tr></tbody></table>
<p>公示期：${esc(period)}（不少于5天）。如有异议，请在公示期内向村委会或乡镇（街道）反映。</p>
<p class="sign">${esc(n.countyName)}${esc(n.townshipName)}${esc(n.villageName)}村民委员会<br>${esc(n.noticeStart ?? '＿＿年＿＿月＿＿日')}</p>
</body></html>`;
}

/** The notice of a case in its current (or last) phase; the download is audited. */
export async function caseNotice(db: Db, actor: Parameters<typeof caseInScope>[1], id: number) {
  const row = await caseInScope(db, actor, id);
  const phase = phaseOf(row.status) ?? (row.status === 'eliminated' ? 'elimination' : 'inclusion');
  const [notice] = await query<{ notice_start: string; notice_end: string }>(
    db,
    sql`SELECT notice_start::text AS notice_start, notice_end::text AS notice_end FROM monitoring_steps
        WHERE case_id = ${id} AND phase = ${phase} AND step = 'notice' ORDER BY id DESC LIMIT 1`,
  );
  await recordAudit(db, actor, { action: 'export', entity: 'monitoring_notice', entityId: id, areaPath: row.area_path, householdId: row.household_id });
  return noticeHtml({
    phase,
    headName: row.head_name ?? '',
    villageName: row.village_name,
    townshipName: row.township_name ?? '',
    countyName: row.county_name ?? '',
    category: row.category,
    riskTypes: row.risk_types,
    otherNote: null,
    noticeStart: notice?.notice_start ?? null,
    noticeEnd: notice?.notice_end ?? null,
  });
}
