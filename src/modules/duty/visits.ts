/**
 * 遍访 records (API.md): a cadre's home visit or phone call to a household, or a visit to a village or township,
 * with an optional photo. Entered by the cadre (their own record is the default) or by the office for a cadre in
 * its area; the visited place must be in the user's area.
 */
import { and, eq, sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.js';
import { AppError, notFound } from '../../errors.js';
import { escapeLike, inScope, requirePermission, type Actor } from '../accounts/access.js';
import { getAreaInScope } from '../areas/service.js';
import { recordAudit } from '../audit/service.js';
import { householdInScope } from '../registry/households.js';
import { cadreInScope, cadreOfUser, invalid } from './cadres.js';
import { PHOTO_MAX_BYTES, type NewVisit, type VisitFilter } from './inputs.js';
import { dutyVisitPhotos, dutyVisits } from './schema.js';

/** The first bytes each accepted image type starts with: the declared type must match the content. */
function imageMatches(contentType: string, b: Buffer): boolean {
  if (contentType === 'image/jpeg') return b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
  if (contentType === 'image/png') return b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP';
}

function decodePhoto(p: NonNullable<NewVisit['photo']>): Buffer {
  const data = Buffer.from(p.base64, 'base64');
  if (data.length > PHOTO_MAX_BYTES) throw new AppError('FILE_TOO_LARGE', 'The photo is larger than 2 MB', '照片不能超过2MB');
  if (data.length === 0 || !imageMatches(p.contentType, data)) throw invalid('photo', 'The photo is not a JPEG, PNG or WebP image', '照片须为JPEG、PNG或WebP格式的图片');
  return data;
}

async function whoVisits(db: Db, actor: Actor, cadreId: number | undefined) {
  const own = await cadreOfUser(db, actor.userId);
  if (cadreId === undefined || cadreId === own?.id) {
    if (!own) throw invalid('cadreId', 'Choose the cadre who visited', '您的账号未关联帮扶干部，请选择走访干部');
    return own;
  }
  return cadreInScope(db, actor, cadreId);
}

export async function recordVisit(db: Db, actor: Actor, input: NewVisit) {
  requirePermission(actor, 'registry.write');
  const cadre = await whoVisits(db, actor, input.cadreId);
  let place: { householdId: number | null; areaId: number; areaPath: string };
  if (input.householdId !== undefined) {
    const h = await householdInScope(db, actor, input.householdId);
    place = { householdId: h.id, areaId: h.areaId, areaPath: h.areaPath };
  } else {
    const a = await getAreaInScope(db, actor, input.areaId!);
    if (a.level !== 'village' && a.level !== 'township') throw invalid('areaId', 'Visits are to a village or a township', '走访对象须为村（社区）或乡镇（街道）');
    place = { householdId: null, areaId: a.id, areaPath: a.path };
  }
  const photo = input.photo ? decodePhoto(input.photo) : null;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(dutyVisits)
      .values({
        cadreId: cadre.id,
        ...place,
        visitedOn: input.visitedOn,
        method: input.method,
        findings: input.findings ?? null,
        followUp: input.followUp ?? null,
        createdBy: actor.userId,
        createdByName: actor.username,
      })
      .returning();
    if (photo) await tx.insert(dutyVisitPhotos).values({ visitId: row!.id, contentType: input.photo!.contentType, size: photo.length, data: photo });
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'duty_visit',
      entityId: row!.id,
      areaPath: row!.areaPath,
      householdId: row!.householdId,
      newValues: { cadreId: cadre.id, cadreName: cadre.name, visitedOn: row!.visitedOn, method: row!.method, findings: row!.findings, followUp: row!.followUp, photo: photo ? photo.length : null },
    });
    return { id: row!.id, cadreId: cadre.id, cadreName: cadre.name, householdId: row!.householdId, areaId: row!.areaId, visitedOn: row!.visitedOn, method: row!.method, findings: row!.findings, followUp: row!.followUp, hasPhoto: photo !== null };
  });
}

interface VisitRow extends Record<string, unknown> {
  id: number;
  cadre_id: number;
  cadre_name: string;
  household_id: number | null;
  household_no: string | null;
  area_id: number;
  area_name: string;
  visited_on: string;
  method: string;
  findings: string | null;
  follow_up: string | null;
  has_photo: boolean;
}

export async function listVisits(db: Db, actor: Actor, q: VisitFilter) {
  requirePermission(actor, 'registry.read');
  const area = q.areaId ? await getAreaInScope(db, actor, q.areaId) : null;
  const conds = [sql`v.area_path LIKE ${escapeLike(actor.areaPath) + '%'}`];
  if (area) conds.push(sql`v.area_path LIKE ${escapeLike(area.path) + '%'}`);
  if (q.cadreId) conds.push(sql`v.cadre_id = ${q.cadreId}`);
  if (q.householdId) conds.push(sql`v.household_id = ${q.householdId}`);
  if (q.from) conds.push(sql`v.visited_on >= ${q.from}`);
  if (q.to) conds.push(sql`v.visited_on <= ${q.to}`);
  const where = sql.join(conds, sql` AND `);
  const [count] = await query<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM duty_visits v WHERE ${where}`);
  const rows = await query<VisitRow>(
    db,
    sql`SELECT v.id, v.cadre_id, c.name AS cadre_name, v.household_id, h.household_no, v.area_id, a.name AS area_name, v.visited_on::text,
          v.method, v.findings, v.follow_up, EXISTS (SELECT 1 FROM duty_visit_photos p WHERE p.visit_id = v.id) AS has_photo
        FROM duty_visits v JOIN cadres c ON c.id = v.cadre_id JOIN areas a ON a.id = v.area_id LEFT JOIN households h ON h.id = v.household_id
        WHERE ${where} ORDER BY v.visited_on DESC, v.id DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
  );
  return {
    total: count!.n,
    page: q.page,
    pageSize: q.pageSize,
    items: rows.map((r) => ({
      id: r.id,
      cadreId: r.cadre_id,
      cadreName: r.cadre_name,
      householdId: r.household_id,
      householdNo: r.household_no,
      areaId: r.area_id,
      areaName: r.area_name,
      visitedOn: r.visited_on,
      method: r.method,
      findings: r.findings,
      followUp: r.follow_up,
      hasPhoto: r.has_photo,
    })),
  };
}

export async function visitPhoto(db: Db, actor: Actor, visitId: number) {
  requirePermission(actor, 'registry.read');
  const [row] = await db
    .select({ contentType: dutyVisitPhotos.contentType, data: dutyVisitPhotos.data })
    .from(dutyVisitPhotos)
    .innerJoin(dutyVisits, eq(dutyVisits.id, dutyVisitPhotos.visitId))
    .where(and(eq(dutyVisitPhotos.visitId, visitId), inScope(actor, dutyVisits.areaPath)));
  if (!row) throw notFound('Photo', '走访照片');
  return row;
}
