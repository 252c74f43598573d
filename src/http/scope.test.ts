import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incomes, members } from '../db/schema.js';
import { eq } from 'drizzle-orm';
import { signIn, testApp, type TestApp } from '../test/app.js';
import { makeCity, makeHousehold, makeUser, memberInput, newIdNumber } from '../test/factories.js';
import { refreshAssessments } from '../modules/assessment/refresh.js';
import { seedRuleFixtures } from '../modules/findings/test-setup.js';
import { seedProblemFixtures } from '../modules/problems/test-setup.js';
import { seedPlanFixtures } from '../modules/preassessment/test-setup.js';
import { seedDutyFixtures } from '../modules/duty/test-setup.js';
import { seedMonitoringFixtures } from '../modules/monitoring/test-setup.js';
import { seedDepartmentFixtures } from '../modules/departments/test-setup.js';

/**
 * Walks every route of the OpenAPI document as a county user of 莘县 aimed at 冠县's records, and proves nothing of
 * 冠县 comes back: not the record, not its count, not a search hit, not an export row.
 */
let t: TestApp;
let secret: { householdNo: string; headName: string; idNumber: string };
let ids: Record<string, number>;
let outsider: Awaited<ReturnType<typeof signIn>>;

beforeAll(async () => {
  t = await testApp();
  const city = await makeCity(t.db);
  const guanOffice = await makeUser(t.db, 'county_office', city.guan.id, { username: 'guan_office' });
  const guanUser = await makeUser(t.db, 'village_cadre', city.guanV1.id, { username: 'guan_cadre' });
  await makeUser(t.db, 'county_office', city.shen.id, { username: 'shen_office', canRevealIds: true });
  secret = { householdNo: 'GUAN-SECRET-0001', headName: '冠秘密', idNumber: newIdNumber('1950-01-01', 'male') };
  const householdId = await makeHousehold(t.db, guanOffice.actor, city.guanV1.id, { householdNo: secret.householdNo }, [
    memberInput({ name: secret.headName, idNumber: secret.idNumber }),
  ]);
  const [member] = await t.db.select().from(members).where(eq(members.householdId, householdId));
  const guan = await signIn(t.app, 'guan_office');
  await guan.post(`/api/households/${householdId}/incomes`, { periodStart: '2019-01-01', periodEnd: '2019-12-31', wage: 9000 });
  const [income] = await t.db.select().from(incomes).where(eq(incomes.householdId, householdId));
  ids = { household: householdId, member: member!.id, income: income!.id, user: guanUser.user.id, area: city.guanV1.id };
  outsider = await signIn(t.app, 'shen_office');
  // An import job and a mapping template of 冠县's, holding the secret household's people.
  const roster = ['户编号,行政区划代码,户类型,姓名,身份证号,与户主关系', `${secret.householdNo},,,${secret.headName},${secret.idNumber},户主`].join('\n');
  const upload = await guan.send({ method: 'POST', url: '/api/imports?fileName=guan.csv', headers: { 'content-type': 'application/octet-stream' }, payload: Buffer.from(roster) });
  await t.importRunner.idle();
  ids.importJob = upload.json<{ id: number }>().id;
  ids.template = (await guan.post('/api/import-templates', { name: '冠县模板', jobId: ids.importJob })).json<{ id: number }>().id;
  // The secret household's assessment, for the assessment routes to (not) leak.
  await refreshAssessments(t.db, { referenceDate: '2020-09-01' });
  // A rule run over 冠县 with a finding on the secret household, and an exemption of it.
  const cityOffice = await makeUser(t.db, 'city_office', city.city.id, { username: 'scope_city' });
  Object.assign(ids, await seedRuleFixtures(t.db, cityOffice.actor, guanOffice.actor, householdId));
  // A problem (整改流程) of 冠县 with an attachment, a supervision of 冠县 and a re-check sample.
  Object.assign(ids, await seedProblemFixtures(t.db, guanOffice.actor, ids.finding!));
  // The secret household below the income line, a draft gap-closing plan covering it, and one of its measures.
  Object.assign(ids, await seedPlanFixtures(t.db, guanOffice.actor, householdId));
  // 冠县's cadre helping the secret household, a visit with a photo, a lock period and a campaign (modules/duty).
  Object.assign(ids, await seedDutyFixtures(t.db, guanOffice.actor, householdId, city.guan.id, city.guanV1.id));
  // A monitoring warning and case of the secret household, with an attachment.
  Object.assign(ids, await seedMonitoringFixtures(t.db, guanOffice.actor, householdId));
  // A department upload of 冠县 with the secret member's record, one waiting for review and a bad cell.
  Object.assign(ids, await seedDepartmentFixtures(t.db, guanOffice.actor, member!.id));
});
afterAll(() => t.close());

