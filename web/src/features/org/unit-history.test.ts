import { describe, expect, it } from 'vitest';
import { describeChange, type HistoryVersion, unitHistory } from './unit-history.ts';

const base: HistoryVersion = {
  validFrom: null,
  name: '青源县安全生产监督管理局',
  kind: 'government',
  rank: 'vice_section',
  publicClass: null,
  funding: null,
  referenceManaged: false,
  parentCode: null,
  divisionCap: 3,
  aliasNames: [],
};

describe('a unit’s history', () => {
  it('reads a rename, an upgrade and a new sign as one dated change', () => {
    const after = {
      ...base,
      validFrom: '2019-03-28',
      name: '青源县应急管理局',
      rank: 'section',
      aliasNames: ['青源县地震局'],
    };
    expect(describeChange(base, after)).toEqual({
      title: '更名、升格',
      details: [
        '名称：青源县安全生产监督管理局 → 青源县应急管理局',
        '机构规格：副科 → 正科',
        '加挂牌子：青源县地震局',
      ],
    });
  });

  it('names the parents of a move by name', () => {
    const names = new Map([
      ['A', '财政局'],
      ['B', '发展和改革局'],
    ]);
    const change = describeChange(
      { ...base, parentCode: 'A' },
      { ...base, parentCode: 'B' },
      (code) => names.get(code ?? '') ?? '（无）',
    );
    expect(change).toEqual({ title: '隶属调整', details: ['上级机构：财政局 → 发展和改革局'] });
  });

  it('runs from 设立 with its document to 撤销', () => {
    const events = unitHistory(
      { establishedOn: '1988-05-18', abolishedOn: '2024-03-26', documentNo: '青发〔1988〕5号' },
      [base, { ...base, validFrom: '2010-01-01', rank: 'unit_level' }],
    );
    expect(events.map((e) => [e.date, e.title, e.documentNo])).toEqual([
      ['1988-05-18', '设立', '青发〔1988〕5号'],
      ['2010-01-01', '降格', null],
      ['2024-03-26', '撤销', null],
    ]);
  });
});
