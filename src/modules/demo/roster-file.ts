/**
 * The demo city's households as a household roster file (户花名册, one row per member, household fields repeated
 * on every member's row, the common government form), written WITHOUT a database: the households are those
 * generateDemoCity would write for the same seed and household count, so the file's 行政区划代码 match the villages
 * of that demo city (or of `createDemoAreas` with the same options) and it can be imported there.
 *
 * Columns: 序号, then every field of ROSTER_CATALOGUE under its Chinese label; coded values as their Chinese labels,
 * yes/no as 是/否, dates as 2020-09-01. A title row stands above the header. Formats:
 *   - `csv`: UTF-8 with a BOM, CRLF (what Excel's "CSV UTF-8" writes);
 *   - `csv-gbk`: GB18030 (what Chinese Excel's plain "CSV" writes);
 *   - `xlsx`: ExcelJS's streaming writer; ID numbers, household numbers, codes and phones as text cells, birth dates
 *     as dates, amounts and counts as numbers; strings shared (as Excel writes them) unless `sharedStrings: false`.
 *
 * Streams: memory does not grow with the file, except an .xlsx's shared-string table (every distinct string,
 * ExcelJS keeps it until the end) — pass `sharedStrings: false` for inline strings and bounded memory there too.
 * Members who died (ended) are not on the roster; the planted data problems are (see the demo README), so an
 * import of the file finds the kinds an import can see (a person in two households, a malformed phone…).
 */
import { once } from 'node:events';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { labelOf, type CodeListName } from '../../domain/codes.js';
import { ROSTER_CATALOGUE, type RosterField } from '../ingest/fields.js';
import { isoDate } from './calendar.js';
import { DEFAULT_SEED, householdFactory } from './generate.js';
import { encodeGb18030 } from './gb18030.js';
import type { GeneratedHousehold, Person } from './household.js';

export const ROSTER_FORMATS = ['csv', 'csv-gbk', 'xlsx'] as const;
export type RosterFormat = (typeof ROSTER_FORMATS)[number];

export interface RosterFileOptions {
  /** Households of the demo city (≈ 2.8 members each). */
  households: number;
  seed?: number;
  format: RosterFormat;
  /** .xlsx only: shared strings as Excel writes them (default true), or inline strings (bounded memory). */
  sharedStrings?: boolean;
  /** Called every 1,000 households and at the end. */
  onProgress?: (households: number, total: number) => void;
}

export interface RosterFileResult {
  households: number;
  /** Data rows written (members). */
  members: number;
  bytes: number;
}

/** The title above the header, as offices put one on their forms. */
export const ROSTER_TITLE = '聊城市建档立卡户家庭成员花名册（演示数据）';

type Value = string | number | boolean | null;

interface RowContext {
  readonly h: GeneratedHousehold;
  readonly head: Person;
  readonly size: number;
  readonly m: Person;
}

