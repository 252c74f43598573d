/**
 * 自定义数据类型: dataset types the city adds beside the built-in ones (another department, another list). They are
 * stored here and loaded into the catalogue (domain/departments) before anything reads it — uploads, the catalogue
 * page, rule checks and runs — so a type added on one server is known to every process sharing the database.
 */
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../db/client.js';
import { CODE_LISTS, codesOf, DEPARTMENTS, type CodeListName } from '../../domain/codes.js';
import { IDENTITY_COLUMNS, isBuiltInDatasetType, setAddedDatasetTypes, type DatasetColumn, type DatasetType } from '../../domain/departments/datasets.js';
import { COLLECTIONS } from '../../domain/rules/index.js';
import { AppError, notFound, versionConflict } from '../../errors.js';
import { requirePermission, type Actor } from '../accounts/access.js';
import { recordAudit } from '../audit/service.js';
import { deptDatasetTypes } from './schema.js';

const PLAIN_KINDS = ['text', 'date', 'amount', 'integer', 'boolean', 'digits'] as const;
const kind = z.string().refine((k) => (PLAIN_KINDS as readonly string[]).includes(k) || (k.startsWith('coded:') && k.slice(6) in CODE_LISTS), {
  message: `应为 ${PLAIN_KINDS.join('、')} 或 coded:代码表名 / one of ${PLAIN_KINDS.join(', ')} or coded:<list>`,
});

export const datasetTypeInput = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{2,39}$/, '代码为 3–40 位小写字母、数字或下划线，字母开头 / 3–40 lower-case letters, digits or _'),
  department: z.enum(codesOf(DEPARTMENTS)),
  zh: z.string().trim().min(1).max(40),
  en: z.string().trim().min(1).max(80),
  description: z.string().trim().min(1).max(300),
  columns: z
    .array(
      z.object({
        key: z.string().regex(/^[a-z][A-Za-z0-9]{0,39}$/, '列代码为字母开头的字母或数字 / letters and digits, starting with a letter'),
        label: z.string().trim().min(1).max(40),
        labelEn: z.string().trim().min(1).max(80),
        synonyms: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
        kind,
        required: z.boolean().default(false),
      }),
    )
    .min(1)
    .max(30),
});
export type DatasetTypeInput = z.infer<typeof datasetTypeInput>;

type Row = typeof deptDatasetTypes.$inferSelect;

function toType(r: Row): DatasetType {
  return { code: r.code, department: r.department as DatasetType['department'], zh: r.zh, en: r.en, description: r.description, columns: r.columns as DatasetColumn[] };
}

/** Reads the city's types into the catalogue; cheap (a handful of rows), so callers do it before each use. */
export async function loadAddedDatasetTypes(db: DbOrTx): Promise<void> {
  const rows = await db.select().from(deptDatasetTypes).orderBy(asc(deptDatasetTypes.code));
  setAddedDatasetTypes(rows.map(toType));
}

function validate(input: DatasetTypeInput): void {
  if (isBuiltInDatasetType(input.code) || input.code in COLLECTIONS)
    throw new AppError('ALREADY_EXISTS', `${input.code} is a built-in name`, `代码"${input.code}"已被内置数据类型或规则语言使用`);
  const keys = new Set<string>();
  for (const c of input.columns) {
    if (keys.has(c.key) || IDENTITY_COLUMNS.some((i) => i.key === c.key) || c.key === 'as_of')
      throw new AppError('VALIDATION_FAILED', `Column ${c.key} is repeated or reserved`, `列代码"${c.key}"重复或为保留字（身份证号、姓名、性别、出生日期、所在村由系统提供）`, { issues: [{ path: 'columns', message: c.key }] });
    keys.add(c.key);
  }
}

const columnsOf = (input: DatasetTypeInput): DatasetColumn[] =>
  input.columns.map((c) => ({ key: c.key, label: c.label, labelEn: c.labelEn, synonyms: c.synonyms, kind: c.kind as DatasetColumn['kind'], required: c.required }));

export async function addDatasetType(db: DbOrTx, actor: Actor, input: DatasetTypeInput) {
  requirePermission(actor, 'rules.manage');
  validate(input);
  const [dup] = await db.select({ code: deptDatasetTypes.code }).from(deptDatasetTypes).where(eq(deptDatasetTypes.code, input.code));
  if (dup) throw new AppError('ALREADY_EXISTS', `Dataset type ${input.code} exists`, `数据类型"${input.code}"已存在`);
  const [row] = await db
    .insert(deptDatasetTypes)
    .values({ code: input.code, department: input.department, zh: input.zh, en: input.en, description: input.description, columns: columnsOf(input), userId: actor.userId, username: actor.username })
    .returning();
  await recordAudit(db, actor, { action: 'create', entity: 'dept_dataset_type', entityId: input.code, areaPath: actor.areaPath, newValues: { ...input } });
  await loadAddedDatasetTypes(db);
  return { ...toType(row!), builtIn: false, version: row!.version };
}

/** Labels, synonyms and columns can change; rules reading a column that went away fail at their next run, named. */
export async function updateDatasetType(db: DbOrTx, actor: Actor, code: string, input: DatasetTypeInput & { version: number }) {
  requirePermission(actor, 'rules.manage');
  if (input.code !== code) throw new AppError('VALIDATION_FAILED', 'The code cannot change', '数据类型代码不能修改');
  validate(input);
  const [old] = await db.select().from(deptDatasetTypes).where(eq(deptDatasetTypes.code, code));
  if (!old) throw notFound(`Dataset type ${code}`, '自定义数据类型');
  if (old.version !== input.version) throw versionConflict(old);
  const [row] = await db
    .update(deptDatasetTypes)
    .set({ department: input.department, zh: input.zh, en: input.en, description: input.description, columns: columnsOf(input), version: old.version + 1, updatedAt: new Date() })
    .where(eq(deptDatasetTypes.code, code))
    .returning();
  await recordAudit(db, actor, { action: 'update', entity: 'dept_dataset_type', entityId: code, areaPath: actor.areaPath, oldValues: { ...toType(old) }, newValues: { ...input } });
  await loadAddedDatasetTypes(db);
  return { ...toType(row!), builtIn: false, version: row!.version };
}

export const CODE_LIST_NAMES = Object.keys(CODE_LISTS) as CodeListName[];
