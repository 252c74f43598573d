import { z } from 'zod';
import { codesOf, MEASURE_KINDS } from '../../domain/codes.js';
import { isoDate } from '../registry/inputs.js';

export const measureKind = z.enum(codesOf(MEASURE_KINDS), {
  error: () => `应为以下之一 / one of: ${MEASURE_KINDS.map((k) => `${k.code}(${k.zh})`).join(', ')}`,
});

export const newMeasure = z.object({
  kind: measureKind,
  memberId: z.number().int().positive().nullable().optional(),
  startOn: isoDate,
  endOn: isoDate.nullable().optional(),
  /** Yuan per year; only for kinds that pay the household. */
  yearlyValue: z.number().finite().min(0).max(10_000_000).nullable().optional(),
  responsibleUnit: z.string().trim().max(100).nullable().optional(),
  note: z.string().trim().max(500).nullable().optional(),
});
export type NewMeasure = z.infer<typeof newMeasure>;

export const endMeasure = z.object({
  version: z.number().int().positive(),
  endOn: isoDate,
  reason: z.string().trim().min(1).max(200),
});
export type EndMeasure = z.infer<typeof endMeasure>;
