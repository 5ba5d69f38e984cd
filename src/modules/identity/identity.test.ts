import { describe, expect, it } from 'vitest';
import { createIdCipher } from './id-cipher.ts';
import { checkIdNumber, idCheckChar, maskIdNumber } from './id-number.ts';
import { deriveKeys } from './keys.ts';
import { checkUnitCode, creditCodeCheckChar } from './unit-code.ts';

describe('resident ID numbers (GB 11643)', () => {
  it('accepts a number whose check digit holds and reads birth date and gender from it', () => {
    expect(checkIdNumber('11010519491231002X')).toEqual({
      ok: true,
      idNumber: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: 'female',
    });
    const male = checkIdNumber(`32090219800101001${idCheckChar('32090219800101001')}`);
    expect(male.ok && male.gender).toBe('male');
  });

  it('normalises a lowercase x', () => {
    expect(checkIdNumber('11010519491231002x').ok).toBe(true);
  });

  it('refuses a wrong check digit, an impossible birth date, a future birth and a wrong length', () => {
    expect(checkIdNumber('110105194912310021')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('校验码'),
    });
    const feb30 = `32090219800230001`;
    expect(checkIdNumber(feb30 + idCheckChar(feb30))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('出生日期'),
    });
    const future = '32090220300101001';
    expect(checkIdNumber(future + idCheckChar(future), '2026-11-21').ok).toBe(false);
    expect(checkIdNumber('3209021980010100').ok).toBe(false);
  });

  it('masks all but the region and the last four characters', () => {
    expect(maskIdNumber('320902198001010014')).toBe('320902********0014');
  });
});

describe('unit codes (GB 32100)', () => {
  it('verifies the check character of an 18-character credit code', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(checkUnitCode('91350100M000100Y43')).toEqual({ ok: true, code: '91350100M000100Y43' });
    expect(checkUnitCode('91350100M000100Y44')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('校验码'),
    });
  });

  it('accepts internal codes of letters and digits of another length and refuses other characters', () => {
    expect(checkUnitCode('QS001').ok).toBe(true);
    expect(checkUnitCode('QS-001').ok).toBe(false);
  });
});

describe('ID number protection', () => {
  const cipher = createIdCipher(deriveKeys(Buffer.alloc(32, 1)));

  it('encrypts with SM4 so the stored text never holds the number, and reveals it again', () => {
    const stored = cipher.protect('320902198001010014');
    expect(stored.idCipher).not.toContain('320902');
    expect(cipher.reveal(stored.idCipher)).toBe('320902198001010014');
    expect(stored.idMasked).toBe('320902********0014');
  });

  it('finds the same number by the same keyed index, and not with another key', () => {
    expect(cipher.protect('320902198001010014').idIndex).toBe(cipher.index('320902198001010014'));
    const other = createIdCipher(deriveKeys(Buffer.alloc(32, 2)));
    expect(other.index('320902198001010014')).not.toBe(cipher.index('320902198001010014'));
  });
});
