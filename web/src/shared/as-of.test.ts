import { describe, expect, it } from 'vitest';
import {
  ageOn,
  asOfFromSearch,
  isIsoDate,
  notYetEffective,
  pathWithAsOf,
  searchWithAsOf,
  todayInChina,
} from './as-of.ts';

describe('the as-of date', () => {
  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-13-01')).toBe(false);
    expect(isIsoDate('2024-1-01')).toBe(false);
    expect(isIsoDate('yesterday')).toBe(false);
  });

  it('is today in China: past 16:00 UTC it is already tomorrow in Beijing', () => {
    expect(todayInChina(new Date('2026-06-30T15:59:59Z'))).toBe('2026-06-30');
    expect(todayInChina(new Date('2026-06-30T16:00:00Z'))).toBe('2026-07-01');
  });

  it('is read from the URL, and a date that is not real is ignored (today applies)', () => {
    expect(asOfFromSearch('?asOf=2020-01-01&page=2')).toBe('2020-01-01');
    expect(asOfFromSearch('?asOf=2020-02-30')).toBeNull();
    expect(asOfFromSearch(new URLSearchParams())).toBeNull();
  });

  it('leaves the URL when it is today, and keeps the other parameters', () => {
    expect(searchWithAsOf('?page=2', '2020-01-01', '2026-06-30')).toBe('?page=2&asOf=2020-01-01');
    expect(searchWithAsOf('?page=2&asOf=2020-01-01', '2026-06-30', '2026-06-30')).toBe('?page=2');
    expect(searchWithAsOf('?asOf=2020-01-01', null, '2026-06-30')).toBe('');
  });

  it('travels with internal links only when one was chosen', () => {
    expect(pathWithAsOf('/org/tree', null)).toBe('/org/tree');
    expect(pathWithAsOf('/org/tree', '2020-01-01')).toBe('/org/tree?asOf=2020-01-01');
    expect(pathWithAsOf('/roster?unit=X&asOf=2019-01-01', '2020-01-01')).toBe(
      '/roster?unit=X&asOf=2020-01-01',
    );
  });

  it('tells a ledger entry dated after it from one already in effect', () => {
    expect(notYetEffective('2024-07-18', '2024-07-17')).toBe(true);
    expect(notYetEffective('2024-07-18', '2024-07-18')).toBe(false);
    expect(notYetEffective(null, '2024-07-18')).toBe(false);
  });

  it('gives whole years of age, the birthday counting from its own day', () => {
    expect(ageOn('1973-02-09', '2026-02-08')).toBe(52);
    expect(ageOn('1973-02-09', '2026-02-09')).toBe(53);
  });
});
