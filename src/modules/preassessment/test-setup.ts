/** For src/http/scope.test.ts: a 冠县 household below the line, a draft plan covering it and a measure of it. */
import { eq, sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.js';
import type { Actor } from '../accounts/access.js';
import { areas } from '../areas/schema.js';
import { addMeasure } from '../measures/service.js';
import { addIncome } from '../registry/incomes.js';
import { seedDemoStandards } from '../standards/service.js';
import { proposePlan } from './plans.js';

export async function seedPlanFixtures(db: Db, countyActor: Actor, householdId: number) {
  const [existing] = await query<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM standard_values`);
  if (existing!.n === 0) {
    const [city] = await db.select().from(areas).where(eq(areas.level, 'city'));
    await seedDemoStandards(db, city!);
  }
  await addIncome(db, countyActor, householdId, { periodStart: '2019-10-01', periodEnd: '2020-06-30', wage: 900, business: 0, property: 0, transfer: 0, productionCost: 0, medicalSelfPay: 0 });
  const plan = await proposePlan(db, countyActor, { on: '2020-06-30', posts: [{ name: '保洁', wage: 6_000, posts: 5 }], dividends: [], dibao: { enabled: false }, maxPostsPerPerson: 2 });
  const measure = await addMeasure(db, countyActor, householdId, { kind: 'health', startOn: '2020-01-01', note: '家庭医生签约' });
  return { plan: plan.id, measure: measure.id };
}
