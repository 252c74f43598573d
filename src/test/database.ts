import { scratchDatabase, type ScratchDatabase } from '../db/scratch.js';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default; a throw-away database on the real
 * server when TEST_DATABASE_URL is set (CI sets it), dropped again by `dispose`.
 */
export async function testDatabase(): Promise<ScratchDatabase> {
  return scratchDatabase(process.env.TEST_DATABASE_URL, 4, 'jz_test');
}