/** Each field's value for one member's row, before formatting (codes, booleans and dates are formatted by kind). */
const VALUES: Readonly<Record<RosterField, (r: RowContext) => Value>> = {
  householdNo: (r) => r.h.householdNo,
  countyName: (r) => r.h.village.township.county.name,
  townshipName: (r) => r.h.village.township.name,
  villageName: (r) => r.h.village.name,
  areaCode: (r) => r.h.village.code,
  headName: (r) => r.head.name,
  headIdNumber: (r) => r.head.idNumber,
  householdSize: (r) => r.size,
  householdType: (r) => r.h.type,
  povertyAttribute: (r) => r.h.povertyAttribute,
  mainCause: (r) => r.h.mainCause,
  secondaryCause: (r) => r.h.secondaryCause,
  housingGrade: (r) => r.h.housingGrade,
  contactPhone: (r) => r.h.contactPhone,
  helperName: (r) => r.h.helperName,
  helperUnit: (r) => r.h.helperUnit,
  helperPhone: (r) => r.h.helperPhone,
  name: (r) => r.m.name,
  idNumber: (r) => r.m.idNumber,
  relation: (r) => r.m.relation,
  sex: (r) => r.m.sex,
  birthDate: (r) => isoDate(r.m.birthDay),
  ethnicity: (r) => r.m.ethnicity,
  education: (r) => r.m.education,
  schoolStatus: (r) => r.m.schoolStatus,
  notInSchoolReason: (r) => r.m.notInSchoolReason,
  health: (r) => r.m.health,
  disabilityKind: (r) => r.m.disabilityKind,
  disabilityGrade: (r) => r.m.disabilityGrade,
  disabilityCertNo: (r) => r.m.disabilityCertNo,
  labourAbility: (r) => r.m.labour,
  employmentPlace: (r) => r.m.employmentPlace,
  employer: (r) => r.m.employer,
  employmentMonths: (r) => (r.m.employmentPlace === 'none' || r.m.workMonths <= 0 ? null : r.m.workMonths),
  monthlyWage: (r) => (r.m.monthlyWage === null ? null : r.m.monthlyWage.toFixed(2)),
  medicalInsurance: (r) => r.m.medicalInsurance,
  criticalIllnessInsured: (r) => r.m.criticalIllnessInsured,
  pensionInsured: (r) => r.m.pensionInsured,
  dibao: (r) => r.m.dibao,
  tekun: (r) => r.m.tekun,
  welfarePost: (r) => r.m.welfarePost,
  phone: (r) => r.m.phone,
};

type CellKind = 'text' | 'digits' | 'number' | 'date';

interface OutColumn {
  readonly label: string;
  readonly kind: CellKind;
  readonly width: number;
  /** The cell as text, as both CSV encodings write it; '' for an empty cell. */
  readonly text: (r: RowContext) => string;
}

function columnsOf(): OutColumn[] {
  const out: OutColumn[] = [{ label: '序号', kind: 'number', width: 8, text: () => '' }];
  for (const f of ROSTER_CATALOGUE.fields) {
    const get = VALUES[f.key];
    if (!get) throw new Error(`the roster file has no value for the field ${f.key}`);
    const list = f.kind.startsWith('coded:') ? (f.kind.slice('coded:'.length) as CodeListName) : undefined;
    const text = list
      ? (r: RowContext) => labelOf(list, get(r) as string | null)
      : f.kind === 'boolean'
        ? (r: RowContext) => {
            const v = get(r);
            return v === null ? '' : v ? '是' : '否';
          }
        : (r: RowContext) => {
            const v = get(r);
            return v === null ? '' : String(v);
          };
    const kind: CellKind =
      f.kind === 'id' || f.kind === 'digits' || f.kind === 'phone' ? 'digits' : f.kind === 'date' ? 'date' : f.kind === 'integer' || f.kind === 'amount' ? 'number' : 'text';
    const width = kind === 'digits' ? 21 : Math.max(8, f.label.length * 2 + 2);
    out.push({ label: f.label, kind, width, text });
  }
  return out;
}

/** The header row the file carries (序号 and the catalogue's labels). */
export const ROSTER_FILE_HEADINGS: readonly string[] = columnsOf().map((c) => c.label);

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows of the roster, household by household: the generator's households, their active members. */
function* rosterRows(opts: RosterFileOptions): Generator<RowContext | 'household'> {
  const factory = householdFactory(opts.seed ?? DEFAULT_SEED, opts.households);
  for (let i = 0; i < opts.households; i++) {
    const h = factory.next();
    const members = h.members.filter((m) => m.endedDay === null);
    const head = members.find((m) => m.relation === 'head') ?? members[0]!;
    for (const m of members) yield { h, head, size: members.length, m };
    yield 'household';
  }
}

