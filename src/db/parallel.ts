/**
 * Running the parts of one large job side by side on a server (parallelismOf: PGlite, with its one connection,
 * runs them one after another). Parts are taken in the order given, so put the longest first.
 */
import { parallelismOf, type Db } from './client.js';

export function forEachPart<T>(db: Db, parts: readonly T[], work: (part: T) => Promise<void>): Promise<void> {
  return inLanes(parallelismOf(db), parts, work);
}

/** At most `lanes` parts at once; a failure is thrown once the parts already started have finished. */
export async function inLanes<T>(lanes: number, parts: readonly T[], work: (part: T) => Promise<void>): Promise<void> {
  const queue = [...parts];
  let failure: { error: unknown } | null = null;
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(lanes, queue.length)) }, async () => {
      while (queue.length && failure === null) {
        try {
          await work(queue.shift()!);
        } catch (error) {
          failure ??= { error };
        }
      }
    }),
  );
  if (failure !== null) throw (failure as { error: unknown }).error;
}
