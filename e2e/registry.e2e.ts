import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, launchBrowser, logIn } from './browser.js';

const base = inject('baseUrl');
let browser: Browser;

const api = (username: string) => apiAs(base, username);

async function householdIn(countyName: string) {
  const admin = await api('admin');
  const counties = await admin<{ id: number; name: string }[]>(`/api/areas/search?level=county&q=${encodeURIComponent(countyName)}`);
  const list = await admin<{ items: { id: number; householdNo: string }[] }>(`/api/households?areaId=${counties[0]!.id}&pageSize=1`);
  const household = list.items[0]!;
  const detail = await admin<{ members: { id: number; relation: string; name: string }[] }>(`/api/households/${household.id}`);
  const head = detail.members.find((m) => m.relation === 'head')!;
  const { idNumber } = await admin<{ idNumber: string }>(`/api/members/${head.id}/reveal-id`, { method: 'POST', body: '{}' });
  return { ...household, idNumber, headName: head.name };
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe('registry in the browser', () => {
  it('a county officer finds a household by ID number, edits it, and sees the change in its history', async () => {
    const target = await householdIn('冠县');
    const page = await browser.newPage();
    await logIn(page, base, 'guanxian');
    await page.goto(`${base}/households`);
    await page.getByTestId('household-search').fill(target.idNumber);
    await page.getByTestId('household-search').press('Enter');
    const row = page.getByTestId(`household-row-${target.id}`).first();
    await row.waitFor();
    expect(await page.locator('[data-testid^="household-row-"]').count()).toBeGreaterThanOrEqual(1);
    await row.click();
    await page.waitForURL(`**/households/${target.id}`);
    await expect.poll(() => page.getByTestId('household-number').innerText()).toContain(target.householdNo);

    await page.getByTestId('household-edit').click();
    const helper = page.locator('#helperName');
    await helper.fill('张帮扶E2E');
    await page.getByTestId('household-save').click();
    await page.getByText('张帮扶E2E').first().waitFor();

    await page.getByTestId('history-tab').click();
    const entry = page.getByTestId('history-entry').filter({ hasText: '张帮扶E2E' });
    await entry.first().waitFor();
    expect(await entry.first().innerText()).toContain('guanxian');
    await page.close();
  });

  it('shows wrong passwords as an error and keeps the user on the login page', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/login`);
    await page.getByTestId('login-username').fill('guanxian');
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
    expect(await page.getByTestId('login-error').innerText()).toContain('用户名或密码错误');
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.close();
  });

  it("a county officer cannot open another county's household, not even by its address", async () => {
    const other = await householdIn('东昌府区');
    const page = await browser.newPage();
    await logIn(page, base, 'guanxian');
    const response = page.waitForResponse((r) => r.url().endsWith(`/api/households/${other.id}`));
    await page.goto(`${base}/households/${other.id}`);
    expect((await response).status()).toBe(404);
    await page.waitForTimeout(300);
    const text = await page.locator('body').innerText();
    expect(text).not.toContain(other.householdNo);
    expect(text).not.toContain(other.headName);

    await page.goto(`${base}/households`);
    await page.getByTestId('household-search').fill(other.idNumber);
    await page.getByTestId('household-search').press('Enter');
    await page.waitForResponse((r) => r.url().includes('/api/households?') && r.url().includes(other.idNumber.slice(0, 6)));
    await page.waitForTimeout(300);
    expect(await page.locator(`[data-testid="household-row-${other.id}"]`).count()).toBe(0);
    await page.close();
  });
});
