import { describe, expect, it } from 'vitest';
import { ancestorsOf, buildUnitTree, descendantCount, filterUnitTree, type TreeUnit } from './unit-tree.ts';

const unit = (
  code: string,
  name: string,
  parentCode: string | null,
  sortOrder: number | null,
  kind = 'government',
): TreeUnit => ({
  code,
  name,
  parentCode,
  sortOrder,
  kind,
  aliasNames: [],
});

const units = [
  unit('FIN', '青源县财政局', null, 2),
  unit('ORG', '中共青源县委组织部', null, 1, 'party_committee'),
  unit('FIN-CENTER', '青源县财政国库支付中心', 'FIN', 1, 'public_institution'),
  unit('FIN-OFFICE', '办公室', 'FIN', 2, 'internal_division'),
  unit('FIN-BUDGET', '预算股', 'FIN', 1, 'internal_division'),
  unit('NOORDER', '青源县档案馆', null, null, 'public_institution'),
];

const codes = (nodes: ReturnType<typeof buildUnitTree<TreeUnit>>): unknown =>
  nodes.map((n) => (n.children.length ? [n.unit.code, codes(n.children)] : n.unit.code));

describe('the unit tree', () => {
  it('is in official order: 排序号 first, units without one last, divisions before institutions', () => {
    expect(codes(buildUnitTree(units))).toEqual([
      'ORG',
      ['FIN', ['FIN-BUDGET', 'FIN-OFFICE', 'FIN-CENTER']],
      'NOORDER',
    ]);
  });

  it('treats a unit whose parent is not listed as a root', () => {
    expect(codes(buildUnitTree([unit('A', '甲', 'MISSING', 1)]))).toEqual(['A']);
  });

  it('keeps the matches and their ancestors when searching, and opens the ancestors', () => {
    const filtered = filterUnitTree(buildUnitTree(units), 'ysg');
    expect(codes(filtered.nodes)).toEqual([['FIN', ['FIN-BUDGET']]]);
    expect(filtered.expanded).toEqual(['FIN']);
    expect([...filtered.hits.keys()]).toEqual(['FIN-BUDGET']);
  });

  it('keeps a matched unit’s whole subtree reachable', () => {
    const filtered = filterUnitTree(buildUnitTree(units), '财政局');
    expect(codes(filtered.nodes)).toEqual([['FIN', ['FIN-BUDGET', 'FIN-OFFICE', 'FIN-CENTER']]]);
  });

  it('keeps everything when the query is empty', () => {
    const roots = buildUnitTree(units);
    expect(filterUnitTree(roots, ' ').nodes).toBe(roots);
  });

  it('counts the units below a unit and finds the chain above one', () => {
    const [, finance] = buildUnitTree(units);
    expect(descendantCount(finance!)).toBe(3);
    expect(ancestorsOf(units, 'FIN-OFFICE')).toEqual(['FIN']);
    expect(ancestorsOf(units, 'ORG')).toEqual([]);
  });
});
