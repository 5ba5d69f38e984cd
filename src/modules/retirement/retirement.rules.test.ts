import { describe, expect, it } from 'vitest';
import {
  defaultRetirementGroup,
  type RetirementGroup,
  retirementMonthIndex,
  statutoryRetirement,
} from './retirement.rules.ts';

// [behaviour, birth month, age in months, age, retirement month]: every figure worked out by hand
// from RULES.md, never from the code.
type Case = [string, string, number, string, string];

function expectRetirement(group: RetirementGroup) {
  return (_behaviour: string, birth: string, ageMonths: number, age: string, retireOn: string) => {
    expect(statutoryRetirement(birth, group)).toEqual({ ageMonths, age, retireOn });
  };
}

describe('men: 60, one month later for every 4 birth months from 1965-01, at most 36', () => {
  it.each<Case>([
    ['retires at 60 when born before 1965-01', '1964-12', 720, '60岁', '2024-12'],
    [
      'retires one month later when born in 1965-01, the first delayed month',
      '1965-01',
      721,
      '60岁1个月',
      '2025-02',
    ],
    ['keeps the one-month delay to the last month of the first band', '1965-04', 721, '60岁1个月', '2025-05'],
    ['is delayed two months from the first month of the second band', '1965-05', 722, '60岁2个月', '2025-07'],
    ['is delayed 19 months in the band of 1971-01 to 1971-04', '1971-03', 739, '61岁7个月', '2032-10'],
    ['is delayed 35 months in the last band below the maximum', '1976-08', 755, '62岁11个月', '2039-07'],
    ['reaches 63 in 1976-09, the first month at the maximum', '1976-09', 756, '63岁', '2039-09'],
    ['stays at 63 the month after', '1976-10', 756, '63岁', '2039-10'],
    ['stays at 63 when the bands would give a 37th month', '1977-01', 756, '63岁', '2040-01'],
    ['stays at 63 long after', '2000-06', 756, '63岁', '2063-06'],
  ])('%s', expectRetirement('male'));
});

describe('women in the 55 group: one month later for every 4 birth months from 1970-01, at most 36', () => {
  it.each<Case>([
    ['retires at 55 when born before 1970-01', '1969-12', 660, '55岁', '2024-12'],
    [
      'retires one month later when born in 1970-01, the first delayed month',
      '1970-01',
      661,
      '55岁1个月',
      '2025-02',
    ],
    ['keeps the one-month delay to the last month of the first band', '1970-04', 661, '55岁1个月', '2025-05'],
    ['is delayed two months from the first month of the second band', '1970-05', 662, '55岁2个月', '2025-07'],
    ['is delayed 17 months in the band of 1975-06 to 1975-09', '1975-06', 677, '56岁5个月', '2031-11'],
    ['is delayed 35 months in the last band below the maximum', '1981-08', 695, '57岁11个月', '2039-07'],
    ['reaches 58 in 1981-09, the first month at the maximum', '1981-09', 696, '58岁', '2039-09'],
    ['stays at 58 the month after', '1981-10', 696, '58岁', '2039-10'],
    ['stays at 58 when the bands would give a 37th month', '1982-01', 696, '58岁', '2040-01'],
    ['stays at 58 long after', '1995-03', 696, '58岁', '2053-03'],
  ])('%s', expectRetirement('female_cadre'));
});

describe('women in the 50 group: one month later for every 2 birth months from 1975-01, at most 60', () => {
  it.each<Case>([
    ['retires at 50 when born before 1975-01', '1974-12', 600, '50岁', '2024-12'],
    [
      'retires one month later when born in 1975-01, the first delayed month',
      '1975-01',
      601,
      '50岁1个月',
      '2025-02',
    ],
    ['keeps the one-month delay to the last month of the first band', '1975-02', 601, '50岁1个月', '2025-03'],
    ['is delayed two months from the first month of the second band', '1975-03', 602, '50岁2个月', '2025-05'],
    ['is delayed 34 months in the band of 1980-07 to 1980-08', '1980-08', 634, '52岁10个月', '2033-06'],
    ['is delayed 59 months in the last band below the maximum', '1984-10', 659, '54岁11个月', '2039-09'],
    ['reaches 55 in 1984-11, the first month at the maximum', '1984-11', 660, '55岁', '2039-11'],
    ['stays at 55 the month after', '1984-12', 660, '55岁', '2039-12'],
    ['stays at 55 when the bands would give a 61st month', '1985-01', 660, '55岁', '2040-01'],
    ['stays at 55 long after', '2001-07', 660, '55岁', '2056-07'],
  ])('%s', expectRetirement('female_worker'));
});

describe('the retirement month of a birth date', () => {
  it('depends on the birth month only, not the day', () => {
    const february2025 = 2025 * 12 + 1;
    expect(retirementMonthIndex('1965-01-01', 'male')).toBe(february2025);
    expect(retirementMonthIndex('1965-01-31', 'male')).toBe(february2025);
  });

  it('follows the group: one birth date retires in a different month in each group', () => {
    expect(retirementMonthIndex('1975-01-15', 'male')).toBe(2037 * 12 + 7); // 62岁7个月 → 2037-08
    expect(retirementMonthIndex('1975-01-15', 'female_cadre')).toBe(2031 * 12 + 4); // 56岁4个月 → 2031-05
    expect(retirementMonthIndex('1975-01-15', 'female_worker')).toBe(2025 * 12 + 1); // 50岁1个月 → 2025-02
  });
});

describe('the default retirement group', () => {
  it('puts every man in the male group, whatever his category', () => {
    expect(defaultRetirementGroup('male', 'civil_servant')).toBe('male');
    expect(defaultRetirementGroup('male', 'logistics_worker')).toBe('male');
  });

  it('puts a female logistics worker in the 50-year group', () => {
    expect(defaultRetirementGroup('female', 'logistics_worker')).toBe('female_worker');
  });

  it('puts every other woman in the 55-year group', () => {
    expect(defaultRetirementGroup('female', 'civil_servant')).toBe('female_cadre');
    expect(defaultRetirementGroup('female', 'reference_civil_servant')).toBe('female_cadre');
    expect(defaultRetirementGroup('female', 'institution_staff')).toBe('female_cadre');
  });
});

it('refuses a birth month that is not YYYY-MM', () => {
  expect(() => statutoryRetirement('1965-13', 'male')).toThrow(RangeError);
  expect(() => statutoryRetirement('1965-1', 'male')).toThrow(RangeError);
});
