import { describe, expect, it } from 'vitest';
import { highlightRuns, matchText, normaliseQuery, searchUnit } from './pinyin-search.ts';

const office = {
  code: '1129012124568341XK',
  name: '中共青源县委办公室',
  aliasNames: ['中共青源县委机要保密局'],
};
const organisation = {
  code: '112901215620938273',
  name: '中共青源县委组织部',
  aliasNames: ['青源县公务员局'],
};

describe('finding a unit', () => {
  it('by part of its name', () => {
    expect(searchUnit(organisation, '组织部')).toEqual({
      field: 'name',
      text: organisation.name,
      indices: [6, 7, 8],
    });
  });

  it('by a name it also carries (加挂牌子)', () => {
    expect(searchUnit(office, '保密局')).toMatchObject({ field: 'alias', text: '中共青源县委机要保密局' });
    expect(searchUnit(organisation, '公务员')?.field).toBe('alias');
  });

  it('by pinyin initials, in either case, and by full pinyin', () => {
    expect(searchUnit(organisation, 'zzb')).toMatchObject({ field: 'name', indices: [6, 7, 8] });
    expect(searchUnit(organisation, 'ZZB')?.field).toBe('name');
    expect(searchUnit(organisation, 'zuzhi')).toMatchObject({ field: 'name', indices: [6, 7] });
    expect(searchUnit(office, 'bmj')).toMatchObject({ field: 'alias' });
  });

  it('by part of its code', () => {
    expect(searchUnit(office, '24568341')).toMatchObject({ field: 'code' });
  });

  it('not at all when nothing matches, or nothing was typed', () => {
    expect(searchUnit(organisation, 'xyz')).toBeNull();
    expect(searchUnit(organisation, '财政')).toBeNull();
    expect(searchUnit(organisation, '  ')).toBeNull();
  });

  it('ignores spaces typed between letters', () => {
    expect(normaliseQuery(' z z b ')).toBe('zzb');
    expect(matchText('组织部', 'z z b'.replace(/\s/g, ''))).toEqual([0, 1, 2]);
  });
});

describe('highlighting a match', () => {
  it('splits the text into matched and unmatched runs', () => {
    expect(highlightRuns('中共青源县委组织部', [6, 7, 8])).toEqual([
      { text: '中共青源县委', hit: false },
      { text: '组织部', hit: true },
    ]);
    expect(highlightRuns('abc', [])).toEqual([{ text: 'abc', hit: false }]);
  });
});
