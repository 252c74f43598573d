/**
 * 整改台账: the rectification ledger — counts and closure rates per department and per county, overdue counts, the
 * weekly trend of problems opened and closed off, and the ledger as a spreadsheet (the problem list with its history).
 */
import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.js';
import { labelOf } from '../../domain/codes.js';
import { PROBLEM_STATE_ZH, ACTION_DEFS, type ProblemAction, type ProblemState } from '../../domain/problem-workflow.js';
import { can, type Actor } from '../accounts/access.js';
import { exportList, type ExportFormat } from '../exports/list-export.js';
import type { ExportColumn } from '../exports/table-file.js';
import { evidenceText } from '../findings/export.js';
import { chinaToday, countFindings, findingWhere, iterateFindings, OVERDUE, type FindingFilter, type FindingView } from '../findings/service.js';

export type LedgerFilter = Pick<FindingFilter, 'areaId' | 'department' | 'ruleCode' | 'countyId' | 'state'>;

interface Figures {
  total: number;
  pending: number;
  inProgress: number;
  rectified: number;
  closedOff: number;
  overdue: number;
  falseRectification: number;
  /** closed off / total, 0..1 (null when there are none). */
  closureRate: number | null;
}

const FIGURES = (today: string) => sql`count(*)::int AS total,
  count(*) FILTER (WHERE f.workflow_state = 'pending')::int AS pending,
  count(*) FILTER (WHERE f.workflow_state IN ('confirmed', 'rejected', 'rectifying'))::int AS in_progress,
  count(*) FILTER (WHERE f.workflow_state = 'rectified')::int AS rectified,
  count(*) FILTER (WHERE f.workflow_state = 'closed_off')::int AS closed_off,
  count(*) FILTER (WHERE ${OVERDUE(today)})::int AS overdue,
  count(*) FILTER (WHERE f.false_rectification)::int AS false_rectification`;

type FigureRow = Record<string, unknown> & { total: number; pending: number; in_progress: number; rectified: number; closed_off: number; overdue: number; false_rectification: number };
const figures = (r: FigureRow): Figures => ({
  total: r.total,
  pending: r.pending,
  inProgress: r.in_progress,
  rectified: r.rectified,
  closedOff: r.closed_off,
  overdue: r.overdue,
  falseRectification: r.false_rectification,
  closureRate: r.total ? Math.round((r.closed_off / r.total) * 10_000) / 10_000 : null,
});

/** Monday of the week of `d` (YYYY-MM-DD), the key of the weekly trend. */
export function weekStart(d: string): string {
  const t = new Date(`${d}T00:00:00Z`);
  const dow = (t.getUTCDay() + 6) % 7;
  return new Date(t.getTime() - dow * 86_400_000).toISOString().slice(0, 10);
}

export async function ledger(db: Db, actor: Actor, q: LedgerFilter & { weeks?: number | undefined }) {
  const today = chinaToday();
  const { where } = await findingWhere(db, actor, q);
  const weeks = q.weeks ?? 12;
  const from = new Date(new Date(`${weekStart(today)}T00:00:00Z`).getTime() - (weeks - 1) * 7 * 86_400_000).toISOString().slice(0, 10);
  const [byDepartment, byCounty, [totals], opened, closed] = await Promise.all([
    query<FigureRow & { department: string }>(db, sql`SELECT f.department, ${FIGURES(today)} FROM findings f WHERE ${where} GROUP BY f.department ORDER BY f.department`),
    query<FigureRow & { county_id: number | null; name: string | null }>(
      db,
      sql`SELECT x.*, a.name FROM (SELECT f.county_id, ${FIGURES(today)} FROM findings f WHERE ${where} GROUP BY f.county_id) x
          LEFT JOIN areas a ON a.id = x.county_id ORDER BY a.code NULLS LAST`,
    ),
    query<FigureRow>(db, sql`SELECT ${FIGURES(today)} FROM findings f WHERE ${where}`),
    // Weeks in China time: a problem found on Monday 01:00 in Beijing belongs to that Monday's week.
    query<{ week: string; n: number }>(
      db,
      sql`SELECT to_char(date_trunc('week', f.first_seen_at AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM-DD') AS week, count(*)::int AS n
          FROM findings f WHERE ${where} AND (f.first_seen_at AT TIME ZONE 'Asia/Shanghai')::date >= ${from}::date GROUP BY 1`,
    ),
    query<{ week: string; n: number }>(
      db,
      sql`SELECT to_char(date_trunc('week', e.at AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM-DD') AS week, count(*)::int AS n
          FROM problem_events e JOIN findings f ON f.id = e.finding_id
          WHERE ${where} AND e.to_state = 'closed_off' AND e.from_state <> 'closed_off' AND (e.at AT TIME ZONE 'Asia/Shanghai')::date >= ${from}::date GROUP BY 1`,
    ),
  ]);
  const openedBy = new Map(opened.map((r) => [r.week, r.n]));
  const closedBy = new Map(closed.map((r) => [r.week, r.n]));
  const trend = Array.from({ length: weeks }, (_, i) => {
    const week = new Date(new Date(`${from}T00:00:00Z`).getTime() + i * 7 * 86_400_000).toISOString().slice(0, 10);
    return { week, opened: openedBy.get(week) ?? 0, closedOff: closedBy.get(week) ?? 0 };
  });
  return {
    totals: figures(totals!),
    byDepartment: byDepartment.map((r) => ({ department: r.department, ...figures(r) })),
    byCounty: byCounty.map((r) => ({ countyId: r.county_id, name: r.name, ...figures(r) })),
    trend,
  };
}

