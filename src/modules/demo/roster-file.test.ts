import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, query, type Database } from '../../db/client.js';
import type { ParsedId } from '../../domain/id-number.js';
import type { CellDate } from '../../domain/cell-values.js';
import { convertCell, type ConvertedValue } from '../ingest/convert.js';
import { fieldOf, ROSTER_CATALOGUE, type RosterField } from '../ingest/fields.js';
import { cellText, textCell } from '../ingest/raw-cell.js';
import { readTable, type TableRow } from '../ingest/read-table.js';
import { isoDate } from './calendar.js';
import { createDemoAreas, generateDemoCity, householdFactory } from './generate.js';
import { encodeGb18030 } from './gb18030.js';
import type { GeneratedHousehold, Person } from './household.js';
import { ROSTER_FILE_HEADINGS, writeRosterFile, type RosterFormat } from './roster-file.js';

const HOUSEHOLDS = 300;
const SEED = 2020;

type Plain = string | number | boolean | null;

function plain(v: ConvertedValue): Plain {
  if (typeof v === 'object') return 'id' in v ? (v as ParsedId).id : (v as CellDate).date;
  return v;
}

/** What each row of the roster should say, straight from the generator's records (codes, not labels). */
function expected(h: GeneratedHousehold, members: Person[], m: Person): Partial<Record<RosterField, Plain>> {
  const head = members.find((x) => x.relation === 'head')!;
  return {
    householdNo: h.householdNo,
    countyName: h.village.township.county.name,
    townshipName: h.village.township.name,
    villageName: h.village.name,
    areaCode: h.village.code,
    headName: head.name,
    headIdNumber: head.idNumber,
    householdSize: members.length,
    householdType: h.type,
    povertyAttribute: h.povertyAttribute,
    mainCause: h.mainCause,
    secondaryCause: h.secondaryCause,
    housingGrade: h.housingGrade,
    contactPhone: h.contactPhone,
    helperName: h.helperName,
    helperUnit: h.helperUnit,
    helperPhone: h.helperPhone,
    name: m.name,
    idNumber: m.idNumber,
    relation: m.relation,
    sex: m.sex,
    birthDate: isoDate(m.birthDay),
    ethnicity: m.ethnicity,
    education: m.education,
    schoolStatus: m.schoolStatus,
    notInSchoolReason: m.notInSchoolReason,
    health: m.health,
    disabilityKind: m.disabilityKind,
    disabilityGrade: m.disabilityGrade,
    disabilityCertNo: m.disabilityCertNo,
    labourAbility: m.labour,
    employmentPlace: m.employmentPlace,
    employer: m.employer,
    monthlyWage: m.monthlyWage,
    medicalInsurance: m.medicalInsurance,
    criticalIllnessInsured: m.criticalIllnessInsured,
    pensionInsured: m.pensionInsured,
    dibao: m.dibao,
    tekun: m.tekun,
    welfarePost: m.welfarePost,
    phone: m.phone,
  };
}

async function readAll(file: string) {
  const r = await readTable(file, path.basename(file), { catalogue: ROSTER_CATALOGUE });
  if (!r.ok) throw new Error(r.rejection.message);
  const rows: TableRow<RosterField>[] = [];
  for await (const row of r.value.rows) rows.push(row);
  return { table: r.value, rows };
}

