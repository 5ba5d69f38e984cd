import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addPost,
  addQuota,
  addSeatPost,
  addUnitVersion,
  buildRegion,
  buildSeat,
  buildUnit,
} from '../../../test/support/factories.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import type { Database } from '../../db/database.ts';
import { postLedger, quotaLedger, regions, seatPosts, seats, units, unitVersions } from '../../db/schema.ts';
import {
  type FigureScope,
  type PostFigure,
  postFigures,
  postLedgerOf,
  type QuotaFigure,
  quotaFigures,
  quotaLedgerOf,
} from './establishment.repository.ts';
import {
  approved,
  headcount,
  isSeatActive,
  isUnitActive,
  leaderCount,
  POST_LEVELS,
  posts,
  QUOTA_KINDS,
  vacancy,
  versionAsOf,
} from './establishment.rules.ts';

/**
 * A county with a sub-region: a bureau with an internal division and leaders, a unit abolished on
 * the day of a ledger change, a renamed unit below, and a unit established later.
 */
let database: Database;
let county: { code: string };
let bureauId: number;
let abolishedId: number;
const CHANGE_DAY = '2024-07-01';
const DATES = ['2019-06-30', '2024-06-30', CHANGE_DAY, '2024-07-02', '2031-01-01'];

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  county = await buildRegion(db, { name: '青山县' });
  const town = await buildRegion(db, { name: '青山镇', parentCode: county.code });
  await buildRegion(db, { name: '他县' });

  const bureau = await buildUnit(db, { regionCode: county.code, name: '县人社局', kind: 'government' });
  bureauId = bureau.id;
  const division = await buildUnit(db, {
    regionCode: county.code,
    name: '办公室',
    kind: 'internal_division',
    parentId: bureau.id,
  });
  await addQuota(db, bureau, { kind: 'administrative', amount: 10, effectiveOn: '2020-01-01' });
  await addQuota(db, bureau, { kind: 'administrative', amount: -2, effectiveOn: CHANGE_DAY });
  await addQuota(db, bureau, { kind: 'logistics', amount: 2, effectiveOn: '2020-01-01' });
  await addQuota(db, bureau, { kind: 'political_legal', amount: 3, effectiveOn: '2030-01-01' });
  await addPost(db, bureau, { level: 'head', amount: 1, effectiveOn: '2020-01-01' });
  await addPost(db, bureau, { level: 'deputy', amount: 2, effectiveOn: '2020-01-01' });
  await addPost(db, bureau, { level: 'division_head', amount: 1, effectiveOn: '2020-01-01' });
  await addPost(db, bureau, { level: 'division_head', amount: 1, effectiveOn: CHANGE_DAY });

  await buildSeat(db, { unit: bureau, enteredOn: '2020-03-01', post: { level: 'head' } });
  await buildSeat(db, { unit: bureau, enteredOn: '2021-01-01', exitedOn: CHANGE_DAY });
  await buildSeat(db, { unit: bureau, quotaKind: 'logistics', category: 'logistics_worker' });
  await buildSeat(db, { unit: bureau, quotaKind: 'institutional', category: 'institution_staff' });
  await buildSeat(db, { unit: bureau, post: { level: 'division_head', postUnitId: division.id } });
  const promoted = await buildSeat(db, {
    unit: bureau,
    post: { level: 'division_deputy', postUnitId: division.id },
  });
  await addSeatPost(db, promoted, {
    validFrom: CHANGE_DAY,
    postLevel: 'division_head',
    postUnitId: division.id,
  });
  const leftPost = await buildSeat(db, { unit: bureau, post: { level: 'deputy' } });
  await addSeatPost(db, leftPost, { validFrom: '2024-07-02', postLevel: null });

  const abolished = await buildUnit(db, {
    regionCode: county.code,
    name: '县编委办',
    abolishedOn: CHANGE_DAY,
  });
  abolishedId = abolished.id;
  await addQuota(db, abolished, { kind: 'administrative', amount: 5, effectiveOn: '2020-01-01' });
  await buildSeat(db, { unit: abolished, enteredOn: '2020-01-01' });

  const renamed = await buildUnit(db, {
    regionCode: town.code,
    name: '镇人事办',
    kind: 'township',
    establishedOn: '2019-01-01',
  });
  await addUnitVersion(db, renamed, { validFrom: '2023-01-01', name: '镇社会事务办' });
  await addQuota(db, renamed, { kind: 'administrative', amount: 4, effectiveOn: '2019-01-01' });
  await buildSeat(db, { unit: renamed, enteredOn: '2019-01-01' });

  const later = await buildUnit(db, {
    regionCode: county.code,
    name: '县数据局',
    establishedOn: '2025-01-01',
  });
  await addQuota(db, later, { kind: 'administrative', amount: 6, effectiveOn: '2025-01-01' });
});
afterAll(() => database.close());

