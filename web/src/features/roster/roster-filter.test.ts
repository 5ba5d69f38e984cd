import { describe, expect, it } from 'vitest';
import { rosterQuery } from './roster.api.ts';
import { filterFromSearch, searchWithFilter } from './roster-filter.ts';

describe('the roster filter in the URL', () => {
  it('reads the filters, the sort and the page, ignoring what is not valid', () => {
    const params = new URLSearchParams(
      'unit=U1&quotaKind=administrative&sort=name&descending=true&page=3&pageSize=100&sort2=x',
    );
    expect(filterFromSearch(params, '290121', '2026-06-30')).toEqual({
      region: '290121',
      asOf: '2026-06-30',
      unit: 'U1',
      quotaKind: 'administrative',
      sort: 'name',
      descending: true,
      page: 3,
      pageSize: 100,
    });
    const odd = filterFromSearch(new URLSearchParams('page=-1&pageSize=7&sort=salary'), 'R', 'D');
    expect([odd.page, odd.pageSize, odd.sort]).toEqual([1, 50, undefined]);
  });

  it('goes back to the first page when a filter changes, and drops cleared filters', () => {
    const next = searchWithFilter(new URLSearchParams('page=4&unit=U1&asOf=2020-01-01'), {
      unit: null,
      category: 'civil_servant',
    });
    expect(next.toString()).toBe('asOf=2020-01-01&category=civil_servant');
    expect(searchWithFilter(new URLSearchParams('unit=U1'), { page: 2 }).toString()).toBe('unit=U1&page=2');
  });

  it('sends the API the filters that are set; the export without paging', () => {
    const filter = filterFromSearch(new URLSearchParams('status=on_post'), '290121', '2026-06-30');
    expect(rosterQuery(filter)).toBe('?region=290121&asOf=2026-06-30&status=on_post&page=1&pageSize=50');
    expect(rosterQuery(filter, false)).toBe('?region=290121&asOf=2026-06-30&status=on_post');
  });
});
