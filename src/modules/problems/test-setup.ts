/** For src/http/scope.test.ts: a 冠县 problem with an attachment, a supervision of 冠县 and a re-check sample of it. */
import { eq, sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.js';
import type { Actor } from '../accounts/access.js';
import { findings } from '../findings/schema.js';
import { actOnProblem } from './actions.js';
import { problemEvents } from './schema.js';
import { drawRecheck } from './recheck.js';
import { startSupervision } from './supervision.js';

export async function seedProblemFixtures(db: Db, countyActor: Actor, findingId: number) {
  const png = { fileName: 'photo.png', contentType: 'image/png' as const, dataBase64: Buffer.from('x').toString('base64') };
  await actOnProblem(db, countyActor, findingId, { action: 'confirm', attachments: [png] });
  const [event] = await db.select().from(problemEvents).where(eq(problemEvents.findingId, findingId));
  const [attachment] = await query<{ id: number }>(db, sql`SELECT id FROM problem_attachments WHERE event_id = ${event!.id}`);
  const supervision = await startSupervision(db, countyActor, { areaId: countyActor.areaId, reason: '范围测试' });
  // Closed off directly: the workflow to get there is tested in problems.test.ts.
  await db.update(findings).set({ workflowState: 'closed_off' }).where(eq(findings.id, findingId));
  const recheck = await drawRecheck(db, countyActor, { size: 1 });
  await db.update(findings).set({ workflowState: 'rectified' }).where(eq(findings.id, findingId));
  return { problemAttachment: attachment!.id, supervision: supervision.id, recheck: recheck.id };
}
