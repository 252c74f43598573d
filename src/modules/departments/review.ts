/**
 * 匹配确认: records the matcher could not decide wait here with their candidates, side by side with the registry
 * person; a person in the area (departments.match) accepts one candidate, picks another registry member by hand,
 * or says the record has nobody in the registry. Each decision is audited and takes effect at the next comparison run.
 */
import { sql, type SQL } from 'drizzle-orm';
import { query, type Db } from '../../db/client.js';
import { maskIdNumber } from '../../domain/id-number.js';
import { AppError, notFound } from '../../errors.js';
import { can, escapeLike, requirePermission, type Actor } from '../accounts/access.js';
import { recordAudit } from '../audit/service.js';

interface ReviewRow extends Record<string, unknown> {
  id: number;
  snapshot_id: number;
  dataset_type: string;
  id_number: string | null;
  id_raw: string | null;
  name: string;
  sex: string | null;
  birth_date: string | null;
  village_name: string | null;
  match_status: string;
  area_path: string;
}

interface CandidateRow extends Record<string, unknown> {
  record_id: number;
  member_id: number;
  rank: number;
  score: string;
  reasons: string[];
  name: string;
  id_number: string;
  sex: string | null;
  birth_date: string | null;
  household_no: string;
  village: string;
  area_path: string;
}

function reviewWhere(actor: Actor, f: { datasetType?: string | undefined; status?: 'review' | 'unmatched' | undefined }): SQL {
  const conds = [sql`s.status IN ('previewed', 'committed')`, sql`r.match_status = ${f.status ?? 'review'}`, sql`r.area_path LIKE ${escapeLike(actor.areaPath) + '%'}`];
  if (f.datasetType) conds.push(sql`s.dataset_type = ${f.datasetType}`);
  if (actor.role === 'department_officer') conds.push(actor.department ? sql`s.department = ${actor.department}` : sql`false`);
  return sql.join(conds, sql` AND `);
}

const mask = (v: string | null, reveal: boolean) => (v == null ? null : reveal ? v : v.length >= 15 ? maskIdNumber(v) : v.replace(/\d(?=\d{4})/g, '*'));

/** Records waiting for a decision, each with its candidates (best first), paginated. */
export async function listReviews(db: Db, actor: Actor, q: { datasetType?: string | undefined; status?: 'review' | 'unmatched' | undefined; page: number; pageSize: number }, revealIds = false) {
  requirePermission(actor, 'registry.read');
  const reveal = revealIds && can(actor, 'ids.reveal');
  const where = reviewWhere(actor, q);
  const [{ n }] = (await query<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM dept_records r JOIN dept_snapshots s ON s.id = r.snapshot_id WHERE ${where}`)) as [{ n: number }];
  const rows = await query<ReviewRow>(
    db,
    sql`SELECT r.id::int AS id, r.snapshot_id, s.dataset_type, r.id_number, r.id_raw, r.name, r.sex, r.birth_date::text AS birth_date, r.village_name, r.match_status, r.area_path
        FROM dept_records r JOIN dept_snapshots s ON s.id = r.snapshot_id WHERE ${where} ORDER BY r.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
  );
  const cands = rows.length
    ? await query<CandidateRow>(
        db,
        sql`SELECT c.record_id::int AS record_id, c.member_id, c.rank, c.score::text AS score, c.reasons, m.name, m.id_number, m.sex, m.birth_date::text AS birth_date, h.household_no,
                   a.name AS village, m.area_path
            FROM dept_match_candidates c JOIN members m ON m.id = c.member_id JOIN households h ON h.id = m.household_id JOIN areas a ON a.id = h.area_id
            WHERE c.record_id = ANY(${sql.param(rows.map((r) => r.id))}::bigint[]) AND m.area_path LIKE ${escapeLike(actor.areaPath) + '%'} ORDER BY c.record_id, c.rank`,
      )
    : [];
  await recordAudit(db, actor, { action: 'view', entity: 'dept_record', areaPath: actor.areaPath, detail: { review: true, rows: rows.length, revealIds: reveal } });
  return {
    total: Number(n),
    page: q.page,
    pageSize: q.pageSize,
    items: rows.map((r) => ({
      id: r.id,
      snapshotId: r.snapshot_id,
      datasetType: r.dataset_type,
      record: { idNumber: mask(r.id_number ?? r.id_raw, reveal), name: r.name, sex: r.sex, birthDate: r.birth_date, villageName: r.village_name },
      matchStatus: r.match_status,
      candidates: cands
        .filter((c) => Number(c.record_id) === r.id)
        .map((c) => ({ memberId: c.member_id, rank: c.rank, score: Number(c.score), reasons: c.reasons, name: c.name, idNumber: mask(c.id_number, reveal), sex: c.sex, birthDate: c.birth_date, householdNo: c.household_no, village: c.village })),
    })),
  };
}