/** How to aim each route at 冠县. Every route in the API must be listed, so a new route cannot skip this test. */
const CASES: Record<string, { url: () => string; body?: () => object; kind: 'denied' | 'list' | 'public' | 'self' }> = {
  'POST /api/auth/login': { url: () => '/api/auth/login', kind: 'public' },
  'POST /api/auth/logout': { url: () => '/api/auth/logout', kind: 'public' },
  'GET /api/auth/me': { url: () => '/api/auth/me', kind: 'self' },
  'POST /api/auth/password': { url: () => '/api/auth/password', kind: 'self' },
  'GET /api/health': { url: () => '/api/health', kind: 'public' },
  'GET /api/codes': { url: () => '/api/codes', kind: 'public' },
  'GET /api/areas/children': { url: () => `/api/areas/children?parentId=${ids.area}`, kind: 'denied' },
  'GET /api/areas/search': { url: () => '/api/areas/search?q=前村', kind: 'list' },
  'GET /api/areas/{id}': { url: () => `/api/areas/${ids.area}`, kind: 'denied' },
  'GET /api/stats/overview': { url: () => `/api/stats/overview?areaId=${ids.area}`, kind: 'denied' },
  'GET /api/households': { url: () => `/api/households?q=${encodeURIComponent(secret.headName)}`, kind: 'list' },
  'GET /api/households/export': { url: () => '/api/households/export?format=csv&status=all', kind: 'list' },
  'POST /api/households': {
    url: () => '/api/households',
    body: () => ({ householdNo: 'X', areaId: ids.area, type: 'lifted', povertyAttribute: 'general', members: [memberInput()] }),
    kind: 'denied',
  },
  'GET /api/households/{id}': { url: () => `/api/households/${ids.household}`, kind: 'denied' },
  'PATCH /api/households/{id}': { url: () => `/api/households/${ids.household}`, body: () => ({ version: 1, housingGrade: 'D' }), kind: 'denied' },
  'POST /api/households/{id}/end': {
    url: () => `/api/households/${ids.household}/end`,
    body: () => ({ version: 1, endedOn: '2020-01-01', reason: '测试销户' }),
    kind: 'denied',
  },
  'GET /api/households/{id}/history': { url: () => `/api/households/${ids.household}/history`, kind: 'denied' },
  'POST /api/households/{id}/members': {
    url: () => `/api/households/${ids.household}/members`,
    body: () => ({ member: memberInput({ relation: 'son' }), event: { kind: 'birth', occurredOn: '2020-01-01' } }),
    kind: 'denied',
  },
  'PATCH /api/members/{id}': { url: () => `/api/members/${ids.member}`, body: () => ({ version: 1, phone: '13800000000' }), kind: 'denied' },
  'POST /api/members/{id}/end': {
    url: () => `/api/members/${ids.member}/end`,
    body: () => ({ version: 1, kind: 'death', occurredOn: '2020-01-01' }),
    kind: 'denied',
  },
  'POST /api/members/{id}/reveal-id': { url: () => `/api/members/${ids.member}/reveal-id`, kind: 'denied' },
  'POST /api/households/{id}/incomes': {
    url: () => `/api/households/${ids.household}/incomes`,
    body: () => ({ periodStart: '2020-01-01', periodEnd: '2020-06-30', wage: 1 }),
    kind: 'denied',
  },
  'PATCH /api/incomes/{id}': { url: () => `/api/incomes/${ids.income}`, body: () => ({ version: 1, wage: 1 }), kind: 'denied' },
  'GET /api/users': { url: () => '/api/users?q=guan', kind: 'list' },
  'GET /api/users/export': { url: () => '/api/users/export?format=csv&q=guan', kind: 'list' },
  'POST /api/users': {
    url: () => '/api/users',
    body: () => ({ username: 'intruder', displayName: 'x', password: 'Abcdefg-123', role: 'village_cadre', areaId: ids.area }),
    kind: 'denied',
  },
  'PATCH /api/users/{id}': { url: () => `/api/users/${ids.user}`, body: () => ({ version: 1, active: false }), kind: 'denied' },
  'POST /api/users/{id}/reset-password': { url: () => `/api/users/${ids.user}/reset-password`, body: () => ({ password: 'Abcdefg-123' }), kind: 'denied' },
  'GET /api/audit': { url: () => `/api/audit?entity=household&entityId=${ids.household}`, kind: 'list' },
  'POST /api/imports': { url: () => '/api/imports?fileName=x.csv', kind: 'self' },
  'GET /api/imports': { url: () => '/api/imports', kind: 'list' },
  'GET /api/imports/{id}': { url: () => `/api/imports/${ids.importJob}`, kind: 'denied' },
  'POST /api/imports/{id}/options': { url: () => `/api/imports/${ids.importJob}/options`, body: () => ({ sheets: [0] }), kind: 'denied' },
  'POST /api/imports/{id}/commit': { url: () => `/api/imports/${ids.importJob}/commit`, body: () => ({ mode: 'valid_only' }), kind: 'denied' },
  'POST /api/imports/{id}/cancel': { url: () => `/api/imports/${ids.importJob}/cancel`, kind: 'denied' },
  'GET /api/imports/{id}/issues': { url: () => `/api/imports/${ids.importJob}/issues`, kind: 'denied' },
  'GET /api/imports/{id}/issues/export': { url: () => `/api/imports/${ids.importJob}/issues/export`, kind: 'denied' },
  'GET /api/imports/{id}/error-file': { url: () => `/api/imports/${ids.importJob}/error-file`, kind: 'denied' },
  'GET /api/import-fields': { url: () => '/api/import-fields', kind: 'self' },
  'GET /api/import-templates': { url: () => '/api/import-templates', kind: 'list' },
  'POST /api/import-templates': { url: () => '/api/import-templates', body: () => ({ name: '偷来的', jobId: ids.importJob }), kind: 'denied' },
  'DELETE /api/import-templates/{id}': { url: () => `/api/import-templates/${ids.template}`, kind: 'denied' },
  'GET /api/households/{id}/assessment': { url: () => `/api/households/${ids.household}/assessment`, kind: 'denied' },
  'GET /api/assessments': { url: () => '/api/assessments?pageSize=200', kind: 'list' },
  'GET /api/assessments/export': { url: () => '/api/assessments/export?format=csv', kind: 'list' },
  'GET /api/assessments/summary': { url: () => `/api/assessments/summary?areaId=${ids.area}`, kind: 'denied' },
  'POST /api/assessments/refresh': { url: () => '/api/assessments/refresh', body: () => ({ areaId: ids.area, referenceDate: '2020-09-01' }), kind: 'denied' },
  'GET /api/standards/keys': { url: () => '/api/standards/keys', kind: 'self' },
  'GET /api/standards': { url: () => `/api/standards?areaId=${ids.area}`, kind: 'denied' },
  'GET /api/standards/history': { url: () => `/api/standards/history?key=dibao_standard&areaId=${ids.area}`, kind: 'denied' },
  'POST /api/standards': {
    url: () => '/api/standards',
    body: () => ({ key: 'dibao_standard', areaId: ids.area, value: 5300, effectiveFrom: '2030-01-01', note: '越权' }),
    kind: 'denied',
  },
  'GET /api/audit/export': { url: () => `/api/audit/export?format=csv&entity=household&entityId=${ids.household}`, kind: 'list' },
  // The rule catalogue is the same for everyone (not area data); its finding counts are scoped (rules.test.ts).
  'GET /api/rules': { url: () => '/api/rules', kind: 'self' },
  'GET /api/rules/export': { url: () => '/api/rules/export?format=csv', kind: 'self' },
  'GET /api/rules/fields': { url: () => '/api/rules/fields', kind: 'self' },
  'POST /api/rules/check': { url: () => '/api/rules/check', kind: 'self' },
  'GET /api/rules/{code}': { url: () => '/api/rules/SCOPE-HEAD', kind: 'self' },
  'POST /api/rules/preview': { url: () => '/api/rules/preview', body: () => ({ subject: 'member', condition: "member.relation = 'head'", areaId: ids.area }), kind: 'denied' },
  'POST /api/rules': { url: () => '/api/rules', body: () => ({ code: 'X-1', titleZh: 'x', titleEn: 'x', severity: 'low', subject: 'household', department: 'housing', populationZh: 'x', explanationZh: 'x', appliesTo: null, condition: 'true', note: 'x' }), kind: 'denied' },
  'PUT /api/rules/{code}': { url: () => '/api/rules/SCOPE-HEAD', body: () => ({ titleZh: 'x', titleEn: 'x', severity: 'low', subject: 'member', department: 'housing', populationZh: 'x', explanationZh: 'x', appliesTo: null, condition: 'true', note: 'x', baseVersion: 1 }), kind: 'denied' },
  'POST /api/rules/{code}/preview': { url: () => '/api/rules/SCOPE-HEAD/preview', body: () => ({ areaId: ids.area }), kind: 'denied' },
  'POST /api/rules/{code}/enable': { url: () => '/api/rules/SCOPE-HEAD/enable', kind: 'denied' },
  'POST /api/rules/{code}/disable': { url: () => '/api/rules/SCOPE-HEAD/disable', kind: 'denied' },
  'POST /api/rules/{code}/exemptions': { url: () => '/api/rules/SCOPE-HEAD/exemptions', body: () => ({ householdId: ids.household, reason: '越权' }), kind: 'denied' },
  'GET /api/exemptions': { url: () => '/api/exemptions?status=all', kind: 'list' },
  'GET /api/exemptions/export': { url: () => '/api/exemptions/export?format=csv&status=all', kind: 'list' },
  'POST /api/exemptions/{id}/revoke': { url: () => `/api/exemptions/${ids.exemption}/revoke`, body: () => ({ reason: '越权' }), kind: 'denied' },
  'GET /api/settings/reference-date': { url: () => '/api/settings/reference-date', kind: 'self' },
  'PUT /api/settings/reference-date': { url: () => '/api/settings/reference-date', body: () => ({ referenceDate: '2020-09-01' }), kind: 'denied' },
  'GET /api/findings': { url: () => `/api/findings?q=${encodeURIComponent(secret.householdNo)}`, kind: 'list' },
  'GET /api/findings/export': { url: () => '/api/findings/export?format=csv&reveal=true', kind: 'list' },
  'GET /api/findings/summary': { url: () => `/api/findings/summary?areaId=${ids.area}`, kind: 'denied' },
  'GET /api/findings/{id}': { url: () => `/api/findings/${ids.finding}`, kind: 'denied' },
  'GET /api/households/{id}/findings': { url: () => `/api/households/${ids.household}/findings`, kind: 'denied' },
  'POST /api/rule-runs': { url: () => '/api/rule-runs', body: () => ({ areaId: ids.area }), kind: 'denied' },
  'GET /api/rule-runs': { url: () => '/api/rule-runs', kind: 'list' },
  'GET /api/rule-runs/export': { url: () => '/api/rule-runs/export?format=xlsx', kind: 'list' },
  'GET /api/rule-runs/{id}': { url: () => `/api/rule-runs/${ids.ruleRun}`, kind: 'denied' },
  // 整改流程 (src/modules/problems)
  'GET /api/problems': { url: () => `/api/problems?q=${encodeURIComponent(secret.householdNo)}`, kind: 'list' },
  'GET /api/problems/export': { url: () => '/api/problems/export?format=csv&reveal=true', kind: 'list' },
  'GET /api/problems/inbox': { url: () => '/api/problems/inbox', kind: 'self' },
  'GET /api/problems/ledger': { url: () => `/api/problems/ledger?areaId=${ids.area}`, kind: 'denied' },
  'POST /api/problems/bulk': { url: () => '/api/problems/bulk', body: () => ({ action: 'close_off', ids: [ids.finding] }), kind: 'list' },
  'GET /api/problems/{id}': { url: () => `/api/problems/${ids.finding}`, kind: 'denied' },
  'POST /api/problems/{id}/actions': { url: () => `/api/problems/${ids.finding}/actions`, body: () => ({ action: 'close_off' }), kind: 'denied' },
  'GET /api/problems/{id}/attachments/{attachmentId}': { url: () => `/api/problems/${ids.finding}/attachments/${ids.problemAttachment}`, kind: 'denied' },
  'GET /api/supervisions': { url: () => '/api/supervisions', kind: 'list' },
  'GET /api/supervisions/suggestions': { url: () => '/api/supervisions/suggestions?threshold=0&level=county', kind: 'list' },
  'POST /api/supervisions': { url: () => '/api/supervisions', body: () => ({ areaId: ids.area, reason: '越权挂牌' }), kind: 'denied' },
  'POST /api/supervisions/{id}/lift': { url: () => `/api/supervisions/${ids.supervision}/lift`, body: () => ({ reason: '越权摘牌' }), kind: 'denied' },
  'GET /api/rechecks': { url: () => '/api/rechecks', kind: 'list' },
  'POST /api/rechecks': { url: () => '/api/rechecks', body: () => ({ areaId: ids.area, size: 1 }), kind: 'denied' },
  'GET /api/rechecks/{id}': { url: () => `/api/rechecks/${ids.recheck}`, kind: 'denied' },
  'POST /api/rechecks/{id}/items/{findingId}': { url: () => `/api/rechecks/${ids.recheck}/items/${ids.finding}`, body: () => ({ result: 'confirmed' }), kind: 'denied' },
  'GET /api/households/{id}/measures': { url: () => `/api/households/${ids.household}/measures`, kind: 'denied' },
  'POST /api/households/{id}/measures': { url: () => `/api/households/${ids.household}/measures`, body: () => ({ kind: 'health', startOn: '2020-07-01' }), kind: 'denied' },
  'POST /api/measures/{id}/end': { url: () => `/api/measures/${ids.measure}/end`, body: () => ({ version: 1, endOn: '2020-12-31', reason: '越权' }), kind: 'denied' },
  'GET /api/preassessment': { url: () => '/api/preassessment?on=2020-06-30', kind: 'list' },
  'GET /api/preassessment/export': { url: () => '/api/preassessment/export?on=2020-06-30&format=csv', kind: 'list' },
  'GET /api/preassessment/summary': { url: () => `/api/preassessment/summary?on=2020-06-30&areaId=${ids.area}`, kind: 'denied' },
  'GET /api/preassessment/plans': { url: () => '/api/preassessment/plans', kind: 'list' },
  'POST /api/preassessment/plans': { url: () => '/api/preassessment/plans', body: () => ({ areaId: ids.area, on: '2020-06-30', posts: [{ name: '越权', wage: 6000, posts: 9 }] }), kind: 'denied' },
  'GET /api/preassessment/plans/{id}': { url: () => `/api/preassessment/plans/${ids.plan}`, kind: 'denied' },
  'GET /api/preassessment/plans/{id}/export': { url: () => `/api/preassessment/plans/${ids.plan}/export?format=csv`, kind: 'denied' },
  'POST /api/preassessment/plans/{id}/accept': { url: () => `/api/preassessment/plans/${ids.plan}/accept`, kind: 'denied' },
  // Cadres, duty warnings, visits, coverage and campaigns (modules/duty).
  'GET /api/duty/cadres': { url: () => `/api/duty/cadres?q=${encodeURIComponent('冠县帮扶人')}`, kind: 'list' },
  'POST /api/duty/cadres': { url: () => '/api/duty/cadres', body: () => ({ name: '越权', areaId: ids.area }), kind: 'denied' },
  'GET /api/duty/cadres/{id}': { url: () => `/api/duty/cadres/${ids.cadre}`, kind: 'denied' },
  'PATCH /api/duty/cadres/{id}': { url: () => `/api/duty/cadres/${ids.cadre}`, body: () => ({ version: 1, phone: '13800000000' }), kind: 'denied' },
  'POST /api/duty/cadres/{id}/assignments': { url: () => `/api/duty/cadres/${ids.cadre}/assignments`, body: () => ({ role: 'helper', householdId: ids.household, startsOn: '2020-01-01' }), kind: 'denied' },
  'POST /api/duty/assignments/{id}/end': { url: () => `/api/duty/assignments/${ids.assignment}/end`, body: () => ({ version: 1, endsOn: '2020-06-30', reason: '越权' }), kind: 'denied' },
  'POST /api/duty/assignments/{id}/approve': { url: () => `/api/duty/assignments/${ids.assignment}/approve`, body: () => ({ version: 1, note: '越权' }), kind: 'denied' },
  'GET /api/duty/lock-periods': { url: () => '/api/duty/lock-periods', kind: 'list' },
  'POST /api/duty/lock-periods': { url: () => '/api/duty/lock-periods', body: () => ({ areaId: ids.area, startsOn: '2020-01-01', endsOn: '2020-12-31' }), kind: 'denied' },
  'GET /api/duty/warnings': { url: () => '/api/duty/warnings?kind=missing_helper&on=2019-01-01', kind: 'list' },
  'GET /api/duty/warnings/export': { url: () => '/api/duty/warnings/export?kind=missing_helper&on=2019-01-01&format=csv', kind: 'list' },
  'GET /api/duty/warnings/summary': { url: () => `/api/duty/warnings/summary?areaId=${ids.area}`, kind: 'denied' },
  'GET /api/duty/visits': { url: () => '/api/duty/visits', kind: 'list' },
  'POST /api/duty/visits': { url: () => '/api/duty/visits', body: () => ({ cadreId: ids.cadre, householdId: ids.household, visitedOn: '2020-04-02', method: 'phone' }), kind: 'denied' },
  'GET /api/duty/visits/{id}/photo': { url: () => `/api/duty/visits/${ids.visit}/photo`, kind: 'denied' },
  'GET /api/duty/coverage': { url: () => `/api/duty/coverage?areaId=${ids.area}&from=2020-01-01&to=2020-12-31`, kind: 'denied' },
  'GET /api/duty/coverage/unvisited': { url: () => '/api/duty/coverage/unvisited?kind=household&from=2021-01-01&to=2021-12-31', kind: 'list' },
  'GET /api/duty/coverage/unvisited/export': { url: () => '/api/duty/coverage/unvisited/export?kind=household&from=2021-01-01&to=2021-12-31&format=csv', kind: 'list' },
  'GET /api/duty/campaign-templates': { url: () => '/api/duty/campaign-templates', kind: 'self' },
  'GET /api/duty/campaigns': { url: () => '/api/duty/campaigns', kind: 'list' },
  'POST /api/duty/campaigns': { url: () => '/api/duty/campaigns', body: () => ({ title: '越权', template: 'water', areaId: ids.area, population: 'all', startsOn: '2020-02-01' }), kind: 'denied' },
  'GET /api/duty/campaigns/{id}': { url: () => `/api/duty/campaigns/${ids.campaign}`, kind: 'denied' },
  'GET /api/duty/campaigns/{id}/progress': { url: () => `/api/duty/campaigns/${ids.campaign}/progress`, kind: 'denied' },
  'GET /api/duty/campaigns/{id}/tasks': { url: () => `/api/duty/campaigns/${ids.campaign}/tasks`, kind: 'denied' },
  'GET /api/duty/campaigns/{id}/tasks/export': { url: () => `/api/duty/campaigns/${ids.campaign}/tasks/export?format=csv`, kind: 'denied' },
  'POST /api/duty/campaigns/{id}/assign': { url: () => `/api/duty/campaigns/${ids.campaign}/assign`, body: () => ({ villageId: ids.area, cadreId: null }), kind: 'denied' },
  'POST /api/duty/campaigns/{id}/close': { url: () => `/api/duty/campaigns/${ids.campaign}/close`, kind: 'denied' },
  'POST /api/duty/campaign-tasks/{id}': { url: () => `/api/duty/campaign-tasks/${ids.campaignTask}`, body: () => ({ version: 1, answers: { fever: false, supplies: false, medicine: true, income_loss: false } }), kind: 'denied' },
  'GET /api/my/duty': { url: () => '/api/my/duty', kind: 'self' },
  // 防止返贫动态监测 (monitoring)
  'GET /api/monitoring/warnings': { url: () => `/api/monitoring/warnings?q=${encodeURIComponent(secret.householdNo)}`, kind: 'list' },
  'GET /api/monitoring/warnings/export': { url: () => '/api/monitoring/warnings/export?format=csv', kind: 'list' },
  'POST /api/monitoring/warnings': { url: () => '/api/monitoring/warnings', body: () => ({ householdId: ids.household, source: 'cadre_screening', detail: '越权' }), kind: 'denied' },
  'POST /api/monitoring/warnings/from-preassessment': { url: () => '/api/monitoring/warnings/from-preassessment', body: () => ({ areaId: ids.area, on: '2020-06-30' }), kind: 'denied' },
  'POST /api/monitoring/warnings/{id}/dismiss': { url: () => `/api/monitoring/warnings/${ids.monitoringWarning}/dismiss`, body: () => ({ version: 1, reason: '越权' }), kind: 'denied' },
  'GET /api/monitoring/cases': { url: () => `/api/monitoring/cases?q=${encodeURIComponent(secret.headName)}`, kind: 'list' },
  'GET /api/monitoring/cases/export': { url: () => '/api/monitoring/cases/export?format=csv', kind: 'list' },
  'POST /api/monitoring/cases': {
    url: () => '/api/monitoring/cases',
    body: () => ({ householdId: ids.household, category: 'marginal', riskTypes: ['illness'], identifiedOn: '2020-06-01', incomeAtIdentification: 1 }),
    kind: 'denied',
  },
  'GET /api/monitoring/cases/{id}': { url: () => `/api/monitoring/cases/${ids.monitoringCase}`, kind: 'denied' },
  'POST /api/monitoring/cases/{id}/steps': { url: () => `/api/monitoring/cases/${ids.monitoringCase}/steps`, body: () => ({ version: 1, step: 'visit', outcome: 'pass' }), kind: 'denied' },
  'GET /api/monitoring/cases/{id}/elimination-check': { url: () => `/api/monitoring/cases/${ids.monitoringCase}/elimination-check`, kind: 'denied' },
  'POST /api/monitoring/cases/{id}/elimination': { url: () => `/api/monitoring/cases/${ids.monitoringCase}/elimination`, body: () => ({ version: 1 }), kind: 'denied' },
  'POST /api/monitoring/cases/{id}/override': { url: () => `/api/monitoring/cases/${ids.monitoringCase}/override`, body: () => ({ version: 1, reason: '越权' }), kind: 'denied' },
  'GET /api/monitoring/cases/{id}/notice': { url: () => `/api/monitoring/cases/${ids.monitoringCase}/notice`, kind: 'denied' },
  'POST /api/monitoring/cases/{id}/attachments': { url: () => `/api/monitoring/cases/${ids.monitoringCase}/attachments?fileName=x.pdf`, kind: 'denied' },
  'GET /api/monitoring/attachments/{id}': { url: () => `/api/monitoring/attachments/${ids.monitoringAttachment}`, kind: 'denied' },
  'GET /api/monitoring/overview': { url: () => `/api/monitoring/overview?areaId=${ids.area}`, kind: 'denied' },
  'GET /api/monitoring/settings': { url: () => '/api/monitoring/settings', kind: 'self' },
  'PUT /api/monitoring/settings': { url: () => '/api/monitoring/settings', body: () => ({ procedureDaysLimit: 30 }), kind: 'denied' },
  'GET /api/departments/datasets': { url: () => '/api/departments/datasets', kind: 'self' },
  'POST /api/departments/datasets': {
    url: () => '/api/departments/datasets',
    body: () => ({ code: 'scope_type', department: 'finance', zh: '越权', en: 'X', description: 'x', columns: [{ key: 'a', label: 'a', labelEn: 'a', kind: 'text' }] }),
    kind: 'denied',
  },
  'PUT /api/departments/datasets/{code}': {
    url: () => '/api/departments/datasets/scope_type',
    body: () => ({ version: 1, code: 'scope_type', department: 'finance', zh: '越权', en: 'X', description: 'x', columns: [{ key: 'a', label: 'a', labelEn: 'a', kind: 'text' }] }),
    kind: 'denied',
  },
  'GET /api/departments/datasets/{code}/template': { url: () => '/api/departments/datasets/school_enrolment/template', kind: 'self' },
  'POST /api/departments/snapshots': { url: () => '/api/departments/snapshots?datasetType=school_enrolment&asOf=2020-08-31&fileName=x.xlsx', kind: 'self' },
  'GET /api/departments/snapshots': { url: () => '/api/departments/snapshots', kind: 'list' },
  'GET /api/departments/snapshots/{id}': { url: () => `/api/departments/snapshots/${ids.deptSnapshot}`, kind: 'denied' },
  'POST /api/departments/snapshots/{id}/commit': { url: () => `/api/departments/snapshots/${ids.deptSnapshot}/commit`, body: () => ({ mode: 'valid_only' }), kind: 'denied' },
  'POST /api/departments/snapshots/{id}/discard': { url: () => `/api/departments/snapshots/${ids.deptSnapshot}/discard`, kind: 'denied' },
  'GET /api/departments/snapshots/{id}/records': { url: () => `/api/departments/snapshots/${ids.deptSnapshot}/records`, kind: 'denied' },
  'GET /api/departments/snapshots/{id}/records/export': { url: () => `/api/departments/snapshots/${ids.deptSnapshot}/records/export?format=csv`, kind: 'denied' },
  'GET /api/departments/snapshots/{id}/issues': { url: () => `/api/departments/snapshots/${ids.deptSnapshot}/issues`, kind: 'denied' },
  'GET /api/departments/snapshots/{id}/issues/export': { url: () => `/api/departments/snapshots/${ids.deptSnapshot}/issues/export?format=csv`, kind: 'denied' },
  'GET /api/departments/reviews': { url: () => '/api/departments/reviews', kind: 'list' },
  'POST /api/departments/records/{id}/confirm': { url: () => `/api/departments/records/${ids.deptReview}/confirm`, body: () => ({ memberId: ids.member }), kind: 'denied' },
  'POST /api/departments/records/{id}/reject': { url: () => `/api/departments/records/${ids.deptRecord}/reject`, kind: 'denied' },
  'GET /api/members/{id}/department-records': { url: () => `/api/members/${ids.member}/department-records`, kind: 'denied' },
};