/** Everything stored, and the figures the pure rules give for it. */
async function expectedFigures(scope: FigureScope) {
  const { db } = database;
  const [allRegions, allUnits, versions, quota, postRows, allSeats, allPosts] = await Promise.all([
    db.select().from(regions),
    db.select().from(units),
    db.select().from(unitVersions),
    db.select().from(quotaLedger),
    db.select().from(postLedger),
    db.select().from(seats),
    db.select().from(seatPosts),
  ]);
  const inScope = new Set([scope.regionCode]);
  for (let grew = scope.includeDescendants; grew;) {
    grew = false;
    for (const region of allRegions)
      if (region.parentCode && inScope.has(region.parentCode) && !inScope.has(region.code)) {
        inScope.add(region.code);
        grew = true;
      }
  }
  const D = scope.asOf;
  const unitAsOf = (id: number) =>
    versionAsOf(
      versions.filter((v) => v.unitId === id),
      D,
    );
  const leaderSeats = allSeats.map((seat) => ({
    ...seat,
    posts: allPosts.filter((p) => p.seatId === seat.id),
  }));
  const quotaExpected: QuotaFigure[] = [];
  const postExpected: PostFigure[] = [];
  const active = allUnits
    .filter((u) => inScope.has(u.regionCode) && isUnitActive(u, D))
    .filter((u) => scope.unitId === undefined || u.id === scope.unitId)
    .sort((a, b) => (a.code < b.code ? -1 : 1));
  for (const unit of active) {
    const named = { unitId: unit.id, unitCode: unit.code, unitName: unitAsOf(unit.id)?.name ?? null };
    const ledger = quota.filter((row) => row.unitId === unit.id);
    for (const kind of QUOTA_KINDS) {
      const listed =
        ledger.some((row) => row.kind === kind && row.effectiveOn <= D) ||
        allSeats.some((s) => s.unitId === unit.id && s.quotaKind === kind && isSeatActive(s, D));
      if (!listed) continue;
      const a = approved(ledger, kind, D);
      const h = headcount(allSeats, unit.id, kind, D);
      quotaExpected.push({ ...named, kind, approved: a, headcount: h, reserved: 0, vacancy: vacancy(a, h) });
    }
    const postLedgerRows = postRows.filter((row) => row.unitId === unit.id);
    for (const level of POST_LEVELS) {
      const p = posts(postLedgerRows, level, D);
      const l = leaderCount(leaderSeats, unitAsOf, unit.id, level, D);
      if (l > 0 || postLedgerRows.some((row) => row.level === level && row.effectiveOn <= D))
        postExpected.push({ ...named, level, posts: p, leaders: l, vacancy: vacancy(p, l) });
    }
  }
  return { quota: quotaExpected, posts: postExpected };
}

