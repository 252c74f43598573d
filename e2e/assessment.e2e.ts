import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, launchBrowser, logIn } from './browser.js';

const base = inject('baseUrl');
let browser: Browser;

type Counts = { areaId: number; name: string; anyUnmet: number };
type Row = { householdId: number; householdNo: string; statuses: Record<string, string>; facts: { indicator: string; status: string; text: string }[] };

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe('达标监测 in the browser', () => {
  it('the city office drills from the city to a county, opens a household with an unmet indicator and sees the fact', async () => {
    // What the office would be looking for: a county with households not meeting an indicator (the demo plants them).
    const city = await apiAs(base, 'city');
    const summary = await city<{ referenceDate: string; items: Counts[] }>('/api/assessments/summary');
    expect(summary.referenceDate).toBe('2020-09-01');
    const county = summary.items.find((c) => c.anyUnmet > 0)!;
    const rows = await city<{ items: Row[] }>(`/api/assessments?areaId=${county.areaId}&anyUnmet=true&pageSize=1`);
    const target = rows.items[0]!;
    const fact = target.facts.find((f) => f.status === 'not_met')!;

    const page = await browser.newPage();
    await logIn(page, base, 'city');
    await page.goto(`${base}/assessment`);
    const countyRow = page.getByTestId(`assessment-area-${county.areaId}`);
    await countyRow.waitFor();
    expect(await countyRow.innerText()).toContain(county.name);

    await page.getByTestId(`assessment-drill-${county.areaId}`).click();
    await page.waitForURL((url) => url.searchParams.get('areaId') === String(county.areaId));
    await expect.poll(() => page.getByTestId('assessment-breadcrumb').innerText()).toContain(county.name);
    // The county's own total is the row the office just clicked.
    await expect.poll(() => page.getByTestId('assessment-unmet-total').innerText()).toBe(county.anyUnmet.toLocaleString());

    await page.getByTestId('assessment-only-unmet').click();
    await page.getByTestId(`assessment-row-${target.householdId}`).waitFor();
    expect(await page.getByTestId(`assessment-row-${target.householdId}`).innerText()).toContain(fact.text);

    await page.getByTestId(`assessment-household-${target.householdId}`).click();
    await page.waitForURL(`**/households/${target.householdId}`);
    const status = page.getByTestId(`assessment-status-${fact.indicator}`);
    await status.waitFor();
    expect(await status.getAttribute('data-status')).toBe('not_met');
    expect(await status.innerText()).toBe('未达标');
    await expect.poll(() => page.getByTestId(`assessment-indicator-${fact.indicator}`).innerText()).toContain(fact.text);
    await page.close();
  });

  it('the city office recomputes a county on the date shown', async () => {
    const page = await browser.newPage();
    await logIn(page, base, 'city');
    const city = await apiAs(base, 'city');
    const county = (await city<{ items: Counts[] }>('/api/assessments/summary')).items[0]!;
    await page.goto(`${base}/assessment?areaId=${county.areaId}`);
    await page.getByTestId('assessment-total').waitFor();
    await page.getByTestId('assessment-refresh').click();
    const done = page.waitForResponse((r) => r.url().endsWith('/api/assessments/refresh') && r.request().method() === 'POST');
    await page.getByTestId('assessment-refresh-ok').click();
    const res = await done;
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ referenceDate: '2020-09-01', area: { id: county.areaId } });
    await page.getByText('已重新测算').waitFor();
    await page.close();
  });

  it('a county office sees only its own townships, and the household list filters on "any indicator not met"', async () => {
    const guan = await apiAs(base, 'guanxian');
    const summary = await guan<{ area: { name: string }; total: { anyUnmet: number }; items: Counts[] }>('/api/assessments/summary');
    expect(summary.area.name).toBe('冠县');
    const page = await browser.newPage();
    await logIn(page, base, 'guanxian');
    await page.goto(`${base}/assessment`);
    await page.getByTestId(`assessment-area-${summary.items[0]!.areaId}`).waitFor();
    expect(await page.locator('[data-testid^="assessment-area-"]').count()).toBe(summary.items.length);

    await page.goto(`${base}/households?unmet=any`);
    await page.getByTestId('filter-unmet').waitFor();
    expect(await page.getByTestId('filter-unmet').innerText()).toContain('任一指标未达标');
    const list = await guan<{ total: number }>('/api/households?unmet=any');
    expect(list.total).toBe(summary.total.anyUnmet);
    if (list.total > 0) await page.locator('[data-testid^="household-row-"]').first().waitFor();
    await page.close();
  });
});
