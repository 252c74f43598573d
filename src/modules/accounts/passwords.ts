import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../../errors.js';

// argon2id with the library's defaults (19 MiB, t=2), the OWASP baseline; fast enough for a login (~30 ms here).
export const hashPassword = (plain: string) => hash(plain);

export async function verifyPassword(hashed: string, plain: string): Promise<boolean> {
  try {
    return await verify(hashed, plain);
  } catch {
    return false;
  }
}

/** A hash of nothing, verified against when the user does not exist, so both paths take the same time. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hash('decoy-password-never-matches');
  return decoy;
}

export function checkPasswordStrength(password: string): void {
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (password.length < 8 || classes < 2) {
    throw new AppError(
      'VALIDATION_FAILED',
      'The password needs at least 8 characters and two of: lower case, upper case, digits, symbols',
      '密码至少8位，且包含小写字母、大写字母、数字、符号中的两种',
      { issues: [{ path: 'password', message: '密码至少8位，且包含两类字符' }] },
    );
  }
}
