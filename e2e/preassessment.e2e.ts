import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, launchBrowser, logIn } from './browser.js';

const base = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

function inputOf(page: Page, id: string) {
  return page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();
}

/** A Statistic's shown value as a number ("1,234.50" → 1234.5). */
async function shownNumber(page: Page, id: string) {
  const text = await page.getByTestId(id).locator('.ant-statistic-content').innerText();
  return Number(text.replace(/[^\d.]/g, ''));
}

describe('income pre-assessment in the browser', () => {
  it('the city office sees the households below the line, proposes a plan, accepts it and sees the figures after', async () => {
    const api = await apiAs(base, 'city');
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const listed = await api<{ total: number; items: { householdId: number; householdNo: string }[] }>(`/api/preassessment?on=${today}&pageSize=200`);
    expect(listed.total).toBeGreaterThan(0);

    const page = await browser.newPage();
    await logIn(page, base, 'city');
    await page.goto(`${base}/preassessment`);
    await page.getByTestId('pre-summary-below').waitFor();
    await expect.poll(() => shownNumber(page, 'pre-summary-below')).toBe(listed.total);
    await page.getByTestId(`pre-row-${listed.items[0]!.householdNo}`).waitFor();

    // 制定帮扶计划: posts and dividend shares for everybody.
    await page.getByTestId('plan-new').click();
    await inputOf(page, 'plan-post-count-0').fill('200');
    await inputOf(page, 'plan-dividend-shares-0').fill('300');
    const proposed = page.waitForResponse((r) => r.url().endsWith('/api/preassessment/plans') && r.request().method() === 'POST');
    await page.getByTestId('plan-submit').click();
    expect((await proposed).status()).toBe(201);
    await page.waitForURL(/\/preassessment\/plans\/\d+/);
    await page.getByTestId('plan-before').waitFor();
    expect(await shownNumber(page, 'plan-before-households')).toBe(listed.total);
    const openAfter = await shownNumber(page, 'plan-after-households');
    expect(openAfter).toBeLessThan(listed.total);
    expect(await shownNumber(page, 'plan-after-averagePerCapita')).toBeGreaterThan(await shownNumber(page, 'plan-before-averagePerCapita'));
    expect(await page.getByTestId('plan-status').innerText()).toContain('待采纳');

    // 采纳: a confirm dialog, then the measures are created and the plan says so.
    await page.getByTestId('plan-accept').click();
    const accepted = page.waitForResponse((r) => /\/api\/preassessment\/plans\/\d+\/accept$/.test(r.url()));
    await page.getByTestId('plan-accept-ok').click();
    expect((await accepted).status()).toBe(200);
    await page.getByTestId('plan-accepted').waitFor();
    expect(await page.getByTestId('plan-status').innerText()).toContain('已采纳');
    expect(await page.getByTestId('plan-accept').count()).toBe(0);

    // Back on the list, only the households the plan could not close remain below the line.
    await page.goto(`${base}/preassessment`);
    await expect.poll(() => shownNumber(page, 'pre-summary-below')).toBe(openAfter);

    // A household the plan closed shows its new measure on its detail page.
    const stillBelow = await api<{ items: { householdId: number }[] }>(`/api/preassessment?on=${today}&pageSize=200`);
    const closed = listed.items.find((i) => !stillBelow.items.some((s) => s.householdId === i.householdId))!;
    await page.goto(`${base}/households/${closed.householdId}`);
    await page.getByTestId('measures-card').waitFor();
    await expect.poll(async () => page.getByTestId('measures-card').innerText()).toContain('帮扶计划');
    await page.close();
  });
});
