/** 帮扶措施 of a household (src/modules/measures/API.md). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from './client';

export interface Measure {
  id: number;
  householdId: number;
  memberId: number | null;
  memberName: string | null;
  kind: string;
  startOn: string;
  endOn: string | null;
  yearlyValue: number | null;
  responsibleUnit: string | null;
  note: string | null;
  source: 'manual' | 'gap_plan';
  planId: number | null;
  endReason: string | null;
  version: number;
  createdAt: string;
}

export interface MeasureInput {
  kind: string;
  memberId?: number | null;
  startOn: string;
  endOn?: string | null;
  yearlyValue?: number | null;
  responsibleUnit?: string | null;
  note?: string | null;
}

/** Kinds that bring the household a yearly income (src/domain/measures.ts PAYING_MEASURE_KINDS). */
export const PAYING_KINDS = ['industry', 'employment', 'welfare_post', 'safety_net_dibao', 'safety_net_tekun', 'social_help', 'consumption', 'dividend'];

export const measuresApi = {
  list: (householdId: number) => http.get<{ items: Measure[] }>(`/households/${householdId}/measures`),
  add: (householdId: number, input: MeasureInput) => http.post<Measure>(`/households/${householdId}/measures`, input),
  end: (id: number, body: { version: number; endOn: string; reason: string }) => http.post<Measure>(`/measures/${id}/end`, body),
};

export function useMeasures(householdId: number) {
  return useQuery({ queryKey: ['measures', householdId], queryFn: () => measuresApi.list(householdId), enabled: householdId > 0 });
}

/** A measure changes the household's history and its income projection. */
function useInvalidate(householdId: number) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['measures', householdId] }),
      queryClient.invalidateQueries({ queryKey: ['households', 'history', householdId] }),
      queryClient.invalidateQueries({ queryKey: ['preassessment'] }),
    ]);
}

export function useAddMeasure(householdId: number) {
  const invalidate = useInvalidate(householdId);
  return useMutation({ mutationFn: (input: MeasureInput) => measuresApi.add(householdId, input), onSuccess: invalidate });
}

export function useEndMeasure(householdId: number) {
  const invalidate = useInvalidate(householdId);
  return useMutation({
    mutationFn: ({ id, ...body }: { id: number; version: number; endOn: string; reason: string }) => measuresApi.end(id, body),
    onSuccess: invalidate,
  });
}
