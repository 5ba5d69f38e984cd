import { describe, expect, it } from 'vitest';
import {
  approved,
  chargedUnitId,
  headcount,
  isSeatActive,
  isUnitActive,
  type LeaderSeat,
  leaderCount,
  posts,
  type QuotaLedgerRow,
  type QuotaSeat,
  type UnitShape,
  vacancy,
  versionAsOf,
} from './establishment.rules.ts';

const ledger: QuotaLedgerRow[] = [
  { kind: 'administrative', amount: 10, effectiveOn: '2020-01-01' },
  { kind: 'administrative', amount: -2, effectiveOn: '2024-07-01' },
  { kind: 'administrative', amount: 3, effectiveOn: '2025-01-01' },
  { kind: 'logistics', amount: 4, effectiveOn: '2020-01-01' },
];

describe('approved quota from the ledger', () => {
  it('sums the signed changes of one kind', () => {
    expect(approved(ledger, 'administrative', '2025-06-30')).toBe(11);
    expect(approved(ledger, 'logistics', '2025-06-30')).toBe(4);
  });

  it('ignores a change that takes effect after the date', () => {
    expect(approved(ledger, 'administrative', '2024-06-30')).toBe(10);
  });

  it('counts a change on the day it takes effect', () => {
    expect(approved(ledger, 'administrative', '2024-07-01')).toBe(8);
  });

  it('is 0 before the baseline and for a kind with no rows', () => {
    expect(approved(ledger, 'administrative', '2019-12-31')).toBe(0);
    expect(approved(ledger, 'turnover', '2025-06-30')).toBe(0);
  });
});

describe('leadership posts from the post ledger', () => {
  it('sums the signed changes of one level up to the date', () => {
    const rows = [
      { level: 'deputy', amount: 3, effectiveOn: '2020-01-01' },
      { level: 'deputy', amount: -1, effectiveOn: '2023-03-01' },
      { level: 'head', amount: 1, effectiveOn: '2020-01-01' },
    ];
    expect(posts(rows, 'deputy', '2023-02-28')).toBe(3);
    expect(posts(rows, 'deputy', '2023-03-01')).toBe(2);
    expect(posts(rows, 'head', '2023-03-01')).toBe(1);
    expect(posts(rows, 'division_head', '2023-03-01')).toBe(0);
  });
});

describe('active seats and headcount', () => {
  const seats: QuotaSeat[] = [
    { unitId: 1, quotaKind: 'administrative', enteredOn: '2020-03-01', exitedOn: null },
    { unitId: 1, quotaKind: 'administrative', enteredOn: '2021-01-01', exitedOn: '2025-06-30' },
    { unitId: 1, quotaKind: 'logistics', enteredOn: '2021-01-01', exitedOn: null },
    { unitId: 2, quotaKind: 'administrative', enteredOn: '2021-01-01', exitedOn: null },
  ];

  it('counts a seat from the day it is entered', () => {
    expect(isSeatActive({ enteredOn: '2020-03-01', exitedOn: null }, '2020-02-29')).toBe(false);
    expect(isSeatActive({ enteredOn: '2020-03-01', exitedOn: null }, '2020-03-01')).toBe(true);
  });

  it('no longer counts a seat on the day it is exited', () => {
    expect(isSeatActive({ enteredOn: '2021-01-01', exitedOn: '2025-06-30' }, '2025-06-29')).toBe(true);
    expect(isSeatActive({ enteredOn: '2021-01-01', exitedOn: '2025-06-30' }, '2025-06-30')).toBe(false);
  });

  it('counts the active seats of one unit and kind', () => {
    expect(headcount(seats, 1, 'administrative', '2025-06-29')).toBe(2);
    expect(headcount(seats, 1, 'administrative', '2025-06-30')).toBe(1);
    expect(headcount(seats, 1, 'logistics', '2025-06-30')).toBe(1);
    expect(headcount(seats, 2, 'administrative', '2020-12-31')).toBe(0);
  });
});