async function reviewable(db: Db, actor: Actor, recordId: number): Promise<ReviewRow> {
  requirePermission(actor, 'departments.match');
  const [row] = await query<ReviewRow>(
    db,
    sql`SELECT r.id::int AS id, r.snapshot_id, s.dataset_type, r.id_number, r.id_raw, r.name, r.sex, r.birth_date::text AS birth_date, r.village_name, r.match_status, r.area_path
        FROM dept_records r JOIN dept_snapshots s ON s.id = r.snapshot_id WHERE r.id = ${recordId} AND r.area_path LIKE ${escapeLike(actor.areaPath) + '%'}`,
  );
  if (!row) throw notFound('Department record', '部门数据记录');
  if (!['review', 'unmatched', 'rejected', 'auto', 'confirmed'].includes(row.match_status))
    throw new AppError('INVALID_STATE', 'A record matched by its ID number is not reviewed', '按身份证号精确匹配的记录无需确认');
  return row;
}

/** Accepts a candidate, or any registry member in the user's area chosen by hand. */
export async function confirmMatch(db: Db, actor: Actor, recordId: number, memberId: number) {
  const rec = await reviewable(db, actor, recordId);
  const [m] = await query<{ id: number; household_id: number; area_path: string }>(
    db,
    sql`SELECT id, household_id, area_path FROM members WHERE id = ${memberId} AND area_path LIKE ${escapeLike(actor.areaPath) + '%'}`,
  );
  if (!m) throw notFound('Registry member', '建档立卡成员');
  await db.transaction(async (tx) => {
    await tx.execute(sql`UPDATE dept_records SET member_id = ${m.id}, household_id = ${m.household_id}, area_path = ${m.area_path}, match_status = 'confirmed',
                           matched_by = ${actor.username}, matched_at = now() WHERE id = ${recordId}`);
    await recordAudit(tx, actor, { action: 'update', entity: 'dept_record', entityId: recordId, areaPath: m.area_path, oldValues: { matchStatus: rec.match_status }, newValues: { matchStatus: 'confirmed', memberId } });
  });
  return { id: recordId, matchStatus: 'confirmed', memberId };
}

/** Nobody in the registry is this record's person (a child not in a registered household, a typo…). */
export async function rejectMatch(db: Db, actor: Actor, recordId: number) {
  const rec = await reviewable(db, actor, recordId);
  await db.transaction(async (tx) => {
    await tx.execute(sql`UPDATE dept_records SET member_id = NULL, household_id = NULL, match_status = 'rejected', matched_by = ${actor.username}, matched_at = now() WHERE id = ${recordId}`);
    await recordAudit(tx, actor, { action: 'update', entity: 'dept_record', entityId: recordId, areaPath: rec.area_path, oldValues: { matchStatus: rec.match_status }, newValues: { matchStatus: 'rejected' } });
  });
  return { id: recordId, matchStatus: 'rejected', memberId: null };
}
