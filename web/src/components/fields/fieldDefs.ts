/**
 * Field definitions shared by the read view (Descriptions) and the edit form of one record section, so a field's
 * label, control and value conversion are declared once.
 */
import type { CodeListName } from '../../api/types';
import { translate, type Lang, type MessageKey } from '../../i18n';
import { zh } from '../../i18n/zh';
import { fromDateString, toDateString, toNumber } from '../../utils/format';
import type { Dayjs } from 'dayjs';

export type FieldKind = 'text' | 'textarea' | 'code' | 'bool' | 'flag' | 'number' | 'money' | 'date' | 'year';

export interface FieldDef {
  name: string;
  kind: FieldKind;
  /** Coded list for `code` fields. */
  list?: CodeListName;
  required?: boolean;
  min?: number;
  max?: number;
}

export type FormValues = Record<string, unknown>;
type Plain = string | number | boolean | null;

/** Labels follow the `f.<field>` convention; unknown fields (e.g. new ones in history) show their raw name. */
export function fieldLabel(lang: Lang, name: string): string {
  const key = `f.${name}`;
  return key in zh ? translate(lang, key as MessageKey) : name;
}

export function toFormValue(def: FieldDef, value: unknown): unknown {
  switch (def.kind) {
    case 'date':
      return fromDateString(typeof value === 'string' ? value : null);
    case 'bool':
      // Tri-state: null means "not surveyed", which a checkbox could not show.
      return value === true ? 'true' : value === false ? 'false' : undefined;
    case 'flag':
      return value === true;
    case 'number':
    case 'money':
    case 'year':
      return toNumber(value as number | string | null) ?? undefined;
    case 'code':
      return value ?? undefined;
    default:
      return value ?? '';
  }
}

export function fromFormValue(def: FieldDef, value: unknown): Plain {
  switch (def.kind) {
    case 'date':
      return toDateString(value as Dayjs | null | undefined);
    case 'bool':
      return value === 'true' ? true : value === 'false' ? false : null;
    case 'flag':
      return value === true;
    case 'number':
    case 'money':
    case 'year':
      return typeof value === 'number' ? value : toNumber(value as string | null | undefined);
    case 'code':
      return typeof value === 'string' && value !== '' ? value : null;
    default: {
      const text = typeof value === 'string' ? value.trim() : '';
      return text === '' ? null : text;
    }
  }
}

export function toFormValues(defs: FieldDef[], record: object | undefined): FormValues {
  const source = (record ?? {}) as Record<string, unknown>;
  return Object.fromEntries(defs.map((d) => [d.name, toFormValue(d, source[d.name])]));
}

export function fromFormValues(defs: FieldDef[], values: FormValues): Record<string, Plain> {
  return Object.fromEntries(defs.map((d) => [d.name, fromFormValue(d, values[d.name])]));
}

/** Only what the user actually changed, so the audit trail records real edits and concurrent edits of other fields merge. */
export function changedValues(defs: FieldDef[], record: object, values: FormValues): Record<string, Plain> {
  const before = fromFormValues(defs, toFormValues(defs, record));
  const after = fromFormValues(defs, values);
  return Object.fromEntries(Object.entries(after).filter(([name, value]) => before[name] !== value));
}
