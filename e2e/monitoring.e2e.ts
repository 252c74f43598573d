import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeIdNumber } from '../src/domain/id-number.js';
import { apiAs, launchBrowser, logIn } from './browser.js';

const base = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
/** n days before today (China). */
const ago = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

function inputOf(page: Page, id: string) {
  return page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();
}
async function typeDate(page: Page, id: string, date: string) {
  const input = inputOf(page, id);
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}
async function pick(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: text }).first().click();
}
async function doStep(page: Page, performedOn: string) {
  await page.getByTestId('step-form').waitFor();
  await typeDate(page, 'step-date', performedOn);
  const done = page.waitForResponse((r) => /\/steps$/.test(r.url()) && r.request().method() === 'POST');
  await page.getByTestId('step-submit').click();
  expect((await done).status()).toBe(200);
}

/** The notice step: its period (at least five days) in the range picker, then submit. */
async function noticeStep(page: Page, from: string, to: string) {
  await page.getByTestId('step-form').waitFor();
  const range = page.locator('[data-testid="step-notice-range"] input, input[data-testid="step-notice-range"]');
  await range.first().click();
  await range.first().fill(from);
  await range.first().press('Enter');
  await range.nth(1).fill(to);
  await range.nth(1).press('Enter');
  const noticed = page.waitForResponse((r) => /\/steps$/.test(r.url()));
  await page.getByTestId('step-submit').click();
  expect((await noticed).status()).toBe(200);
}

