import { parseIdNumber } from '../../domain/id-number.js';
import { AppError } from '../../errors.js';

export interface Identity {
  idNumber: string;
  sex: 'male' | 'female';
  birthDate: string;
}

/**
 * Validates a member's ID number and makes sex and birth date agree with it: both are encoded in the number, so a
 * form that says otherwise is wrong, not a second opinion. `path` names the field in the error (e.g. members.2).
 */
export function identityFrom(
  input: { idNumber: string; sex?: string | null | undefined; birthDate?: string | null | undefined },
  path = '',
): Identity {
  const field = (f: string) => (path ? `${path}.${f}` : f);
  const parsed = parseIdNumber(input.idNumber);
  if (!parsed.ok) {
    throw new AppError(
      'VALIDATION_FAILED',
      `ID number ${JSON.stringify(input.idNumber)}: ${parsed.error.message}`,
      `身份证号“${input.idNumber}”：${parsed.error.messageZh}`,
      { issues: [{ path: field('idNumber'), code: parsed.error.code, message: parsed.error.messageZh }] },
    );
  }
  const { id, sex, birthDate } = parsed.value;
  const issues: { path: string; message: string }[] = [];
  if (input.sex && input.sex !== sex) {
    issues.push({ path: field('sex'), message: `性别与身份证号不符（身份证号为${sex === 'male' ? '男' : '女'}）` });
  }
  if (input.birthDate && input.birthDate !== birthDate) {
    issues.push({ path: field('birthDate'), message: `出生日期与身份证号不符（身份证号为${birthDate}）` });
  }
  if (issues.length) {
    throw new AppError('VALIDATION_FAILED', 'Sex or birth date disagree with the ID number', '性别或出生日期与身份证号不符', {
      issues,
    });
  }
  return { idNumber: id, sex, birthDate };
}
