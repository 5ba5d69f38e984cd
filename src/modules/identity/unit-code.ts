/**
 * 机构代码: an 18-character 统一社会信用代码 (GB 32100-2015) whose check character must hold, or an
 * internal code of letters and digits of another length.
 */

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export function creditCodeCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CHARSET.indexOf(first17[i] ?? '');
    if (value < 0) return null;
    sum += value * WEIGHTS[i]!;
  }
  return CHARSET[(31 - (sum % 31)) % 31]!;
}

export type UnitCodeCheck = { ok: true; code: string } | { ok: false; reason: string };

export function checkUnitCode(raw: string): UnitCodeCheck {
  const code = raw.trim().toUpperCase();
  if (!/^[0-9A-Z]{1,32}$/.test(code))
    return { ok: false, reason: '机构代码只能由字母和数字组成（不超过32位）' };
  if (code.length !== 18) return { ok: true, code };
  const check = creditCodeCheckChar(code.slice(0, 17));
  if (check === null) return { ok: false, reason: '统一社会信用代码含有不允许的字符（不使用I、O、Z、S、V）' };
  if (check !== code[17]) return { ok: false, reason: '统一社会信用代码校验码错误' };
  return { ok: true, code };
}
