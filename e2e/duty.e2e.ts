import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, launchBrowser, logIn } from './browser.js';

const base = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const yearStart = `${today.slice(0, 4)}-01-01`;
type Figures = { visited: number; total: number };

async function answer(page: Page, key: string, text: string) {
  await page.getByTestId(`q-${key}`).locator('label', { hasText: text }).click();
}

describe('cadre duty in the browser', () => {
  it('a village cadre records a visit and fills a campaign form on /my; the office sees coverage and completion change', async () => {
    const city = await apiAs(base, 'city');
    const villageUser = await apiAs(base, 'village');
    const me = await villageUser<{ id: number; area: { id: number } }>('/api/auth/me');
    const villageId = me.area.id;
    // The office files the demo village cadre as a 帮扶干部 linked to their account and gives them a household.
    const cadre = await city<{ id: number }>('/api/duty/cadres', { method: 'POST', body: JSON.stringify({ name: '浏览器测试干部', unit: '县农业农村局', areaId: villageId, userId: me.id }) });
    const households = await city<{ items: { id: number; type: string }[] }>(`/api/households?areaId=${villageId}&status=active&pageSize=50`);
    const helped = households.items.find((h) => h.type === 'lifted' || h.type === 'monitored')!;
    await city(`/api/duty/cadres/${cadre.id}/assignments`, { method: 'POST', body: JSON.stringify({ role: 'helper', householdId: helped.id, startsOn: today }) });
    const campaign = await city<{ id: number; total: number }>('/api/duty/campaigns', {
      method: 'POST',
      body: JSON.stringify({ title: '疫情期间生活物资排查（测试）', template: 'epidemic', areaId: villageId, population: 'lifted_monitored', startsOn: today }),
    });
    expect(campaign.total).toBeGreaterThan(0);
    const tasks = await city<{ items: { id: number; householdId: number }[] }>(`/api/duty/campaigns/${campaign.id}/tasks?pageSize=200`);
    const task = tasks.items.find((x) => x.householdId === helped.id)!;
    const before = await city<{ households: Figures }>(`/api/duty/coverage?from=${yearStart}&to=${today}`);

    // 我的任务 on a phone-sized screen.
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await logIn(phone, base, 'village');
    await phone.goto(`${base}/my`);
    await phone.getByTestId(`my-household-${helped.id}`).waitFor();
    await phone.getByTestId(`my-todo-household-${helped.id}`).click();
    await phone.getByTestId('visit-findings').fill('入户了解，家中生活正常，主要劳动力外出务工');
    await phone.getByTestId('visit-follow-up').fill('下月电话回访');
    const visited = phone.waitForResponse((r) => r.url().endsWith('/api/duty/visits') && r.request().method() === 'POST');
    await phone.getByTestId('visit-submit').click();
    expect((await visited).status()).toBe(201);
    await expect.poll(() => phone.getByTestId(`my-todo-household-${helped.id}`).count()).toBe(0);

    await phone.getByTestId(`my-form-${task.id}`).click();
    await answer(phone, 'fever', '否');
    await answer(phone, 'supplies', '是');
    await answer(phone, 'medicine', '是');
    await answer(phone, 'income_loss', '否');
    const filled = phone.waitForResponse((r) => r.url().endsWith(`/api/duty/campaign-tasks/${task.id}`));
    await phone.getByTestId('form-submit').click();
    expect((await filled).status()).toBe(200);
    await expect.poll(() => phone.getByTestId(`my-form-${task.id}`).count()).toBe(0);
    await phone.close();

    // The office: the campaign's completion and the visit coverage have moved.
    const office = await browser.newPage();
    await logIn(office, base, 'city');
    await office.goto(`${base}/duty/campaigns/${campaign.id}`);
    await expect.poll(() => office.getByTestId('campaign-progress').getAttribute('data-done')).toBe('1');
    expect(await office.getByTestId('campaign-progress').getAttribute('data-total')).toBe(String(campaign.total));
    await office.goto(`${base}/duty/visits`);
    await expect.poll(() => office.getByTestId('coverage-households').getAttribute('data-visited')).toBe(String(before.households.visited + 1));
    await office.close();
  });
});
