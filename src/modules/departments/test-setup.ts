/** For src/http/scope.test.ts: a department upload of 冠县 with a record matched to `memberId` and one waiting for review. */
import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.js';
import type { Actor } from '../accounts/access.js';
import { deptSnapshots } from './schema.js';

export async function seedDepartmentFixtures(db: Db, countyActor: Actor, memberId: number) {
  const [snap] = await db
    .insert(deptSnapshots)
    .values({ datasetType: 'school_enrolment', department: 'education', asOf: '2020-08-31', status: 'previewed', fileName: '冠县学籍.xlsx', areaId: countyActor.areaId, areaPath: countyActor.areaPath, userId: countyActor.userId, username: countyActor.username, counts: { rows: 2, rejected: 1 } })
    .returning();
  const [m] = await query<{ id: number; household_id: number; area_path: string; id_number: string; name: string }>(db, sql`SELECT id, household_id, area_path, id_number, name FROM members WHERE id = ${memberId}`);
  const [matched] = await query<{ id: number }>(
    db,
    sql`INSERT INTO dept_records (snapshot_id, sheet, row_number, id_number, name, data, as_of, member_id, household_id, area_path, match_status)
        VALUES (${snap!.id}, '学籍', 3, ${m!.id_number}, ${m!.name}, '{"status":"enrolled"}', '2020-08-31', ${m!.id}, ${m!.household_id}, ${m!.area_path}, 'id_exact') RETURNING id::int AS id`,
  );
  const [review] = await query<{ id: number }>(
    db,
    sql`INSERT INTO dept_records (snapshot_id, sheet, row_number, name, data, as_of, area_path, match_status)
        VALUES (${snap!.id}, '学籍', 4, ${m!.name}, '{"status":"enrolled"}', '2020-08-31', ${m!.area_path}, 'review') RETURNING id::int AS id`,
  );
  await db.execute(sql`INSERT INTO dept_match_candidates (record_id, member_id, rank, score) VALUES (${review!.id}, ${m!.id}, 1, 0.9)`);
  await db.execute(sql`INSERT INTO dept_snapshot_issues (snapshot_id, sheet, row_number, "column", value, code, reason, reason_zh)
    VALUES (${snap!.id}, '学籍', 5, 'C', ${m!.id_number}, 'REQUIRED', 'status is required', '学籍状态不能为空')`);
  return { deptSnapshot: snap!.id, deptRecord: matched!.id, deptReview: review!.id };
}
