import { sql } from 'drizzle-orm';
import { query, type DbOrTx } from '../../db/client.js';
import { escapeLike, type Actor } from '../accounts/access.js';
import { getAreaInScope } from './service.js';

/** Headline counts for an area and each of its children, in two set-based queries. */
export async function overview(db: DbOrTx, actor: Actor, areaId?: number) {
  const area = await getAreaInScope(db, actor, areaId ?? actor.areaId);
  const like = escapeLike(area.path) + '%';
  const [totals, byType, children] = await Promise.all([
    query<{ households: number; members: number }>(
      db,
      sql`SELECT (SELECT count(*)::int FROM households h WHERE h.area_path LIKE ${like} AND h.ended_on IS NULL) AS households,
                 (SELECT count(*)::int FROM members m WHERE m.area_path LIKE ${like} AND m.ended_on IS NULL) AS members`,
    ),
    query<{ code: string; households: number }>(
      db,
      sql`SELECT h.type AS code, count(*)::int AS households FROM households h
          WHERE h.area_path LIKE ${like} AND h.ended_on IS NULL GROUP BY h.type ORDER BY h.type`,
    ),
    query<{ id: number; code: string; name: string; households: number; members: number }>(
      db,
      sql`SELECT c.id, c.code, c.name,
                 (SELECT count(*)::int FROM households h WHERE h.area_path LIKE c.path || '%' AND h.ended_on IS NULL) AS households,
                 (SELECT count(*)::int FROM members m WHERE m.area_path LIKE c.path || '%' AND m.ended_on IS NULL) AS members
          FROM areas c WHERE c.parent_id = ${area.id} AND c.valid_to IS NULL ORDER BY c.code`,
    ),
  ]);
  return {
    area: { id: area.id, code: area.code, name: area.name, level: area.level },
    households: totals[0]?.households ?? 0,
    members: totals[0]?.members ?? 0,
    byType,
    children,
  };
}
