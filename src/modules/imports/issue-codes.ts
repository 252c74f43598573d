/**
 * What an import check can say about a row, as a catalogue: code, severity, and the message in Chinese (for the
 * person fixing the file) and English. Cell-level problems carry the converter's own reason (CELL_INVALID).
 */
export type IssueSeverity = 'error' | 'warning';

interface IssueDef {
  readonly severity: IssueSeverity;
  readonly zh: string;
  readonly en: string;
}

export const ISSUE_CODES = {
  CELL_INVALID: { severity: 'error', zh: '{reason}', en: '{reasonEn}' },
  /** An ID number typed into a number cell: Excel kept 15 digits. */
  ID_DAMAGED_BY_EXCEL: { severity: 'error', zh: '{reason}', en: '{reasonEn}' },
  REQUIRED: { severity: 'error', zh: '“{label}”不能为空。', en: '{labelEn} is required.' },
  ID_DISAGREES: { severity: 'error', zh: '{label}与身份证号不符（身份证号为{expected}）。', en: '{labelEn} disagrees with the ID number ({expectedEn}).' },
  NO_HOUSEHOLD_KEY: {
    severity: 'error',
    zh: '无法确定所属家庭：请填写户编号，或户主身份证号，或本人为户主。',
    en: 'Cannot tell which household the row belongs to: give the household number, the head’s ID number, or mark the person as head.',
  },
  DUPLICATE_PERSON: { severity: 'error', zh: '同一身份证号在本户重复出现（另见{related}）。', en: 'The same ID number appears twice in the household (see also {related}).' },
  PERSON_IN_TWO_HOUSEHOLDS: {
    severity: 'error',
    zh: '同一身份证号出现在文件中的两户（另见{related}）。',
    en: 'The same ID number is in two households of the file (see also {related}).',
  },
  PERSON_IN_OTHER_HOUSEHOLD: {
    severity: 'error',
    zh: '此人已在{expected}中在册：请先在原户办理减员，再导入。',
    en: 'The person is already active in {expectedEn}: end the membership there first.',
  },
  TWO_HEADS: { severity: 'error', zh: '一户有两位户主（另见{related}{expected}）。', en: 'The household has two heads (see also {related}{expectedEn}).' },
  NO_HEAD: { severity: 'error', zh: '该户没有户主：请在“与户主关系”中标明户主。', en: 'The household has no head: mark the head in the relation column.' },
  AREA_UNKNOWN: {
    severity: 'error',
    zh: '找不到该户所在的村：请填写12位行政区划代码，或正确的县、乡镇、村名称。',
    en: 'The household’s village cannot be found: give its 12-digit area code, or the right county, township and village names.',
  },
  AREA_NOT_VILLAGE: { severity: 'error', zh: '行政区划代码{value}不是村级代码。', en: 'Area code {value} is not a village’s code.' },
  AREA_MOVED: {
    severity: 'error',
    zh: '该户已登记在{expected}，与文件中的村（{value}）不同：跨村迁移请在系统中办理。',
    en: 'The household is registered in {expectedEn}, not in the file’s village ({value}): move households between villages in the registry.',
  },
  OUT_OF_SCOPE: { severity: 'error', zh: '该户不在您的管辖范围（{expected}）内。', en: 'The household is outside your area ({expectedEn}).' },
  NEW_HOUSEHOLD_FIELD: { severity: 'error', zh: '新建户必须填写“{label}”。', en: 'A new household needs {labelEn}.' },
  NEW_MEMBER_FIELD: { severity: 'error', zh: '新增成员必须填写“{label}”。', en: 'A new member needs {labelEn}.' },
  HOUSEHOLD_FIELD_CONFLICT: {
    severity: 'warning',
    zh: '“{label}”与户主行（{related}）不一致，以户主行为准。',
    en: '{labelEn} differs from the head’s row ({related}); the head’s row is used.',
  },
  HEAD_NAME_MISMATCH: { severity: 'warning', zh: '户主姓名“{value}”与户主行的姓名“{expected}”不一致。', en: 'Head’s name “{value}” differs from the name on the head’s row “{expectedEn}”.' },
  SIZE_MISMATCH: { severity: 'warning', zh: '家庭人口数为{value}，但该户有{expected}人。', en: 'Household size says {value}, but the household has {expectedEn} people.' },
  HOUSEHOLD_HELD_BACK: {
    severity: 'warning',
    zh: '同户其他行有错误，整户暂不导入（见{related}）。',
    en: 'Another row of the household has an error, so the whole household is held back (see {related}).',
  },
} as const satisfies Record<string, IssueDef>;

export type IssueCode = keyof typeof ISSUE_CODES;

export function severityOf(code: IssueCode): IssueSeverity {
  return ISSUE_CODES[code].severity;
}

/** Fills a message template; a missing parameter stays visible rather than becoming "undefined". */
export function formatIssue(template: string, params: Readonly<Record<string, string | number | null | undefined>>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => {
    const v = params[k];
    return v === undefined || v === null ? m : String(v);
  });
}

export function issueMessages(code: IssueCode, params: Readonly<Record<string, string | number | null | undefined>> = {}): { message: string; messageEn: string } {
  const def = ISSUE_CODES[code];
  return { message: formatIssue(def.zh, params), messageEn: formatIssue(def.en, params) };
}

/** How a row is named in a message: 第12行, or 表“冠县”第12行 when the file has several sheets. */
export function rowRef(sheet: string, rowNumber: number, severalSheets: boolean): { zh: string; en: string } {
  return severalSheets ? { zh: `工作表“${sheet}”第${rowNumber}行`, en: `sheet “${sheet}” row ${rowNumber}` } : { zh: `第${rowNumber}行`, en: `row ${rowNumber}` };
}
