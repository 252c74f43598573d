/**
 * 人员比对: matches a snapshot's records to registry persons inside the uploader's area. A normalised ID number with
 * the same name is a match in one set-based statement; everything else (a damaged, old 15-digit or mistyped ID, no
 * ID, an ID whose name differs) goes through candidate search in batches: registry persons sharing a repaired ID, the
 * birth date or the name are fetched with one query per batch and scored by the domain's matcher
 * (src/domain/matching). Above the automatic threshold the record is matched; in the band below, it waits for a
 * person to confirm (review); below, it stays unmatched with its best candidates kept for a manual search.
 */
import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.js';
import { escapeLike } from '../accounts/access.js';
import { bestCandidates, classify, idCandidates, type MatchPerson, type MatchRecord } from '../../domain/matching/index.js';
import type { deptSnapshots } from './schema.js';

type Snapshot = typeof deptSnapshots.$inferSelect;

export interface MatchCounts {
  idExact: number;
  auto: number;
  review: number;
  unmatched: number;
}

const BATCH = 1_000;
const MAX_NAMESAKES = 50;

interface RecordKeyRow extends Record<string, unknown> {
  id: number;
  id_number: string | null;
  id_raw: string | null;
  name: string;
  sex: string | null;
  birth_date: string | null;
  village_name: string | null;
}

interface PersonRow extends Record<string, unknown> {
  id: number;
  household_id: number;
  area_path: string;
  name: string;
  id_number: string;
  sex: string | null;
  birth_date: string | null;
  village: string | null;
}

