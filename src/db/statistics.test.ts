import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScratchDatabase } from './scratch.js';
import { analyzeStale, staleTables } from './statistics.js';
import { testDatabase } from '../test/database.js';

let database: ScratchDatabase;
beforeAll(async () => {
  database = await testDatabase();
  // autovacuum off: on a server it must not analyse the table behind the test's back.
  await database.db.execute(sql`CREATE TABLE stats_probe (a int) WITH (autovacuum_enabled = false)`);
});
afterAll(async () => database?.dispose());

describe('planner statistics when stale', () => {
  it('analyses a table never analysed, then leaves it until enough rows changed (50 + 10 % of its rows)', async () => {
    const db = database.db;
    await db.execute(sql`INSERT INTO stats_probe SELECT g FROM generate_series(1, 1000) g`);
    expect(await staleTables(db, ['stats_probe'])).toEqual(['stats_probe']);
    expect(await analyzeStale(db, ['stats_probe'])).toEqual({ analyzed: ['stats_probe'] });
    expect(await analyzeStale(db, ['stats_probe'])).toEqual({ analyzed: [] });

    // 149 changed rows: below 50 + 0.1 × 1000.
    await db.execute(sql`UPDATE stats_probe SET a = -a WHERE a <= 149`);
    expect(await staleTables(db, ['stats_probe'])).toEqual([]);
    await db.execute(sql`DELETE FROM stats_probe WHERE a > 990`);
    expect(await analyzeStale(db, ['stats_probe'])).toEqual({ analyzed: ['stats_probe'] });
    expect(await staleTables(db, ['stats_probe'])).toEqual([]);
  });

  it('names only tables that exist', async () => {
    expect(await staleTables(database.db, ['no_such_table'])).toEqual([]);
  });
});
