/** A small city with the people of the monitoring procedure, standards, and a household that meets every condition. */
import { eq, sql } from 'drizzle-orm';
import { query } from '../../db/client.js';
import { areas } from '../areas/schema.js';
import { seedDemoStandards } from '../standards/service.js';
import { signIn, type TestApp } from '../../test/app.js';
import { makeCity, makeHousehold, makeUser, memberInput } from '../../test/factories.js';
import type { HouseholdFields } from '../registry/inputs.js';
import { addAttachment } from './attachments.js';
import { openCase } from './cases.js';
import { createWarning } from './warnings.js';

/** Fields under which housing, water and medical are met (assessment), so only what a test changes can fail. */
export const SAFE: Partial<HouseholdFields> = {
  type: 'ordinary',
  housingGrade: 'A',
  waterQuantityLpd: 60,
  waterPipedToYard: true,
  waterGuaranteeRate: 98,
  waterQualityOk: true,
  foodSecure: true,
  clothingSecure: true,
} as Partial<HouseholdFields>;

let seq = 0;
export async function monitoringCity(t: TestApp) {
  const city = await makeCity(t.db);
  const [existing] = await query<{ n: number }>(t.db, sql`SELECT count(*)::int AS n FROM standard_values`);
  if (existing!.n === 0) await seedDemoStandards(t.db, (await t.db.select().from(areas).where(eq(areas.id, city.city.id)))[0]!);
  const n = ++seq;
  const users = {
    cadre: await makeUser(t.db, 'village_cadre', city.guanV1.id, { username: `m_cadre${n}` }),
    otherCadre: await makeUser(t.db, 'village_cadre', city.guanV2.id, { username: `m_cadre_b${n}` }),
    township: await makeUser(t.db, 'township_staff', city.guanTown.id, { username: `m_town${n}` }),
    county: await makeUser(t.db, 'county_office', city.guan.id, { username: `m_county${n}` }),
    shenCounty: await makeUser(t.db, 'county_office', city.shen.id, { username: `m_shen${n}` }),
    city: await makeUser(t.db, 'city_office', city.city.id, { username: `m_city${n}` }),
    department: await makeUser(t.db, 'department_officer', city.city.id, { username: `m_dept${n}`, department: 'health' }),
  };
  const as = {
    cadre: await signIn(t.app, users.cadre.username),
    otherCadre: await signIn(t.app, users.otherCadre.username),
    township: await signIn(t.app, users.township.username),
    county: await signIn(t.app, users.county.username),
    shenCounty: await signIn(t.app, users.shenCounty.username),
    city: await signIn(t.app, users.city.username),
    department: await signIn(t.app, users.department.username),
  };
  const household = (fields: Partial<HouseholdFields> = {}, members = [memberInput({ name: '王监测', phone: '13912345678' })]) =>
    makeHousehold(t.db, users.county.actor, city.guanV1.id, { ...SAFE, ...fields }, members);
  return { city, users, as, household };
}

/** For src/http/scope.test.ts: a warning, a case (with an attachment) of a household, made by its county office. */
export async function seedMonitoringFixtures(db: TestApp['db'], countyActor: Parameters<typeof createWarning>[1], householdId: number) {
  const warning = await createWarning(db, countyActor, { householdId, source: 'cadre_screening', detail: '走访发现因病支出大' });
  const opened = await openCase(db, countyActor, { householdId, category: 'marginal', riskTypes: ['illness'], identifiedOn: '2020-06-01', incomeAtIdentification: 3000 });
  const file = await addAttachment(db, countyActor, opened.id, { fileName: '授权书.pdf', data: Buffer.from('%PDF-1.4 test') });
  return { monitoringWarning: warning.id, monitoringCase: opened.id, monitoringAttachment: file.id };
}