describe('active units', () => {
  it('is active from its establishment until the day it is abolished', () => {
    const unit = { establishedOn: '2019-01-01', abolishedOn: '2024-12-31' };
    expect(isUnitActive(unit, '2018-12-31')).toBe(false);
    expect(isUnitActive(unit, '2019-01-01')).toBe(true);
    expect(isUnitActive(unit, '2024-12-30')).toBe(true);
    expect(isUnitActive(unit, '2024-12-31')).toBe(false);
  });

  it('treats empty dates as open', () => {
    expect(isUnitActive({ establishedOn: null, abolishedOn: null }, '1900-01-01')).toBe(true);
  });
});

describe('the version in force', () => {
  const dated = [
    { validFrom: '2022-01-01', name: '县人事局' },
    { validFrom: '2024-03-01', name: '县人力资源和社会保障局' },
  ];

  it('has none before the first version', () => {
    expect(versionAsOf(dated, '2021-12-31')).toBeUndefined();
  });

  it('takes the latest version that has begun, from its first day', () => {
    expect(versionAsOf(dated, '2022-01-01')?.name).toBe('县人事局');
    expect(versionAsOf(dated, '2024-02-29')?.name).toBe('县人事局');
    expect(versionAsOf(dated, '2024-03-01')?.name).toBe('县人力资源和社会保障局');
  });

  it('reads a null valid_from as from the beginning, overtaken by any dated version', () => {
    const versions = [
      { validFrom: '2024-03-01', name: '新' },
      { validFrom: null, name: '原' },
    ];
    expect(versionAsOf(versions, '1900-01-01')?.name).toBe('原');
    expect(versionAsOf(versions, '2024-02-29')?.name).toBe('原');
    expect(versionAsOf(versions, '2024-03-01')?.name).toBe('新');
  });
});

describe('vacancy', () => {
  it('is approved less headcount less reserved', () => {
    expect(vacancy(10, 7)).toBe(3);
    expect(vacancy(10, 7, 2)).toBe(1);
  });

  it('goes negative when the unit is over quota', () => {
    expect(vacancy(5, 7)).toBe(-2);
  });
});

describe('counting leaders against posts', () => {
  const units = new Map<number, UnitShape>([
    [1, { kind: 'government', parentId: null }],
    [2, { kind: 'internal_division', parentId: 1 }],
    [3, { kind: 'public_institution', parentId: 1 }],
  ]);
  const unitAsOf = (id: number) => units.get(id);

  it('charges division leaders of an internal division to its parent, other posts to the post unit', () => {
    expect(chargedUnitId('division_head', 2, units.get(2))).toBe(1);
    expect(chargedUnitId('head', 2, units.get(2))).toBe(2);
    expect(chargedUnitId('division_deputy', 3, units.get(3))).toBe(3);
  });

  it('counts active seats by the post in force on the date', () => {
    const seats: LeaderSeat[] = [
      {
        unitId: 1,
        enteredOn: '2020-01-01',
        exitedOn: null,
        posts: [
          { validFrom: null, postLevel: 'division_deputy', postUnitId: 2 },
          { validFrom: '2024-01-01', postLevel: 'division_head', postUnitId: 2 },
        ],
      },
      {
        unitId: 1,
        enteredOn: '2020-01-01',
        exitedOn: '2024-06-01',
        posts: [{ validFrom: null, postLevel: 'head', postUnitId: null }],
      },
    ];
    expect(leaderCount(seats, unitAsOf, 1, 'division_deputy', '2023-12-31')).toBe(1);
    expect(leaderCount(seats, unitAsOf, 1, 'division_head', '2024-01-01')).toBe(1);
    expect(leaderCount(seats, unitAsOf, 1, 'head', '2024-05-31')).toBe(1);
    expect(leaderCount(seats, unitAsOf, 1, 'head', '2024-06-01')).toBe(0);
  });
});
