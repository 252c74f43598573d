/**
 * Registry benchmarks (issue 2), part of `npm run bench`:
 *   1. demo-city generation of N households (default 100,000);
 *   2. household search through the HTTP API by full ID number and by name prefix: median and p99;
 *   3. listing one township's households (first page, with count) through the API.
 * Runs against BENCH_DATABASE_URL (a scratch database is created and dropped there) or in-memory PGlite.
 */
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.js';
import { query } from '../src/db/client.js';
import { buildApp } from '../src/http/app.js';
import { LoginThrottle } from '../src/modules/accounts/throttle.js';
import { DEMO_PASSWORD, generateDemoCity } from '../src/modules/demo/generate.js';
import { scratchDatabase } from '../src/db/scratch.js';
import { peakRssMb, round, summarise, timeIt } from './stats.js';

export interface RegistryBenchOptions {
  households: number;
  smoke: boolean;
  /** PostgreSQL server for the scratch database; PGlite when undefined. */
  serverUrl: string | undefined;
}

export async function runRegistryBench(opts: RegistryBenchOptions): Promise<void> {
  const { households, smoke, serverUrl } = opts;
  const samples = smoke ? 30 : 300;
  console.log(`# Jingzhun registry benchmark — ${households.toLocaleString('en')} households, ${serverUrl ? 'PostgreSQL server' : 'PGlite'}${smoke ? ' (smoke)' : ''}`);
  const database = await scratchDatabase(serverUrl, 8, 'jz_bench', 'file');
  try {
    const gen = await timeIt(() => generateDemoCity(database.db, { households, seed: 7 }));
    const r = gen.value;
    console.log(
      `demo generation: ${round(gen.ms / 1000, 1)} s for ${r.households} households / ${r.members} members / ${r.incomes} incomes` +
        ` = ${Math.round(r.households / (gen.ms / 1000)).toLocaleString('en')} households/s, ${Math.round(r.members / (gen.ms / 1000)).toLocaleString('en')} members/s`,
    );
    if (database.kind === 'postgres') await database.db.execute(sql`ANALYZE`);

    const config = { ...loadConfig({}), port: 0 };
    const app = await buildApp({ database, config, throttle: new LoginThrottle() }, { serveWeb: false });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const login = await fetch(`${address}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const get = async (path: string) => {
      const t = await timeIt(async () => {
        const res = await fetch(`${address}${path}`, { headers: { cookie } });
        if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
        return (await res.json()) as { total: number };
      });
      return t;
    };

    const people = await query<{ id_number: string; name: string }>(
      database.db,
      sql`SELECT id_number, name FROM members TABLESAMPLE SYSTEM (5) LIMIT ${samples}`,
    );
    const pick = people.length ? people : await query<{ id_number: string; name: string }>(database.db, sql`SELECT id_number, name FROM members LIMIT ${samples}`);
    const townships = await query<{ id: number }>(database.db, sql`SELECT id FROM areas WHERE level = 'township' ORDER BY id`);

    // Warm-up so the first figures are not the JIT's.
    for (const p of pick.slice(0, 5)) await get(`/api/households?q=${p.id_number}`);

    const byId: number[] = [];
    for (const p of pick) {
      const t = await get(`/api/households?q=${p.id_number}`);
      if (t.value.total < 1) throw new Error(`ID search found nothing for ${p.id_number}`);
      byId.push(t.ms);
    }
    const byName: number[] = [];
    for (const p of pick) byName.push((await get(`/api/households?q=${encodeURIComponent(p.name.slice(0, 2))}`)).ms);
    const township: number[] = [];
    for (let i = 0; i < Math.min(samples, townships.length * 2); i++) {
      township.push((await get(`/api/households?areaId=${townships[i % townships.length]!.id}&pageSize=20`)).ms);
    }
    const report = (label: string, s: number[]) => {
      const f = summarise(s);
      console.log(`${label.padEnd(44)} n=${String(f.n).padStart(4)}  median ${String(f.medianMs).padStart(7)} ms  p99 ${String(f.p99Ms).padStart(7)} ms`);
    };
    report('search by full ID number (API)', byId);
    report('search by name prefix, 2 chars (API)', byName);
    report("list a township's households, page 1 (API)", township);
    console.log(`peak RSS ${await peakRssMb()} MB`);
    await app.close();
  } finally {
    await database.dispose();
  }
}