describe('demo roster file', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jingzhun-roster-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each<[RosterFormat, string]>([
    ['csv', 'roster.csv'],
    ['csv-gbk', 'roster-gbk.csv'],
    ['xlsx', 'roster.xlsx'],
  ])('writes %s that the import reader maps column by column and reads back as the generated households', async (format, name) => {
    const file = path.join(dir, name);
    const written = await writeRosterFile(file, { households: HOUSEHOLDS, seed: SEED, format });
    expect(written.households).toBe(HOUSEHOLDS);
    expect(written.bytes).toBe(fs.statSync(file).size);

    const { table, rows } = await readAll(file);
    if (format === 'csv') expect(table.csv?.encoding).toBe('utf-8');
    if (format === 'csv-gbk') expect(table.csv?.encoding).toBe('gb18030');
    // The title row above, then one header row whose every heading maps to its field (序号 to nothing).
    expect(table.header.headerRowNumbers).toEqual([2]);
    expect(table.header.columns).toHaveLength(ROSTER_FILE_HEADINGS.length);
    expect(table.header.columns.map((c) => c.field)).toEqual([null, ...ROSTER_CATALOGUE.fields.map((f) => f.key)]);
    expect(rows.length).toBe(written.members);

    const factory = householdFactory(SEED, HOUSEHOLDS);
    let i = 0;
    for (let n = 0; n < HOUSEHOLDS; n++) {
      const h = factory.next();
      const members = h.members.filter((m) => m.endedDay === null);
      for (const m of members) {
        const row = rows[i++]!;
        const want = expected(h, members, m);
        for (const [field, value] of Object.entries(want) as [RosterField, Plain][]) {
          const cell = row.raw[field];
          if (value === null) {
            expect(cell, `${field} of row ${row.rowNumber}`).toBeUndefined();
            continue;
          }
          expect(cell, `${field} of row ${row.rowNumber}`).toBeDefined();
          const kind = fieldOf(ROSTER_CATALOGUE, field)!.kind;
          const got = convertCell(kind, cell!, { date1904: table.date1904 });
          if (!got.ok) {
            // A planted malformed phone stays what it was: the reader refuses it, as the import will.
            expect(cellText(cell), `${field} of row ${row.rowNumber}`).toBe(String(value));
            continue;
          }
          // Free text comes back normalised the way the reader normalises any cell (full-width brackets…).
          const norm = kind === 'text' || kind === 'name' ? convertCell(kind, textCell(String(value))) : undefined;
          expect(plain(got.value), `${field} of row ${row.rowNumber}`).toEqual(norm?.ok ? plain(norm.value) : value);
        }
        if (format === 'xlsx') {
          // ID numbers, household numbers and phones are text cells; birth dates real dates.
          expect(row.raw.idNumber?.type).toBe('text');
          expect(row.raw.householdNo?.type).toBe('text');
          expect(row.raw.birthDate?.type).toBe('date');
        }
      }
    }
    expect(i).toBe(rows.length);
  });

  it('leaves out members who died and keeps the planted problems', async () => {
    const file = path.join(dir, 'big.csv');
    const n = 3_000;
    const written = await writeRosterFile(file, { households: n, seed: 7, format: 'csv' });
    const factory = householdFactory(7, n);
    let active = 0;
    let ended = 0;
    let planted = 0;
    for (let k = 0; k < n; k++) {
      const h = factory.next();
      active += h.members.filter((m) => m.endedDay === null).length;
      ended += h.members.length - h.members.filter((m) => m.endedDay === null).length;
      planted += h.planted.length;
    }
    expect(ended).toBeGreaterThan(0);
    expect(planted).toBeGreaterThan(0);
    expect(written.members).toBe(active);
  });

  it('encodes every character GB18030 has so that Node decodes the same text', () => {
    let text = '';
    for (let u = 0x20; u < 0x1_0000; u++) {
      if (u >= 0xd800 && u <= 0xdfff) continue;
      const ch = String.fromCharCode(u);
      try {
        encodeGb18030(ch);
        text += ch;
      } catch {
        // Only private-use code points whose GB18030 mapping changed between editions, and U+FFFD.
        expect(u === 0xfffd || (u >= 0xe000 && u <= 0xf8ff)).toBe(true);
      }
    }
    text += '𠮷𪚥\u{10FFFF}·䶮堃喆';
    expect(new TextDecoder('gb18030').decode(encodeGb18030(text))).toBe(text);
    expect([...encodeGb18030('张a')]).toEqual([0xd5, 0xc5, 0x61]);
    expect(() => encodeGb18030('\ud800x')).toThrow(RangeError);
  });
});

describe('demo roster file and the demo city', () => {
  let full: Database;
  let areasOnly: Database;
  beforeAll(async () => {
    full = await openDatabase({});
    await full.migrate();
    areasOnly = await openDatabase({});
    await areasOnly.migrate();
  });
  afterAll(async () => {
    await full?.close();
    await areasOnly?.close();
  });

  it('holds the same households, members and village codes as the demo city of that seed and size', async () => {
    await generateDemoCity(full.db, { households: HOUSEHOLDS, seed: SEED });
    const file = path.join(os.tmpdir(), `jingzhun-roster-${process.pid}.csv`);
    try {
      await writeRosterFile(file, { households: HOUSEHOLDS, seed: SEED, format: 'csv' });
      const { rows } = await readAll(file);
      const inFile = rows.map((r) => [cellText(r.raw.householdNo), cellText(r.raw.areaCode), cellText(r.raw.idNumber), cellText(r.raw.name)].join(' ')).sort();
      const inDb = await query<{ k: string }>(
        full.db,
        sql`SELECT h.household_no || ' ' || a.code || ' ' || m.id_number || ' ' || m.name AS k
            FROM members m JOIN households h ON h.id = m.household_id JOIN areas a ON a.id = h.area_id
            WHERE m.ended_on IS NULL`,
      );
      expect(inFile).toEqual(inDb.map((r) => r.k).sort());
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it('createDemoAreas writes the same areas and logins without households', async () => {
    const made = await createDemoAreas(areasOnly.db, { households: HOUSEHOLDS, seed: SEED });
    const codes = async (d: Database) => (await query<{ c: string }>(d.db, sql`SELECT code || ' ' || name || ' ' || level AS c FROM areas ORDER BY code`)).map((r) => r.c);
    expect(await codes(areasOnly)).toEqual(await codes(full));
    expect(made.areas).toBe((await codes(full)).length);
    const users = await query<{ username: string }>(areasOnly.db, sql`SELECT username FROM users ORDER BY username`);
    expect(users.map((u) => u.username)).toContain('admin');
    expect(made.logins).toHaveLength(users.length);
    const [hh] = await query<{ n: number }>(areasOnly.db, sql`SELECT count(*)::int AS n FROM households`);
    expect(hh!.n).toBe(0);
    await expect(createDemoAreas(areasOnly.db, { households: HOUSEHOLDS, seed: SEED })).rejects.toThrow(/already holds areas/);
  });
});
