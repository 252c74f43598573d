/**
 * Department records in the rule language: `exists(school_enrolment where record.status = 'enrolled')`. Each dataset
 * type (domain/departments) is a collection; inside it `record.<column>` reads the matched record's value. A member
 * rule ranges over the records matched to the member, a household rule over those of its active members (and there
 * `member.*` is the matched member).
 */
import { CODE_LISTS, type CodeListName } from '../codes.js';
import { datasetType, type ColumnKind, type DatasetType } from '../departments/datasets.js';
import { normalise, type FieldDef } from './fields.js';
import type { ValueType } from './types.js';

export function columnValueType(kind: ColumnKind): ValueType {
  if (kind === 'date') return 'date';
  if (kind === 'amount' || kind === 'integer') return 'number';
  if (kind === 'boolean') return 'bool';
  return 'text';
}

const CAST: Record<ValueType, string> = { number: '::numeric', date: '::date', bool: '::boolean', text: '' };

function recordField(type: DatasetType, key: string, valueType: ValueType, zh: string, en: string, codeList?: CodeListName): FieldDef {
  return {
    path: `record.${key}`,
    scope: 'record',
    type: valueType,
    zh: `${type.zh}：${zh}`,
    en: `${type.en}: ${en}`,
    ...(codeList ? { codes: CODE_LISTS[codeList] } : {}),
    sql: (s) => (key === 'as_of' ? `${s.record}.as_of` : `(${s.record}.data->>'${key}')${CAST[valueType]}`),
    js: (s) => normalise(valueType, key === 'as_of' ? s.record?.as_of : (s.record?.data as Record<string, unknown> | undefined)?.[key]),
  };
}

/** By type object: a city-added type that is edited is a new object, so its fields are worked out again. */
const cache = new WeakMap<DatasetType, FieldDef[]>();

/** The `record.*` fields of one dataset type: its own columns and the snapshot's as-of date. */
export function recordFields(code: string): FieldDef[] {
  const type = datasetType(code);
  if (!type) return [];
  const hit = cache.get(type);
  if (hit) return hit;
  const fields = [
    ...type.columns.map((c) => recordField(type, c.key, columnValueType(c.kind), c.label, c.labelEn, c.kind.startsWith('coded:') ? (c.kind.slice(6) as CodeListName) : undefined)),
    recordField(type, 'as_of', 'date', '数据截止日期', 'As of'),
  ];
  cache.set(type, fields);
  return fields;
}

export function recordFieldByPath(code: string, path: string): FieldDef | undefined {
  return recordFields(code).find((f) => f.path === path);
}

export function isDatasetCollection(name: string): boolean {
  return datasetType(name) !== undefined;
}
