/** 公民身份号码 (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence, check character. */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

export type Gender = 'male' | 'female';

export type IdNumberCheck =
  { ok: true; idNumber: string; birthDate: string; gender: Gender } | { ok: false; reason: string };

/** The check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Validates an ID number: 18 characters, a real birth date no later than `today`, the check
 * character. A lowercase x is accepted and normalised.
 */
export function checkIdNumber(raw: string, today = '9999-12-31'): IdNumberCheck {
  const idNumber = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(idNumber))
    return { ok: false, reason: '公民身份号码应为18位（前17位数字，末位数字或X）' };
  const year = Number(idNumber.slice(6, 10));
  const month = Number(idNumber.slice(10, 12));
  const day = Number(idNumber.slice(12, 14));
  if (year < 1900 || !isRealDate(year, month, day))
    return { ok: false, reason: '公民身份号码中的出生日期无效' };
  const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  if (birthDate > today) return { ok: false, reason: '公民身份号码中的出生日期晚于今天' };
  if (idCheckChar(idNumber.slice(0, 17)) !== idNumber[17])
    return { ok: false, reason: '公民身份号码校验码错误' };
  return { ok: true, idNumber, birthDate, gender: Number(idNumber[16]) % 2 === 1 ? 'male' : 'female' };
}

/** What roles without the right to see ID numbers are shown: `320902********0014`. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length < 10) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 6)}${'*'.repeat(idNumber.length - 10)}${idNumber.slice(-4)}`;
}
