/** Shared set-up of the rules and findings tests: a small city, its users, the 2020 standards and test rules. */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { signIn, testApp, type TestApp } from '../../test/app.js';
import { makeCity, makeUser } from '../../test/factories.js';
import type { Actor } from '../accounts/access.js';
import { createExemption } from '../rules/exemptions.js';
import { previewRule } from '../rules/preview.js';
import { createRule, setRuleEnabled } from '../rules/service.js';
import { storeReferenceDate } from '../rules/settings.js';
import { seedDemoStandards } from '../standards/service.js';
import { createRun, executeRun } from './runs.js';
import { findings } from './schema.js';

export type Session = Awaited<ReturnType<typeof signIn>>;

export const TEST_RULES = {
  housing: {
    code: 'TST-HOUSE',
    titleZh: '住房为C/D级危房',
    titleEn: 'House graded C or D',
    severity: 'high',
    subject: 'household',
    department: 'housing',
    populationZh: '脱贫户、监测户',
    explanationZh: 'C、D级危房须改造。',
    appliesTo: "household.type in ('lifted', 'monitored')",
    condition: "household.housing_grade in ('C', 'D')",
    note: '测试规则',
  },
  insurance: {
    code: 'TST-INS',
    titleZh: '未参加基本医疗保险',
    titleEn: 'Not insured',
    severity: 'high',
    subject: 'member',
    department: 'medical_insurance',
    populationZh: '在册成员',
    explanationZh: '每名成员都应参加基本医疗保险。',
    appliesTo: null,
    condition: "coalesce(member.medical_insurance, 'none') = 'none'",
    note: '测试规则',
  },
} as const;

export async function setUp() {
  const t: TestApp = await testApp();
  const city = await makeCity(t.db);
  await seedDemoStandards(t.db, city.city);
  await storeReferenceDate(t.db, null, '2020-09-01');
  const users = {
    city: await makeUser(t.db, 'city_office', city.city.id, { username: 'rules_city' }),
    guan: await makeUser(t.db, 'county_office', city.guan.id, { username: 'rules_guan' }),
    shen: await makeUser(t.db, 'county_office', city.shen.id, { username: 'rules_shen', canRevealIds: true }),
    housing: await makeUser(t.db, 'department_officer', city.city.id, { username: 'rules_housing', department: 'housing' }),
    cadre: await makeUser(t.db, 'village_cadre', city.guanV1.id, { username: 'rules_cadre' }),
  };
  const as = {
    city: await signIn(t.app, 'rules_city'),
    guan: await signIn(t.app, 'rules_guan'),
    shen: await signIn(t.app, 'rules_shen'),
    housing: await signIn(t.app, 'rules_housing'),
    cadre: await signIn(t.app, 'rules_cadre'),
  };
  return { t, city, users, as };
}

/** Creates a rule, previews it on the whole city and switches it on. */
export async function addEnabledRule(city: Session, rule: { code: string; [field: string]: unknown }) {
  const created = await city.post('/api/rules', rule);
  if (created.statusCode !== 201) throw new Error(created.body);
  const preview = await city.post(`/api/rules/${rule.code}/preview`, {});
  if (preview.statusCode !== 200) throw new Error(preview.body);
  const enabled = await city.post(`/api/rules/${rule.code}/enable`);
  if (enabled.statusCode !== 200) throw new Error(enabled.body);
}

/**
 * For src/http/scope.test.ts: a rule run over one county finding `householdId`'s head, and an exemption of it, so
 * every rules and findings route has a record of that county to aim at.
 */
export async function seedRuleFixtures(db: Db, cityActor: Actor, countyActor: Actor, householdId: number) {
  await createRule(db, cityActor, { ...TEST_RULES.insurance, code: 'SCOPE-HEAD', condition: "member.relation = 'head'" });
  await previewRule(db, cityActor, 'SCOPE-HEAD', {});
  await setRuleEnabled(db, cityActor, 'SCOPE-HEAD', true);
  const run = await createRun(db, countyActor, {});
  await executeRun(db, run.id);
  const [finding] = await db.select().from(findings).where(eq(findings.householdId, householdId));
  const exemption = await createExemption(db, countyActor, 'SCOPE-HEAD', { householdId, reason: '范围测试' });
  return { ruleRun: run.id, finding: finding!.id, exemption: exemption.id };
}