describe('monitoring in the browser', () => {
  it('takes one household from a hotline warning through inclusion to risk elimination, showing the checks', async () => {
    // A household of the demo village cadre's village, with safe housing and water and income above the line.
    const county = await apiAs(base, 'guanxian');
    const villageApi = await apiAs(base, 'village');
    const me = await villageApi<{ area: { id: number } }>('/api/auth/me');
    const householdNo = `E2EJC${Date.now()}`;
    const created = await county<{ id: number }>('/api/households', {
      method: 'POST',
      body: JSON.stringify({
        householdNo,
        areaId: me.area.id,
        type: 'ordinary',
        povertyAttribute: 'none',
        registeredOn: '2015-03-01',
        housingGrade: 'A',
        waterQuantityLpd: 60,
        waterPipedToYard: true,
        waterGuaranteeRate: 98,
        waterQualityOk: true,
        members: [{ name: '监测甲', idNumber: makeIdNumber('371525', '1975-03-04', 77), relation: 'head', medicalInsurance: 'resident', criticalIllnessInsured: true, labourAbility: 'ordinary', health: 'healthy' }],
      }),
    });
    const householdId = created.id;
    expect(householdId).toBeGreaterThan(0);
    for (const [start, end] of [[ago(250), ago(130)], [ago(129), ago(25)]] as const) {
      await county(`/api/households/${householdId}/incomes`, { method: 'POST', body: JSON.stringify({ periodStart: start, periodEnd: end, wage: 6000 }) });
    }

    // 1. The village cadre types in a hotline call as a warning.
    const page = await browser.newPage();
    await logIn(page, base, 'village');
    await page.goto(`${base}/monitoring/warnings`);
    await page.getByTestId('warning-raise').click();
    await page.getByTestId('monitoring-household-picker').click();
    await page.keyboard.type(householdNo);
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: householdNo }).click();
    await page.getByTestId('warning-raise-detail').fill('热线来电：户主突发疾病住院，自付费用较大');
    const raised = page.waitForResponse((r) => r.url().endsWith('/api/monitoring/warnings') && r.request().method() === 'POST');
    await page.getByTestId('warning-raise-submit').click();
    expect((await raised).status()).toBe(201);
    const warnings = await villageApi<{ items: { id: number; householdId: number }[] }>(`/api/monitoring/warnings?q=${householdNo}`);
    const warningId = warnings.items.find((w) => w.householdId === householdId)!.id;

    // 2. …turns it into a case: category, risk, identification date and income, the procedure's start.
    await page.getByTestId(`warning-convert-${warningId}`).click();
    await pick(page, 'case-form-category', '边缘易致贫户');
    await pick(page, 'case-form-risks', '因病');
    await page.keyboard.press('Escape');
    await typeDate(page, 'case-form-identified', ago(250));
    await typeDate(page, 'case-form-opened', ago(240));
    await inputOf(page, 'case-form-income').fill('3200');
    await page.getByTestId('case-form-submit').click();
    await page.waitForURL(/\/monitoring\/cases\/\d+$/);
    const caseId = Number(new URL(page.url()).pathname.split('/').pop());
    expect(await page.getByTestId('case-status').innerText()).toContain('纳入程序中');

    // 3. Visit, appraisal and a five-day notice by the village.
    await doStep(page, ago(239));
    await page.getByTestId('timeline-inclusion-visit').waitFor();
    await doStep(page, ago(238));
    await noticeStep(page, ago(237), ago(232));
    await page.getByTestId('timeline-inclusion-notice').waitFor();
    // The printable notice names the head but no ID number.
    const notice = await page.request.get(`${base}/api/monitoring/cases/${caseId}/notice`);
    const html = await notice.text();
    expect(html).toContain('监测甲');
    expect(html).not.toMatch(/\d{17}[\dX]/);

    // 4. The township reviews, the county approves: each in their own session.
    for (const user of ['township', 'guanxian']) {
      const p = await browser.newPage();
      await logIn(p, base, user);
      await p.goto(`${base}/monitoring/cases/${caseId}`);
      await doStep(p, user === 'township' ? ago(232) : ago(231));
      await p.close();
    }
    await page.reload();
    await expect.poll(() => page.getByTestId('case-status').innerText()).toContain('监测中');
    const household = await county<{ type: string }>(`/api/households/${householdId}`);
    expect(household.type).toBe('monitored');

    // 5. Risk elimination: the checks shown for the proposal date, all met; the village proposes.
    await page.getByTestId('elimination-panel').waitFor();
    await typeDate(page, 'elimination-date', ago(20));
    const check = await villageApi<{ passed: boolean; checks: { code: string; ok: boolean; detailZh: string }[] }>(`/api/monitoring/cases/${caseId}/elimination-check?on=${ago(20)}`);
    expect(check.checks.filter((c) => !c.ok)).toEqual([]);
    await expect.poll(() => page.getByTestId('checks-result').innerText()).toContain('全部满足');
    expect(await page.getByTestId('check-income').getAttribute('data-ok')).toBe('yes');
    expect(await page.getByTestId('check-labour').getAttribute('data-ok')).toBe('yes');
    const proposed = page.waitForResponse((r) => r.url().endsWith('/elimination'));
    await page.getByTestId('elimination-propose').click();
    expect((await proposed).status()).toBe(200);
    await expect.poll(() => page.getByTestId('case-status').innerText()).toContain('风险消除程序中');

    // 6. The same chain for the elimination, in the page: the village's appraisal and notice, the township, the county.
    await doStep(page, ago(19));
    await page.getByTestId('timeline-elimination-appraisal').waitFor();
    await noticeStep(page, ago(18), ago(13));
    await page.getByTestId('timeline-elimination-notice').waitFor();
    for (const user of ['township', 'guanxian']) {
      const p = await browser.newPage();
      await logIn(p, base, user);
      await p.goto(`${base}/monitoring/cases/${caseId}`);
      await doStep(p, user === 'township' ? ago(12) : ago(11));
      await p.close();
    }
    await page.reload();
    await expect.poll(() => page.getByTestId('case-status').innerText()).toContain('风险已消除');
    await page.getByTestId('timeline-elimination-proposal').waitFor();
    expect(await page.getByTestId('timeline-elimination-proposal').innerText()).toContain('人均纯收入持续高于监测线');

    // The household's own page lists the episode, eliminated, with a link back to it.
    await page.goto(`${base}/households/${householdId}`);
    await page.getByTestId('household-monitoring').locator(`a[href="/monitoring/cases/${caseId}"]`).waitFor();
    expect(await page.getByTestId('household-monitoring').innerText()).toContain('风险已消除');
    await page.close();
  });
});