/** Writes the roster file to `path` (replacing it). */
export async function writeRosterFile(path: string, opts: RosterFileOptions): Promise<RosterFileResult> {
  if (!ROSTER_FORMATS.includes(opts.format)) throw new RangeError(`format must be one of ${ROSTER_FORMATS.join(', ')}, got ${opts.format}`);
  const result = opts.format === 'xlsx' ? await writeXlsx(path, opts) : await writeCsv(path, opts);
  return { ...result, bytes: (await fs.promises.stat(path)).size };
}

async function writeCsv(path: string, opts: RosterFileOptions): Promise<Omit<RosterFileResult, 'bytes'>> {
  const columns = columnsOf();
  const gbk = opts.format === 'csv-gbk';
  const out = fs.createWriteStream(path);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  const write = async (text: string) => {
    const ok = out.write(gbk ? encodeGb18030(text) : text);
    if (!ok) await Promise.race([once(out, 'drain'), failed]);
  };
  // Excel writes a merged title row as the title followed by empty cells.
  let chunk = `${gbk ? '' : '\uFEFF'}${csvField(ROSTER_TITLE)}${','.repeat(columns.length - 1)}\r\n${columns.map((c) => csvField(c.label)).join(',')}\r\n`;
  let members = 0;
  let households = 0;
  for (const r of rosterRows(opts)) {
    if (r === 'household') {
      households++;
      if (households % 1_000 === 0) opts.onProgress?.(households, opts.households);
      continue;
    }
    members++;
    let line = String(members);
    for (let c = 1; c < columns.length; c++) line += ',' + csvField(columns[c]!.text(r));
    chunk += line + '\r\n';
    if (chunk.length >= 256 * 1024) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
  opts.onProgress?.(households, opts.households);
  return { households, members };
}

async function writeXlsx(path: string, opts: RosterFileOptions): Promise<Omit<RosterFileResult, 'bytes'>> {
  const columns = columnsOf();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: opts.sharedStrings ?? true });
  const ws = wb.addWorksheet('花名册', { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = columns.map((c) => ({
    width: c.width,
    style: c.kind === 'digits' ? { numFmt: '@' } : c.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : {},
  }));
  const title = ws.addRow([ROSTER_TITLE]);
  title.font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, columns.length);
  title.commit();
  const header = ws.addRow(columns.map((c) => c.label));
  header.font = { bold: true };
  header.commit();
  // ExcelJS has no backpressure: committed rows wait in the stream that feeds the zip's deflate, which takes one
  // chunk per turn of the event loop. Wait while more than 4 MB wait there, so memory stays flat at any size.
  const drained = async () => {
    const started = Date.now();
    do await new Promise<void>((resolve) => setImmediate(resolve));
    while (zipBacklog(ws) > 4 * 1024 * 1024 && Date.now() - started < 10_000);
  };
  let members = 0;
  let households = 0;
  for (const r of rosterRows(opts)) {
    if (r === 'household') {
      households++;
      if (households % 1_000 === 0) opts.onProgress?.(households, opts.households);
      if (households % 32 === 0) await drained();
      continue;
    }
    members++;
    const cells: (string | number | Date | null)[] = [members];
    for (let c = 1; c < columns.length; c++) {
      const col = columns[c]!;
      const t = col.text(r);
      if (t === '') cells.push(null);
      else if (col.kind === 'number') cells.push(Number(t));
      else if (col.kind === 'date') cells.push(new Date(`${t}T00:00:00Z`));
      else cells.push(t);
    }
    ws.addRow(cells).commit();
  }
  ws.commit();
  await wb.commit();
  opts.onProgress?.(households, opts.households);
  return { households, members };
}

/** Bytes the worksheet has committed that the zip has not taken yet (ExcelJS 4.4 internals; 0 if they differ). */
function zipBacklog(ws: ExcelJS.Worksheet): number {
  const pipe = (ws as unknown as { stream?: { pipes?: { _writableState?: { length?: number } }[] } }).stream?.pipes?.[0];
  return pipe?._writableState?.length ?? 0;
}
