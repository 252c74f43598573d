import { maskIdNumber } from '../../domain/id-number.js';

/** What a rule's hit is about — household, place, person, evidence — as preview and finding rows carry it. */
export interface TargetRow extends Record<string, unknown> {
  household_id: number;
  household_no: string;
  village_name: string;
  township_name: string | null;
  county_name: string | null;
  member_id: number | null;
  member_name: string | null;
  id_number: string | null;
  evidence: Record<string, string | number | boolean | null>;
}

/** The ID number masked unless the caller asked for it in full and may see it. */
export function presentTarget(r: TargetRow, revealIds = false) {
  return {
    householdId: r.household_id,
    householdNo: r.household_no,
    villageName: r.village_name,
    townshipName: r.township_name,
    countyName: r.county_name,
    memberId: r.member_id,
    memberName: r.member_name,
    idNumber: r.id_number == null ? null : revealIds ? r.id_number : maskIdNumber(r.id_number),
    evidence: r.evidence,
  };
}
