/**
 * 公示 (public notice) of a case, as a printable HTML page (the browser prints it or saves it as PDF) and as a Word
 * document for the village to edit and post. It names only what the policy allows on a village wall: the head of household, the village,
 * the category and the risk types — never an ID number, phone, bank account or health details. The data it is built
 * from is picked field by field so nothing else can slip in.
 */
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
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
  const x = noticeText(n);
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(x.title)}</title>
<style>body{font-family:"SimSun","Songti SC",serif;max-width:760px;margin:40px auto;line-height:1.9;font-size:16px}
h1{text-align:center;font-size:24px}table{width:100%;border-collapse:collapse;margin:16px 0}td,th{border:1px solid #000;padding:6px 10px;text-align:center}
.sign{text-align:right;margin-top:48px}@media print{button{display:none}}</style></head>
<body><button onclick="window.print()">打印</button>
<h1>${esc(x.title)}</h1>
<p>${esc(x.intro)}</p>
<table><thead><tr>${HEADINGS.map((h) => `<th>${h}</th>`).join('')}</tr></thead>
<tbody><tr>${x.row.map((v) => `<td>${esc(v)}</td>`).join('')}</tr></tbody></table>
<p>${esc(x.period)}</p>
<p class="sign">${x.signature.map(esc).join('<br>')}</p>
</body></html>`;
}

function noticeText(n: NoticeContent) {
  const inclusion = n.phase === 'inclusion';
  return {
    title: inclusion ? '防止返贫监测对象识别纳入公示' : '防止返贫监测对象风险消除公示',
    intro: `经农户申请（或干部排查、部门预警）、入户核实和村民主评议，以下农户${inclusion ? '拟纳入防止返贫监测对象' : '拟标注风险消除'}，现予公示。`,
    row: ['1', n.headName, n.townshipName + n.villageName, labelOf('monitoringCategory', n.category), n.riskTypes.map((r) => labelOf('monitoringRiskType', r)).join('、')],
    period: `公示期：${n.noticeStart && n.noticeEnd ? `${n.noticeStart} 至 ${n.noticeEnd}` : '＿＿年＿＿月＿＿日 至 ＿＿年＿＿月＿＿日'}（不少于5天）。如有异议，请在公示期内向村委会或乡镇（街道）反映。`,
    signature: [`${n.countyName}${n.townshipName}${n.villageName}村民委员会`, n.noticeStart ?? '＿＿年＿＿月＿＿日'],
  };
}

const HEADINGS = ['序号', '户主姓名', '所在村', '监测对象类别', '风险类型'];

/** The same notice as a Word document (.docx): the same fields, nothing more. */
export async function noticeDocx(n: NoticeContent): Promise<Buffer> {
  const x = noticeText(n);
  const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, bold, font: 'SimSun', size: 24 })] })] });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 300 }, children: [new TextRun({ text: x.title, bold: true, font: 'SimHei', size: 36 })] }),
          new Paragraph({ spacing: { after: 200 }, children: [new TextRun({ text: x.intro, font: 'SimSun', size: 24 })] }),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [new TableRow({ children: HEADINGS.map((h) => cell(h, true)) }), new TableRow({ children: x.row.map((v) => cell(v)) })] }),
          new Paragraph({ spacing: { before: 200 }, children: [new TextRun({ text: x.period, font: 'SimSun', size: 24 })] }),
          ...x.signature.map((line, i) => new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: i === 0 ? 600 : 0 }, children: [new TextRun({ text: line, font: 'SimSun', size: 24 })] })),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** The notice of a case in its current (or last) phase; the download is audited. */
export async function caseNotice(db: Db, actor: Parameters<typeof caseInScope>[1], id: number, format: 'html' | 'docx' = 'html') {
  const row = await caseInScope(db, actor, id);
  const phase = phaseOf(row.status) ?? (row.status === 'eliminated' ? 'elimination' : 'inclusion');
  const [notice] = await query<{ notice_start: string; notice_end: string }>(
    db,
    sql`SELECT notice_start::text AS notice_start, notice_end::text AS notice_end FROM monitoring_steps
        WHERE case_id = ${id} AND phase = ${phase} AND step = 'notice' ORDER BY id DESC LIMIT 1`,
  );
  await recordAudit(db, actor, { action: 'export', entity: 'monitoring_notice', entityId: id, areaPath: row.area_path, householdId: row.household_id, detail: { format } });
  const content: NoticeContent = {
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
  };
  return format === 'docx' ? { docx: await noticeDocx(content), content } : { html: noticeHtml(content), content };
}