describe('quota and post figures, set-based', () => {
  it.each(DATES)('equal the pure rules for the county and its sub-regions as of %s', async (asOf) => {
    const scope = { regionCode: county.code, includeDescendants: true, asOf };
    const expected = await expectedFigures(scope);
    expect(await quotaFigures(database.db, scope)).toEqual(expected.quota);
    expect(await postFigures(database.db, scope)).toEqual(expected.posts);
  });

  it.each(DATES)('equal the pure rules for the county alone and for one unit as of %s', async (asOf) => {
    for (const scope of [
      { regionCode: county.code, includeDescendants: false, asOf },
      { regionCode: county.code, includeDescendants: false, asOf, unitId: bureauId },
    ]) {
      const expected = await expectedFigures(scope);
      expect(await quotaFigures(database.db, scope)).toEqual(expected.quota);
      expect(await postFigures(database.db, scope)).toEqual(expected.posts);
    }
  });

  it('counts a ledger change on its day and drops a seat exiting that day', async () => {
    const figure = async (asOf: string) =>
      (await quotaFigures(database.db, { regionCode: county.code, includeDescendants: false, asOf })).find(
        (f) => f.unitId === bureauId && f.kind === 'administrative',
      );
    expect(await figure('2024-06-30')).toMatchObject({ approved: 10, headcount: 5, vacancy: 5 });
    expect(await figure(CHANGE_DAY)).toMatchObject({ approved: 8, headcount: 4, vacancy: 4 });
  });

  it('lists a kind held only by seats, with nothing approved', async () => {
    const figures = await quotaFigures(database.db, {
      regionCode: county.code,
      includeDescendants: false,
      asOf: '2024-06-30',
      unitId: bureauId,
    });
    expect(figures.map((f) => f.kind)).toEqual(['administrative', 'logistics', 'institutional']);
    expect(figures.find((f) => f.kind === 'institutional')).toMatchObject({
      approved: 0,
      headcount: 1,
      vacancy: -1,
    });
  });

  it('leaves out a unit from the day it is abolished', async () => {
    const ids = async (asOf: string) =>
      (await quotaFigures(database.db, { regionCode: county.code, includeDescendants: false, asOf })).map(
        (f) => f.unitId,
      );
    expect(await ids('2024-06-30')).toContain(abolishedId);
    expect(await ids(CHANGE_DAY)).not.toContain(abolishedId);
  });

  it('names a renamed unit as it was called on the date', async () => {
    const names = async (asOf: string) =>
      (await quotaFigures(database.db, { regionCode: county.code, includeDescendants: true, asOf })).map(
        (f) => f.unitName,
      );
    expect(await names('2022-12-31')).toContain('镇人事办');
    expect(await names('2023-01-01')).toContain('镇社会事务办');
    expect(await names('2023-01-01')).not.toContain('镇人事办');
  });

  it('charges division leaders to the parent of their internal division, by the post then held', async () => {
    const levels = async (asOf: string) =>
      Object.fromEntries(
        (
          await postFigures(database.db, {
            regionCode: county.code,
            includeDescendants: false,
            asOf,
            unitId: bureauId,
          })
        ).map((f) => [f.level, [f.posts, f.leaders]]),
      );
    expect(await levels('2024-06-30')).toEqual({
      head: [1, 1],
      deputy: [2, 1],
      division_head: [1, 1],
      division_deputy: [0, 1],
    });
    expect(await levels('2024-07-02')).toEqual({ head: [1, 1], deputy: [2, 0], division_head: [2, 2] });
  });
});

describe('ledger listings', () => {
  it('lists every change of a unit in date order, future-dated ones too', async () => {
    const quota = await quotaLedgerOf(database.db, bureauId);
    expect(quota.map((row) => [row.kind, row.amount, row.effectiveOn])).toEqual([
      ['administrative', 10, '2020-01-01'],
      ['logistics', 2, '2020-01-01'],
      ['administrative', -2, CHANGE_DAY],
      ['political_legal', 3, '2030-01-01'],
    ]);
    const postRows = await postLedgerOf(database.db, bureauId);
    expect(postRows).toHaveLength(4);
    expect(postRows[0]).toMatchObject({ level: 'deputy', amount: 2, effectiveOn: '2020-01-01' });
  });
});