const chinaTime = (iso: string | null) => (iso ? new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : null);

type LedgerRow = FindingView & { history: string };

const COLUMNS: ExportColumn<LedgerRow>[] = [
  { header: '问题编号', value: (f) => f.id, width: 8 },
  { header: '责任部门', value: (f) => labelOf('department', f.department), width: 10 },
  { header: '县（市、区）', value: (f) => f.countyName, width: 12 },
  { header: '乡镇（街道）', value: (f) => f.townshipName, width: 14 },
  { header: '村（社区）', value: (f) => f.villageName, width: 14 },
  { header: '规则编号', value: (f) => f.ruleCode, text: true, width: 10 },
  { header: '问题', value: (f) => f.ruleTitleZh, width: 30 },
  { header: '户编号', value: (f) => f.householdNo, text: true, width: 22 },
  { header: '姓名', value: (f) => f.memberName, width: 10 },
  { header: '身份证号', value: (f) => f.idNumber, text: true, width: 22 },
  { header: '触发值', value: (f) => evidenceText(f.evidence), width: 30 },
  { header: '整改状态', value: (f) => PROBLEM_STATE_ZH[f.state], width: 8 },
  { header: '整改不实', value: (f) => (f.falseRectification ? '是' : ''), width: 8 },
  { header: '逾期', value: (f) => (f.overdue ? '是' : ''), width: 6 },
  { header: '挂牌督办', value: (f) => (f.supervised ? '是' : ''), width: 8 },
  { header: '发现时间', value: (f) => chinaTime(f.firstSeenAt), text: true, width: 18 },
  { header: '整改期限', value: (f) => f.deadline, text: true, width: 12 },
  { header: '最近处理', value: (f) => chinaTime(f.stateAt), text: true, width: 18 },
  { header: '处理经过', value: (f) => f.history, width: 60 },
];

/** The ledger rows with "who did what" from problem_events, fetched once per batch. */
async function* ledgerRows(db: Db, actor: Actor, q: FindingFilter, revealIds: boolean): AsyncGenerator<LedgerRow[]> {
  for await (const batch of iterateFindings(db, actor, q, revealIds)) {
    const ids = batch.map((f) => f.id);
    const events = await query<{ finding_id: number; action: ProblemAction; to_state: ProblemState; username: string | null; at: string | Date; reason: string | null; evidence: string | null }>(
      db,
      sql`SELECT finding_id, action, to_state, username, at, reason, evidence FROM problem_events
          WHERE finding_id IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)}) ORDER BY finding_id, id`,
    );
    const text = new Map<number, string[]>();
    for (const e of events) {
      const line = `${chinaTime(new Date(e.at).toISOString())} ${e.username ?? '系统'} ${ACTION_DEFS[e.action]?.zh ?? e.action}${e.reason ? `（${e.reason}）` : ''}${e.evidence ? `（佐证：${e.evidence}）` : ''}`;
      text.set(e.finding_id, [...(text.get(e.finding_id) ?? []), line]);
    }
    yield batch.map((f) => ({ ...f, history: (text.get(f.id) ?? []).join('；') }));
  }
}

export async function exportLedger(db: Db, actor: Actor, q: FindingFilter, format: ExportFormat, reveal: boolean) {
  const revealIds = reveal && can(actor, 'ids.reveal');
  const { total, areaPath } = await countFindings(db, actor, q);
  return exportList(db, actor, format, {
    title: '整改台账',
    entity: 'problem',
    areaPath,
    filters: q,
    count: total,
    unit: '条',
    revealIds,
    columns: COLUMNS,
    rows: ledgerRows(db, actor, q, revealIds),
  });
}
