import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp, type TestApp } from '../../test/app.js';
import { makeCity, makeUser, PASSWORD } from '../../test/factories.js';

let t: TestApp;
let city: Awaited<ReturnType<typeof makeCity>>;

beforeAll(async () => {
  t = await testApp();
  city = await makeCity(t.db);
  await makeUser(t.db, 'city_office', city.city.id, { username: 'city' });
  await makeUser(t.db, 'county_office', city.guan.id, { username: 'guan' });
  await makeUser(t.db, 'village_cadre', city.guanV1.id, { username: 'victim' });
  await makeUser(t.db, 'village_cadre', city.guanV1.id, { username: 'changer' });
});
afterAll(() => t.close());

const login = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: `10.0.0.${username.length}` });

describe('sign-in', () => {
  it('sets an httpOnly session cookie and reports the user, role, area and permissions', async () => {
    const res = await login('guan', PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'jz_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(res.json().user).toMatchObject({ username: 'guan', role: 'county_office', area: { name: '冠县' } });
    expect(res.json().user.permissions).toContain('registry.write');
  });

  it('gives the same answer for a wrong password and an unknown user', async () => {
    const a = await login('guan', 'wrong-password-1');
    const b = await login('nobody-here', 'wrong-password-1');
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().error.code).toBe(b.json().error.code);
  });

  it('locks an account after five wrong passwords, even for the right one', async () => {
    for (let i = 0; i < 5; i++) expect((await login('victim', `bad-${i}-xyz`)).statusCode).toBe(401);
    const locked = await login('victim', PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('ACCOUNT_LOCKED');
  });

  it('ends the session on logout', async () => {
    const s = await signIn(t.app, 'guan');
    expect((await s.get('/api/auth/me')).statusCode).toBe(200);
    expect((await s.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await s.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('changes a password, ends the other sessions, and refuses a weak one', async () => {
    const a = await signIn(t.app, 'changer');
    const b = await signIn(t.app, 'changer');
    const weak = await a.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    const ok = await a.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'New-pass-2021' });
    expect(ok.statusCode).toBe(204);
    expect((await a.get('/api/auth/me')).statusCode).toBe(200);
    expect((await b.get('/api/auth/me')).statusCode).toBe(401);
    expect((await login('changer', 'New-pass-2021')).statusCode).toBe(200);
  });
});

describe('user administration', () => {
  it('lets a county office create users in its county only, and not above its own role', async () => {
    const guan = await signIn(t.app, 'guan');
    const body = { username: 'new_cadre', displayName: '新村干部', password: 'Abcdef-123', role: 'village_cadre', areaId: city.guanV2.id };
    expect((await guan.post('/api/users', body)).statusCode).toBe(201);
    expect((await guan.post('/api/users', { ...body, username: 'xx1', areaId: city.shenV1.id })).statusCode).toBe(404);
    expect((await guan.post('/api/users', { ...body, username: 'xx2', role: 'city_office' })).statusCode).toBe(403);
    const list = (await guan.get('/api/users')).json();
    expect(list.items.map((u: { username: string }) => u.username)).toContain('new_cadre');
    expect(list.items.map((u: { username: string }) => u.username)).not.toContain('city');
  });

  it('never returns password hashes', async () => {
    const city = await signIn(t.app, 'city');
    const res = await city.get('/api/users?pageSize=200');
    expect(res.body).not.toContain('argon2');
  });

  it('deactivating a user ends their sessions', async () => {
    const admin = await signIn(t.app, 'city');
    const res = await admin.post('/api/users', {
      username: 'leaver',
      displayName: '离职',
      password: 'Abcdef-123',
      role: 'township_staff',
      areaId: city.guanTown.id,
    });
    const u = res.json();
    // Whoever an administrator creates must choose their own password at first sign-in.
    expect(u.mustChangePassword).toBe(true);
    const leaver = await signIn(t.app, 'leaver', 'Abcdef-123');
    expect((await admin.patch(`/api/users/${u.id}`, { version: u.version, active: false })).statusCode).toBe(200);
    expect((await leaver.get('/api/auth/me')).statusCode).toBe(401);
  });
});

describe('audit trail', () => {
  it('cannot be changed, not even by SQL', async () => {
    const failure = (p: Promise<unknown>) => p.then(() => 'succeeded', (e: Error & { cause?: Error }) => e.cause?.message ?? e.message);
    expect(await failure(t.db.execute(sql`UPDATE audit_log SET action = 'x'`))).toMatch(/append-only/);
    expect(await failure(t.db.execute(sql`DELETE FROM audit_log`))).toMatch(/append-only/);
  });

  it('records logins and is searchable by an administrator', async () => {
    const city = await signIn(t.app, 'city');
    const res = await city.get('/api/audit?action=login&username=guan');
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBeGreaterThan(0);
  });

  it('is not readable by a village cadre', async () => {
    await makeUser(t.db, 'village_cadre', city.guanV1.id, { username: 'reader' });
    const cadre = await signIn(t.app, 'reader');
    expect((await cadre.get('/api/audit')).statusCode).toBe(403);
  });
});
