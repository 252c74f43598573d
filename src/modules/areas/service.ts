import { and, asc, eq, ilike, inArray, isNull, or, sql } from 'drizzle-orm';
import { query, type DbOrTx } from '../../db/client.js';
import { notFound } from '../../errors.js';
import { escapeLike, inScope, type Actor } from '../accounts/access.js';
import { areas } from './schema.js';

export type Area = typeof areas.$inferSelect;

/** Ids along a path "/1/4/37/" → [1, 4, 37]. */
export function pathIds(path: string): number[] {
  return path
    .split('/')
    .filter(Boolean)
    .map((s) => Number(s));
}

export async function findArea(db: DbOrTx, id: number): Promise<Area | undefined> {
  const [row] = await db.select().from(areas).where(eq(areas.id, id));
  return row;
}

/** An area the actor may see, or NOT_FOUND (never a hint that it exists elsewhere). */
export async function getAreaInScope(db: DbOrTx, actor: Actor, id: number): Promise<Area> {
  const [row] = await db
    .select()
    .from(areas)
    .where(and(eq(areas.id, id), inScope(actor, areas.path)));
  if (!row) throw notFound('Area', '区域');
  return row;
}

export async function getAreaWithAncestors(db: DbOrTx, actor: Actor, id: number) {
  const area = await getAreaInScope(db, actor, id);
  return { ...area, ancestors: await ancestorsOf(db, area.path) };
}

export async function ancestorsOf(db: DbOrTx, path: string) {
  const ids = pathIds(path);
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: areas.id, code: areas.code, name: areas.name, level: areas.level })
    .from(areas)
    .where(inArray(areas.id, ids));
  return ids.map((id) => rows.find((r) => r.id === id)).filter((r) => r !== undefined);
}

/**
 * Children of an area with their household counts. Without a parent the answer is the actor's own area, the
 * root of everything they may see.
 */
export async function areaChildren(db: DbOrTx, actor: Actor, parentId?: number) {
  const parent = parentId === undefined ? undefined : await getAreaInScope(db, actor, parentId);
  const where = parent
    ? and(eq(areas.parentId, parent.id), isNull(areas.validTo))
    : eq(areas.id, actor.areaId);
  const rows = await db.select().from(areas).where(where).orderBy(asc(areas.code));
  if (rows.length === 0) return [];
  const counts = await query<{ id: number; households: number; has_children: boolean }>(
    db,
    sql`SELECT a.id,
          (SELECT count(*)::int FROM households h
            WHERE h.area_path LIKE a.path || '%' AND h.ended_on IS NULL) AS households,
          EXISTS (SELECT 1 FROM areas c WHERE c.parent_id = a.id) AS has_children
        FROM areas a WHERE a.id IN (${sql.join(
          rows.map((r) => sql`${r.id}`),
          sql`, `,
        )})`,
  );
  return rows.map((r) => {
    const c = counts.find((x) => x.id === r.id);
    return {
      id: r.id,
      code: r.code,
      name: r.name,
      nameEn: r.nameEn,
      level: r.level,
      cityKeyVillage: r.cityKeyVillage,
      provincialKeyVillage: r.provincialKeyVillage,
      households: c?.households ?? 0,
      hasChildren: c?.has_children ?? false,
    };
  });
}

export async function searchAreas(db: DbOrTx, actor: Actor, q: string | undefined, level: string | undefined) {
  const conds = [inScope(actor, areas.path), isNull(areas.validTo)];
  if (q) conds.push(or(ilike(areas.name, `%${escapeLike(q)}%`), ilike(areas.code, `${escapeLike(q)}%`))!);
  if (level) conds.push(eq(areas.level, level));
  return db
    .select({ id: areas.id, code: areas.code, name: areas.name, level: areas.level, path: areas.path })
    .from(areas)
    .where(and(...conds))
    .orderBy(asc(areas.path))
    .limit(50);
}
