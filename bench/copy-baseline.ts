/**
 * The baseline the import is compared with: a plain PostgreSQL COPY of the same households and members into the same
 * tables (same indexes), in one transaction. The rows are converted beforehand (codes instead of labels, village
 * ids, sex and birth date from the ID number, as the import would store them) and written to COPY text files, so
 * the timed part is only COPY reading those files: no validation, no comparison, no audit.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import pgCopy from 'pg-copy-streams';
import { query, type Db } from '../src/db/client.js';
import { isoDate } from '../src/modules/demo/calendar.js';
import { householdFactory } from '../src/modules/demo/generate.js';
import type { GeneratedHousehold, Person } from '../src/modules/demo/household.js';

type Value = string | number | boolean | null;

const HOUSEHOLD_COLUMNS: readonly [string, (h: GeneratedHousehold, v: Village, id: number) => Value][] = [
  ['id', (_h, _v, id) => id],
  ['household_no', (h) => h.householdNo],
  ['area_id', (_h, v) => v.id],
  ['area_path', (_h, v) => v.path],
  ['registered_on', () => TODAY],
  ['type', (h) => h.type],
  ['poverty_attribute', (h) => h.povertyAttribute],
  ['main_cause', (h) => h.mainCause],
  ['secondary_cause', (h) => h.secondaryCause],
  ['housing_grade', (h) => h.housingGrade],
  ['contact_phone', (h) => h.contactPhone],
  ['helper_name', (h) => h.helperName],
  ['helper_unit', (h) => h.helperUnit],
  ['helper_phone', (h) => h.helperPhone],
];

const MEMBER_COLUMNS: readonly [string, (m: Person, householdId: number, v: Village, id: number) => Value][] = [
  ['id', (_m, _h, _v, id) => id],
  ['household_id', (_m, h) => h],
  ['area_path', (_m, _h, v) => v.path],
  ['joined_on', () => TODAY],
  ['name', (m) => m.name],
  ['id_number', (m) => m.idNumber],
  ['relation', (m) => m.relation],
  ['sex', (m) => m.sex],
  ['birth_date', (m) => isoDate(m.birthDay)],
  ['ethnicity', (m) => m.ethnicity],
  ['education', (m) => m.education],
  ['school_status', (m) => m.schoolStatus],
  ['not_in_school_reason', (m) => m.notInSchoolReason],
  ['health', (m) => m.health],
  ['disability_kind', (m) => m.disabilityKind],
  ['disability_grade', (m) => m.disabilityGrade],
  ['disability_cert_no', (m) => m.disabilityCertNo],
  ['labour_ability', (m) => m.labour],
  ['employment_place', (m) => m.employmentPlace],
  ['employer', (m) => m.employer],
  ['employment_months', (m) => (m.employmentPlace === 'none' || m.workMonths <= 0 ? null : m.workMonths)],
  ['monthly_wage', (m) => (m.monthlyWage === null ? null : m.monthlyWage.toFixed(2))],
  ['medical_insurance', (m) => m.medicalInsurance],
  ['critical_illness_insured', (m) => m.criticalIllnessInsured],
  ['pension_insured', (m) => m.pensionInsured],
  ['dibao', (m) => m.dibao],
  ['tekun', (m) => m.tekun],
  ['welfare_post', (m) => m.welfarePost],
  ['phone', (m) => m.phone],
];

const TODAY = new Date().toISOString().slice(0, 10);

interface Village {
  id: number;
  path: string;
}

/** A value in COPY's text format. */
function copyField(v: Value): string {
  if (v === null) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  return String(v).replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

class LineFile {
  private readonly out: fs.WriteStream;
  private buf = '';
  constructor(file: string) {
    this.out = fs.createWriteStream(file);
  }
  async line(fields: string[]): Promise<void> {
    this.buf += fields.join('\t') + '\n';
    if (this.buf.length > 256 * 1024) {
      const ok = this.out.write(this.buf);
      this.buf = '';
      if (!ok) await once(this.out, 'drain');
    }
  }
  async close(): Promise<void> {
    this.out.end(this.buf);
    await once(this.out, 'finish');
  }
}

export interface CopyFiles {
  households: { file: string; rows: number };
  members: { file: string; rows: number };
}

/**
 * Converts the demo households of (seed, households) into COPY files, as the roster file holds them (active members
 * only), with the villages' ids and paths from `db` (which holds that demo city's areas).
 */
export async function prepareCopyFiles(db: Db, seed: number, households: number, dir: string): Promise<CopyFiles> {
  const villages = new Map(
    (await query<{ code: string; id: number; path: string }>(db, sql`SELECT code, id, path FROM areas WHERE level = 'village'`)).map((v) => [v.code, v]),
  );
  const hFile = new LineFile(`${dir}/households.copy`);
  const mFile = new LineFile(`${dir}/members.copy`);
  const factory = householdFactory(seed, households);
  let memberId = 0;
  for (let i = 0; i < households; i++) {
    const h = factory.next();
    const v = villages.get(h.village.code);
    if (!v) throw new Error(`village ${h.village.code} is not in the database`);
    const householdId = i + 1;
    await hFile.line(HOUSEHOLD_COLUMNS.map(([, get]) => copyField(get(h, v, householdId))));
    for (const m of h.members) {
      if (m.endedDay !== null) continue;
      memberId++;
      await mFile.line(MEMBER_COLUMNS.map(([, get]) => copyField(get(m, householdId, v, memberId))));
    }
  }
  await hFile.close();
  await mFile.close();
  return { households: { file: `${dir}/households.copy`, rows: households }, members: { file: `${dir}/members.copy`, rows: memberId } };
}

/** COPY both files into the database at `url` in one transaction; returns the milliseconds it took. */
export async function copyIn(url: string, files: CopyFiles): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const started = performance.now();
    await client.query('BEGIN');
    await pipeline(
      fs.createReadStream(files.households.file),
      client.query(pgCopy.from(`COPY households (${HOUSEHOLD_COLUMNS.map(([c]) => c).join(', ')}) FROM STDIN`)),
    );
    await pipeline(
      fs.createReadStream(files.members.file),
      client.query(pgCopy.from(`COPY members (${MEMBER_COLUMNS.map(([c]) => c).join(', ')}) FROM STDIN`)),
    );
    await client.query('COMMIT');
    const ms = performance.now() - started;
    const { rows } = await client.query<{ h: number; m: number }>('SELECT (SELECT count(*) FROM households)::int AS h, (SELECT count(*) FROM members)::int AS m');
    if (rows[0]?.h !== files.households.rows || rows[0]?.m !== files.members.rows) {
      throw new Error(`COPY wrote ${rows[0]?.h} households / ${rows[0]?.m} members, expected ${files.households.rows} / ${files.members.rows}`);
    }
    return ms;
  } finally {
    await client.end();
  }
}