const day = (v: unknown): string | null => (v == null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

/** The birth date an ID (or the digits left of a damaged one) states, when it is a real date. */
function birthFromDigits(raw: string | null): string | null {
  if (!raw) return null;
  const d = raw.replace(/\s/g, '');
  const iso = d.length === 15 ? `19${d.slice(6, 8)}-${d.slice(8, 10)}-${d.slice(10, 12)}` : d.length >= 14 ? `${d.slice(6, 10)}-${d.slice(10, 12)}-${d.slice(12, 14)}` : null;
  return iso && /^\d{4}-\d{2}-\d{2}$/.test(iso) && !Number.isNaN(Date.parse(iso)) ? iso : null;
}

/** The record as the scorer sees it: the ID's digits are evidence once, as the ID, not again as a birth date. */
function asRecord(r: RecordKeyRow): MatchRecord {
  return { idNumber: r.id_number ?? r.id_raw ?? null, name: r.name, birthDate: day(r.birth_date), sex: r.sex, village: r.village_name };
}

/** The birth date to search candidates by: the record's own, else the one its (damaged) ID states. */
const searchBirth = (r: RecordKeyRow) => day(r.birth_date) ?? birthFromDigits(r.id_raw);

function asPerson(p: PersonRow): MatchPerson {
  return { idNumber: p.id_number, name: p.name, birthDate: day(p.birth_date), sex: p.sex, village: p.village };
}

async function exactIdMatches(db: Db, snap: Snapshot, scope: string): Promise<number> {
  const rows = await query<{ n: number }>(
    db,
    sql`WITH m AS (
          SELECT DISTINCT ON (id_number) id, id_number, household_id, area_path, name FROM members
          WHERE area_path LIKE ${scope} AND id_number IN (SELECT id_number FROM dept_records WHERE snapshot_id = ${snap.id} AND match_status = 'unmatched')
          ORDER BY id_number, (ended_on IS NULL) DESC, id DESC)
        , u AS (UPDATE dept_records r SET member_id = m.id, household_id = m.household_id, area_path = m.area_path, match_status = 'id_exact',
                  match_score = 1, match_reasons = '{id_equal,name_exact}', matched_at = now()
                FROM m WHERE r.snapshot_id = ${snap.id} AND r.match_status = 'unmatched' AND r.id_number = m.id_number AND r.name = m.name RETURNING 1)
        SELECT count(*)::int AS n FROM u`,
  );
  return Number(rows[0]?.n ?? 0);
}

async function candidatesFor(db: Db, scope: string, batch: readonly RecordKeyRow[]): Promise<PersonRow[]> {
  const ids = new Set<string>();
  const births = new Set<string>();
  const names = new Set<string>();
  for (const r of batch) {
    if (r.id_number) ids.add(r.id_number);
    for (const c of idCandidates(r.id_raw ?? r.id_number ?? '')) ids.add(c.id);
    const birth = searchBirth(r);
    // A name alone is a poor key in a province (thousands of 张伟): it is searched only when no birth date is known.
    if (birth) births.add(birth);
    else names.add(r.name);
  }
  // Three index lookups, not one OR (which the planner may answer with a scan of every member per batch).
  const select = sql`SELECT m.id, m.household_id, m.area_path, m.name, m.id_number, m.sex, m.birth_date::text AS birth_date, a.name AS village
        FROM members m JOIN households h ON h.id = m.household_id JOIN areas a ON a.id = h.area_id WHERE m.area_path LIKE ${scope}`;
  return query<PersonRow>(
    db,
    sql`${select} AND m.id_number = ANY(${sql.param([...ids])}::text[])
        UNION ${select} AND m.birth_date = ANY(${sql.param([...births])}::text[]::date[])
        UNION ${select} AND m.name = ANY(${sql.param([...names])}::text[])`,
  );
}

interface Decision {
  recordId: number;
  status: 'auto' | 'review' | 'unmatched';
  person: PersonRow | null;
  score: number | null;
  reasons: string[];
  candidates: { person: PersonRow; score: number; reasons: string[] }[];
}

function decide(r: RecordKeyRow, byId: Map<string, PersonRow[]>, byBirth: Map<string, PersonRow[]>, byName: Map<string, PersonRow[]>): Decision {
  const rec = asRecord(r);
  const pool = new Map<number, PersonRow>();
  const add = (list: PersonRow[] | undefined) => list?.forEach((p) => pool.set(p.id, p));
  if (r.id_number) add(byId.get(r.id_number));
  for (const c of idCandidates(r.id_raw ?? r.id_number ?? '')) add(byId.get(c.id));
  const birth = searchBirth(r);
  if (birth) add(byBirth.get(birth));
  else {
    const namesakes = byName.get(r.name) ?? [];
    // More namesakes than a person could review: leave the record unmatched rather than guess.
    if (namesakes.length <= MAX_NAMESAKES) add(namesakes);
  }
  const ranked = bestCandidates(rec, [...pool.values()].map((row) => ({ ...asPerson(row), row })));
  const decision = classify(ranked);
  const candidates = ranked.map((c) => ({ person: c.person.row, score: c.score, reasons: c.reasons }));
  const top = candidates[0];
  return {
    recordId: r.id,
    status: decision,
    person: decision === 'auto' ? top!.person : null,
    score: top?.score ?? null,
    reasons: top?.reasons ?? [],
    candidates: decision === 'auto' ? [] : candidates,
  };
}

function groupBy(rows: readonly PersonRow[], key: (p: PersonRow) => string | null): Map<string, PersonRow[]> {
  const out = new Map<string, PersonRow[]>();
  for (const p of rows) {
    const k = key(p);
    if (k === null) continue;
    const list = out.get(k);
    if (list) list.push(p);
    else out.set(k, [p]);
  }
  return out;
}

async function writeDecisions(db: Db, snap: Snapshot, decisions: readonly Decision[]): Promise<void> {
  if (!decisions.length) return;
  // A record waiting for review belongs, for scope, to the area of its best candidate: that county confirms it.
  const area = (d: Decision) => d.person?.area_path ?? d.candidates[0]?.person.area_path ?? snap.areaPath;
  await db.execute(sql`
    UPDATE dept_records r SET member_id = u.member_id, household_id = u.household_id, area_path = u.area_path, match_status = u.status,
      match_score = u.score, match_reasons = string_to_array(u.reasons, ','), matched_at = CASE WHEN u.member_id IS NULL THEN NULL ELSE now() END
    FROM unnest(${sql.param(decisions.map((d) => d.recordId))}::bigint[], ${sql.param(decisions.map((d) => d.person?.id ?? null))}::int[],
                ${sql.param(decisions.map((d) => d.person?.household_id ?? null))}::int[], ${sql.param(decisions.map(area))}::text[],
                ${sql.param(decisions.map((d) => d.status))}::text[], ${sql.param(decisions.map((d) => (d.score === null ? null : d.score.toFixed(3))))}::text[]::numeric[],
                ${sql.param(decisions.map((d) => d.reasons.join(',')))}::text[])
      AS u(id, member_id, household_id, area_path, status, score, reasons)
    WHERE r.id = u.id`);
  const cands = decisions.flatMap((d) => d.candidates.slice(0, 3).map((c, i) => ({ recordId: d.recordId, memberId: c.person.id, rank: i + 1, score: c.score, reasons: c.reasons.join(',') })));
  if (!cands.length) return;
  await db.execute(sql`
    INSERT INTO dept_match_candidates (record_id, member_id, rank, score, reasons)
    SELECT record_id, member_id, rank, score, string_to_array(reasons, ',')
    FROM unnest(${sql.param(cands.map((c) => c.recordId))}::bigint[], ${sql.param(cands.map((c) => c.memberId))}::int[], ${sql.param(cands.map((c) => c.rank))}::int[],
                ${sql.param(cands.map((c) => c.score.toFixed(3)))}::text[]::numeric[], ${sql.param(cands.map((c) => c.reasons))}::text[])
      AS u(record_id, member_id, rank, score, reasons)`);
}

export async function matchSnapshot(db: Db, snap: Snapshot, progress: (done: number) => void = () => undefined): Promise<MatchCounts> {
  const scope = `${escapeLike(snap.areaPath)}%`;
  const counts: MatchCounts = { idExact: await exactIdMatches(db, snap, scope), auto: 0, review: 0, unmatched: 0 };
  let done = counts.idExact;
  progress(done);
  let last = 0;
  for (;;) {
    const batch = await query<RecordKeyRow>(
      db,
      sql`SELECT id::int AS id, id_number, id_raw, name, sex, birth_date::text AS birth_date, village_name FROM dept_records
          WHERE snapshot_id = ${snap.id} AND match_status = 'unmatched' AND id > ${last} ORDER BY id LIMIT ${BATCH}`,
    );
    if (!batch.length) break;
    last = Number(batch[batch.length - 1]!.id);
    const persons = await candidatesFor(db, scope, batch);
    const byId = groupBy(persons, (p) => p.id_number);
    const byBirth = groupBy(persons, (p) => day(p.birth_date));
    const byName = groupBy(persons, (p) => p.name);
    const decisions = batch.map((r) => decide(r, byId, byBirth, byName));
    await writeDecisions(db, snap, decisions);
    for (const d of decisions) counts[d.status]++;
    done += batch.length;
    progress(done);
  }
  return counts;
}
