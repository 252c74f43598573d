/**
 * A small known city for the duty tests: the factories' city (冠县: 前村, 后村 under 东古城镇; 莘县: 东村, 西村 under
 * 燕店镇) with 前村 a provincial key village and 东村 a city key village; users of each level; households of each type.
 */
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { areas } from '../areas/schema.js';
import { signIn, type TestApp } from '../../test/app.js';
import { makeCity, makeHousehold, makeUser, memberInput } from '../../test/factories.js';
import type { Actor } from '../accounts/access.js';
import { addAssignment, addLockPeriod, createCadre } from './cadres.js';
import { launchCampaign } from './campaigns.js';
import { dutyCampaignTasks } from './schema.js';
import { recordVisit } from './visits.js';

export type Session = Awaited<ReturnType<typeof signIn>>;

export async function dutyCity(t: TestApp) {
  const city = await makeCity(t.db);
  await t.db.update(areas).set({ provincialKeyVillage: true }).where(eq(areas.id, city.guanV1.id));
  await t.db.update(areas).set({ cityKeyVillage: true }).where(eq(areas.id, city.shenV1.id));
  const users = {
    city: await makeUser(t.db, 'city_office', city.city.id),
    guan: await makeUser(t.db, 'county_office', city.guan.id),
    township: await makeUser(t.db, 'township_staff', city.guanTown.id),
    cadreV1: await makeUser(t.db, 'village_cadre', city.guanV1.id),
    cadreV2: await makeUser(t.db, 'village_cadre', city.guanV2.id),
    shenCadre: await makeUser(t.db, 'village_cadre', city.shenV1.id),
  };
  const as = {
    city: await signIn(t.app, users.city.username),
    guan: await signIn(t.app, users.guan.username),
    township: await signIn(t.app, users.township.username),
    cadreV1: await signIn(t.app, users.cadreV1.username),
    cadreV2: await signIn(t.app, users.cadreV2.username),
    shenCadre: await signIn(t.app, users.shenCadre.username),
  };
  let n = 0;
  const household = (areaId: number, type: 'lifted' | 'monitored' | 'ordinary' = 'lifted') =>
    makeHousehold(t.db, users.city.actor, areaId, { type }, [memberInput({ name: `户主${++n}` })]);
  async function cadre(as_: Session, body: object): Promise<number> {
    const res = await as_.post('/api/duty/cadres', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: number }>().id;
  }
  async function assign(as_: Session, cadreId: number, body: object): Promise<{ id: number; version: number }> {
    const res = await as_.post(`/api/duty/cadres/${cadreId}/assignments`, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }
  async function visit(as_: Session, body: object): Promise<number> {
    const res = await as_.post('/api/duty/visits', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: number }>().id;
  }
  return { city, users, as, household, cadre, assign, visit };
}

/** 冠县's duty records around one household, for src/http/scope.test.ts to aim 莘县 at. */
export async function seedDutyFixtures(db: TestApp['db'], office: Actor, householdId: number, countyId: number, villageId: number) {
  const cadre = await createCadre(db, office, { name: '冠县帮扶人', areaId: villageId });
  const assignment = await addAssignment(db, office, cadre.id, { role: 'helper', householdId, startsOn: '2020-01-01' });
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64');
  const visit = await recordVisit(db, office, { cadreId: cadre.id, householdId, visitedOn: '2020-04-01', method: 'in_person', photo: { contentType: 'image/png', base64: png } });
  await addLockPeriod(db, office, { areaId: countyId, startsOn: '2020-01-01', endsOn: '2020-12-31' });
  const campaign = await launchCampaign(db, office, { title: '冠县排查', template: 'epidemic', areaId: countyId, population: 'all', startsOn: '2020-02-01' });
  const [task] = await db.select({ id: dutyCampaignTasks.id }).from(dutyCampaignTasks).where(eq(dutyCampaignTasks.campaignId, campaign.id));
  return { cadre: cadre.id, assignment: assignment.id, visit: visit.id, campaign: campaign.id, campaignTask: task!.id };
}