function leaks(body: string): string[] {
  return [secret.householdNo, secret.headName, secret.idNumber, secret.idNumber.slice(0, 6) + '********' + secret.idNumber.slice(14), 'guan_cadre', 'guan_office'].filter(
    (s) => body.includes(s),
  );
}

describe('area scope on every route', () => {
  it('covers every route of the API', async () => {
    const spec = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(spec.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const missing = routes.filter((r) => !(r in CASES));
    expect(missing).toEqual([]);
    expect(routes.length).toBeGreaterThan(20);
  });

  for (const [route, c] of Object.entries(CASES)) {
    if (c.kind === 'public' || c.kind === 'self') continue;
    it(`${route} gives 莘县 nothing of 冠县`, async () => {
      const method = route.split(' ')[0] as 'GET' | 'POST' | 'PATCH' | 'PUT';
      const res = await outsider.send({ method, url: c.url(), ...(c.body ? { payload: c.body() } : {}) });
      if (c.kind === 'denied') expect([403, 404], res.body).toContain(res.statusCode);
      else expect(res.statusCode, res.body).toBe(200);
      expect(leaks(res.body)).toEqual([]);
      if (c.kind === 'list' && res.headers['content-type']?.toString().includes('json')) {
        const json = res.json() as { total?: number; items?: unknown[] } | unknown[];
        const count = Array.isArray(json) ? json.length : (json.total ?? json.items?.length ?? 0);
        expect(count).toBe(0);
      }
    });
  }

  it('an import of 冠县 rows by 莘县 is rejected row by row, without naming 冠县 households', async () => {
    const roster = ['户编号,行政区划代码,户类型,姓名,身份证号,与户主关系', `${secret.householdNo},,,冒名,${secret.idNumber},户主`].join('\n');
    const res = await outsider.send({ method: 'POST', url: '/api/imports?fileName=x.csv', headers: { 'content-type': 'application/octet-stream' }, payload: Buffer.from(roster) });
    expect(res.statusCode).toBe(202);
    await t.importRunner.idle();
    const job = (await outsider.get(`/api/imports/${res.json<{ id: number }>().id}`)).json<{ status: string; summary: { households: { rejected: number } } }>();
    expect(job).toMatchObject({ status: 'previewed', summary: { households: { rejected: 1 } } });
    const issues = await outsider.get(`/api/imports/${res.json<{ id: number }>().id}/issues`);
    expect(issues.json<{ items: { code: string }[] }>().items.map((i) => i.code)).toContain('OUT_OF_SCOPE');
    expect(issues.body).not.toContain(secret.headName);
  });

  it('leaves 冠县 data untouched after all the attempts', async () => {
    const guan = await signIn(t.app, 'guan_office');
    const res = await guan.get(`/api/households/${ids.household}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ householdNo: secret.householdNo, version: 1, endedOn: null });
    expect(res.json().members).toHaveLength(1);
  });

  it('refuses every route but login to an anonymous caller', async () => {
    for (const [route, c] of Object.entries(CASES)) {
      if (c.kind === 'public') continue;
      const method = route.split(' ')[0] as 'GET' | 'POST' | 'PATCH' | 'PUT';
      const res = await t.app.inject({ method, url: c.url(), ...(c.body ? { payload: c.body() } : {}) });
      expect(res.statusCode, `${route}: ${res.body}`).toBe(401);
      expect(leaks(res.body)).toEqual([]);
    }
  });
});
