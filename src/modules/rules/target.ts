import { maskIdNumber } from '../../domain/id-number.js';
import { presentHouseholdPlace, type HouseholdPlaceRow } from '../registry/presenter.js';

/** What a rule's hit is about — household, place, person, evidence — as preview and finding rows carry it. */
export interface TargetRow extends HouseholdPlaceRow, Record<string, unknown> {
  member_id: number | null;
  member_name: string | null;
  id_number: string | null;
  evidence: Record<string, string | number | boolean | null>;
}

/** The ID number masked unless the caller asked for it in full and may see it. */
export function presentTarget(r: TargetRow, revealIds = false) {
  return {
    ...presentHouseholdPlace(r),
    memberId: r.member_id,
    memberName: r.member_name,
    idNumber: r.id_number == null ? null : revealIds ? r.id_number : maskIdNumber(r.id_number),
    evidence: r.evidence,
  };
}
