import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, memoryDataset } from '../../../test/support/dataset.ts';
import { addSeatPost, buildPerson } from '../../../test/support/factories.ts';
import { importerFor } from '../../../test/support/import-harness.ts';
import { idNumber } from '../../../test/support/sample-dataset.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import { type Database, type Db, query, sql } from '../../db/database.ts';
import type { IdCipher } from '../identity/id-cipher.ts';
import type { Warning } from './warning.types.ts';
import { checkSeat, type ProposedSeat } from './warnings.prevention.ts';
import { scanAll } from './warnings.service.ts';

/**
 * A county where each of the five prevention rules has a full unit or a person at the edge, as of
 * D = 2026-06-30: QF is full (two seats; one more ends on D, one the day before), QV has one vacancy,
 * QP has its posts taken (a division head of division QP1 counted against QP), QS is an institution,
 * QR a reference-managed one.
 */
const D = '2026-06-30';
const P = {
  f1: idNumber('1980-01-01', 1),
  f2: idNumber('1980-01-01', 3),
  f3: idNumber('1980-01-01', 5), // exits QF on D
  f4: idNumber('1980-01-01', 7), // exited QF the day before D
  v1: idNumber('1981-01-01', 1),
  v2: idNumber('1981-01-01', 3),
  head: idNumber('1982-01-01', 1),
  deputy: idNumber('1982-01-01', 3),
  divHead: idNumber('1982-01-01', 5), // division_head of QP1: counts against QP
  divGone: idNumber('1982-01-01', 7), // division_head of QP2, exits on D
  high: idNumber('1983-01-01', 1), // a deputy at section in QS (vice_section): already above rank
  fresh: idNumber('1990-01-01', 1), // not on the roster
  fresh2: idNumber('1990-01-01', 3),
};

const dataset = {
  regions: csv('code,name,parent_code,unit_cap', '320902,青山县,,'),
  units: csv(
    'code,name,region_code,parent_code,kind,rank,reference_managed,established_on,document_no',
    'QF,满编局,320902,,government,section,,2010-01-01,编1',
    'QV,余编局,320902,,government,section,,2010-01-01,编2',
    'QP,职数局,320902,,government,section,,2010-01-01,编3',
    'QP1,一科,320902,QP,internal_division,unit_level,,2010-01-01,',
    'QP2,二科,320902,QP,internal_division,unit_level,,2010-01-01,',
    'QS,服务中心,320902,,public_institution,vice_section,,2010-01-01,编4',
    'QR,参公中心,320902,,public_institution,section,true,2010-01-01,编5',
  ),
  quotas: csv(
    'unit_code,kind,amount,effective_on,document_no',
    'QF,administrative,2,2010-01-01,编1',
    'QF,logistics,1,2010-01-01,编1',
    'QV,administrative,3,2010-01-01,编2',
    'QP,administrative,10,2010-01-01,编3',
    'QS,institutional,10,2010-01-01,编4',
    'QS,school_staff,10,2010-01-01,编4',
    'QR,institutional,10,2010-01-01,编5',
  ),
  posts: csv(
    'unit_code,level,amount,effective_on,document_no',
    'QV,head,1,2010-01-01,编2',
    'QV,deputy,2,2010-01-01,编2',
    'QP,head,1,2010-01-01,编3',
    'QP,deputy,2,2010-01-01,编3',
    'QP,division_head,1,2010-01-01,编3',
  ),
  persons: csv(
    'id_number,name,unit_code,quota_kind,category,entered_on,entry_type,post_level,post_unit_code,post_rank,exited_on,exit_type',
    `${P.f1},满一,QF,administrative,civil_servant,2015-01-01,exam,,,,,`,
    `${P.f2},满二,QF,administrative,civil_servant,2015-01-01,exam,,,,,`,
    `${P.f3},满三,QF,administrative,civil_servant,2015-01-01,exam,,,,${D},transfer_out`,
    `${P.f4},满四,QF,administrative,civil_servant,2015-01-01,exam,,,,2026-06-29,transfer_out`,
    `${P.v1},余一,QV,administrative,civil_servant,2015-01-01,exam,,,,,`,
    `${P.v2},余二,QV,administrative,civil_servant,2015-01-01,exam,,,,,`,
    `${P.head},职正,QP,administrative,civil_servant,2015-01-01,exam,head,,section,,`,
    `${P.deputy},职副,QP,administrative,civil_servant,2015-01-01,exam,deputy,,vice_section,,`,
    `${P.divHead},科长,QP,administrative,civil_servant,2015-01-01,exam,division_head,QP1,unit_level,,`,
    `${P.divGone},科长二,QP,administrative,civil_servant,2015-01-01,exam,division_head,QP2,unit_level,${D},transfer_out`,
    `${P.high},高配,QS,institutional,institution_staff,2015-01-01,recruit,deputy,,section,,`,
  ),
};

let database: Database;
let idCipher: IdCipher;
const seatOf: Record<string, number> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  const importer = importerFor(database);
  idCipher = importer.idCipher;
  const imported = await importer.run(memoryDataset(dataset));
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors.slice(0, 5)));
  const seats = await query<{ id: number; id_index: string }>(
    database.db,
    sql`SELECT s.id, p.id_index FROM seats s JOIN persons p ON p.id = s.person_id`,
  );
  for (const [name, id] of Object.entries(P)) {
    const seat = seats.find((s) => s.id_index === idCipher.index(id));
    if (seat) seatOf[name] = seat.id;
  }
}, 120_000);

afterAll(() => database?.close());

const hire = (overrides: Partial<ProposedSeat>): ProposedSeat => ({
  idNumber: P.fresh,
  name: '新人',
  unitCode: 'QV',
  quotaKind: 'administrative',
  category: 'civil_servant',
  enteredOn: D,
  ...overrides,
});

const check = (proposed: ProposedSeat, db: Db = database.db) => checkSeat(db, idCipher, proposed);
const rulesOf = async (proposed: ProposedSeat) => (await check(proposed)).map((w) => w.rule);

describe('OVER_QUOTA before a hire', () => {
  it('refuses a hire into a full unit, counting neither the seat ending on D nor the one before', async () => {
    expect(await check(hire({ unitCode: 'QF' }))).toEqual([
      {
        rule: 'OVER_QUOTA',
        severity: '违规',
        unitCode: 'QF',
        quotaKind: 'administrative',
        approved: 2,
        headcount: 3,
        message: 'QF 行政编制核定 2 名，实有 3 名，超编 1 名',
      },
    ]);
  });

  it('takes the last vacancy, unless approvals waiting to be seated have taken it', async () => {
    expect(await rulesOf(hire({ unitCode: 'QV' }))).toEqual([]);
    const [reserved] = await check(hire({ unitCode: 'QV', reserved: 1 }));
    expect(reserved).toMatchObject({ rule: 'OVER_QUOTA', approved: 3, headcount: 3, reserved: 1 });
    expect(reserved!.message).toBe('QV 行政编制核定 3 名，实有 3 名，另已核准待入编 1 名，超编 1 名');
  });

  it('counts the kind of the seat only, and a kind the unit has no quota for fires', async () => {
    expect(
      await rulesOf(hire({ unitCode: 'QF', quotaKind: 'logistics', category: 'logistics_worker' })),
    ).toEqual([]);
    expect(
      await check(hire({ unitCode: 'QV', quotaKind: 'turnover', category: 'civil_servant' })),
    ).toMatchObject([{ rule: 'OVER_QUOTA', quotaKind: 'turnover', approved: 0, headcount: 1 }]);
  });

  it('a change within the full unit and kind adds nobody; a transfer into it does', async () => {
    const sameUnit = { idNumber: P.f1, unitCode: 'QF', endsSeatId: seatOf.f1! };
    expect(await rulesOf(hire(sameUnit))).toEqual([]);
    expect(await rulesOf(hire({ idNumber: P.v1, unitCode: 'QF', endsSeatId: seatOf.v1! }))).toEqual([
      'OVER_QUOTA',
    ]);
  });
});

describe('OVER_POSTS before an appointment', () => {
  it('refuses a second head, and a division head of another division counted against the parent', async () => {
    expect(await check(hire({ unitCode: 'QP', postLevel: 'head', postRank: 'section' }))).toEqual([
      {
        rule: 'OVER_POSTS',
        severity: '违规',
        unitCode: 'QP',
        postLevel: 'head',
        approved: 1,
        used: 2,
        message: 'QP 单位正职职数 1 名，实配 2 名',
      },
    ]);
    // QP2's division head leaving on D is not counted: 2 used, not 3.
    expect(
      await check(
        hire({ unitCode: 'QP', postLevel: 'division_head', postUnitCode: 'QP2', postRank: 'unit_level' }),
      ),
    ).toMatchObject([
      { rule: 'OVER_POSTS', unitCode: 'QP', postLevel: 'division_head', approved: 1, used: 2 },
    ]);
  });

  it('lets a deputy in while a post is free, and an appointment replacing the same post adds none', async () => {
    expect(await rulesOf(hire({ unitCode: 'QP', postLevel: 'deputy', postRank: 'vice_section' }))).toEqual(
      [],
    );
    const reappointed = hire({
      idNumber: P.head,
      unitCode: 'QP',
      postLevel: 'head',
      postRank: 'section',
      endsSeatId: seatOf.head!,
    });
    expect(await rulesOf(reappointed)).toEqual([]);
  });
});

describe('OVER_RANK before an appointment', () => {
  it('refuses a head above the unit rank and a deputy above the rank below it', async () => {
    expect(await check(hire({ unitCode: 'QP', postLevel: 'deputy', postRank: 'section' }))).toEqual([
      {
        rule: 'OVER_RANK',
        severity: '违规',
        idNumber: P.fresh,
        unitCode: 'QP',
        postUnitCode: 'QP',
        postRank: 'section',
        unitRank: 'section',
        message: '新人 在 QP（section）按 section 配备，超规格',
      },
    ]);
    const head = await rulesOf(hire({ unitCode: 'QV', postLevel: 'head', postRank: 'division' }));
    expect(head).toEqual(['OVER_RANK']);
  });

  it('lets posts at their rank through, and a person already above rank elsewhere is not added to', async () => {
    expect(await rulesOf(hire({ unitCode: 'QV', postLevel: 'head', postRank: 'section' }))).toEqual([]);
    expect(await rulesOf(hire({ unitCode: 'QV', postLevel: 'deputy', postRank: 'vice_section' }))).toEqual(
      [],
    );
    // 高配 holds a seat above rank in QS; a second seat at rank brings DUPLICATE_SEAT, not OVER_RANK.
    expect(
      await rulesOf(
        hire({ idNumber: P.high, unitCode: 'QV', postLevel: 'deputy', postRank: 'vice_section' }),
      ),
    ).toEqual(['DUPLICATE_SEAT']);
  });
});

describe('MIXED_POST before a hire', () => {
  it('refuses a civil servant on institutional quota of an ordinary institution', async () => {
    expect(
      await check(hire({ unitCode: 'QS', quotaKind: 'institutional', category: 'civil_servant' })),
    ).toEqual([
      {
        rule: 'MIXED_POST',
        severity: '违规',
        idNumber: P.fresh,
        unitCode: 'QS',
        quotaKind: 'institutional',
        category: 'civil_servant',
        message: 'QS 的 institutional 编制由 civil_servant 类人员占用，混编混岗',
      },
    ]);
  });

  it('allows 参公 staff in a reference-managed unit and logistics workers on school staff quota', async () => {
    const refManaged = hire({
      unitCode: 'QR',
      quotaKind: 'institutional',
      category: 'reference_civil_servant',
    });
    expect(await rulesOf(refManaged)).toEqual([]);
    expect(await rulesOf({ ...refManaged, unitCode: 'QS' })).toEqual(['MIXED_POST']);
    expect(
      await rulesOf(hire({ unitCode: 'QS', quotaKind: 'school_staff', category: 'logistics_worker' })),
    ).toEqual([]);
  });
});

describe('DUPLICATE_SEAT before a hire or transfer', () => {
  it('refuses a second seat for a person who holds one', async () => {
    expect(await check(hire({ idNumber: P.v1 }))).toEqual([
      {
        rule: 'DUPLICATE_SEAT',
        severity: '违规',
        idNumber: P.v1,
        seats: 2,
        unitCodes: ['QV', 'QV'],
        message: '余一 同时占用 2 个编制（QV、QV）',
      },
    ]);
  });

  it('does not count the transfer’s own old seat, nor seats ending on D or before', async () => {
    expect(await rulesOf(hire({ idNumber: P.v1, endsSeatId: seatOf.v1! }))).toEqual([]);
    expect(await rulesOf(hire({ idNumber: P.f3 }))).toEqual([]);
    expect(await rulesOf(hire({ idNumber: P.f4 }))).toEqual([]);
    // As of a day before the person's seat began, the new seat is their only one.
    expect(await rulesOf(hire({ idNumber: P.f1, enteredOn: '2014-12-31' }))).toEqual([]);
  });

  it('refuses an unknown unit or a malformed date with a Chinese message', async () => {
    await expect(check(hire({ unitCode: 'NOPE' }))).rejects.toMatchObject({
      code: 'warnings.unit_not_found',
    });
    await expect(check(hire({ postUnitCode: 'NOPE2', postLevel: 'head' }))).rejects.toThrow(/NOPE2 不存在/);
    await expect(check(hire({ enteredOn: '2026-02-30' }))).rejects.toMatchObject({
      code: 'warnings.proposal_invalid',
    });
  });
});

describe('checkSeat agrees with the scan', () => {
  class Rollback extends Error {}

  /** In a transaction undone afterwards: the check, then the seat written and the scan's view of its subjects. */
  async function checkThenScan(proposed: ProposedSeat) {
    let outcome: { checked: Warning[]; scanned: Warning[]; before: Warning[] } | undefined;
    await database.db
      .transaction(async (tx) => {
        const scanned = async () => {
          const all = await scanAll({ db: tx }, idCipher, { asOf: D, period: D.slice(0, 7) });
          const [unit] = await query<{ id: number; region_code: string; parent: string | null }>(
            tx,
            sql`SELECT u.id, u.region_code, (SELECT p.code FROM unit_versions v JOIN units p ON p.id = v.parent_id
              WHERE v.unit_id = u.id) AS parent
            FROM units u WHERE u.code = ${proposed.postUnitCode ?? proposed.unitCode}`,
          );
          return all.filter(
            (w) =>
              (w.rule === 'OVER_QUOTA' &&
                w.unitCode === proposed.unitCode &&
                w.quotaKind === proposed.quotaKind) ||
              (w.rule === 'OVER_POSTS' &&
                w.postLevel === proposed.postLevel &&
                [proposed.postUnitCode ?? proposed.unitCode, unit!.parent].includes(w.unitCode!)) ||
              (['OVER_RANK', 'MIXED_POST', 'DUPLICATE_SEAT'].includes(w.rule) &&
                w.idNumber === proposed.idNumber),
          );
        };
        const before = await scanned();
        const checked = await checkSeat(tx, idCipher, proposed);
        if (proposed.endsSeatId)
          await tx.execute(
            sql`UPDATE seats SET exited_on = ${D}, exit_type = 'transfer_out' WHERE id = ${proposed.endsSeatId}`,
          );
        const [existing] = await query<{ id: number }>(
          tx,
          sql`SELECT id FROM persons WHERE id_index = ${idCipher.index(proposed.idNumber)}`,
        );
        const [unit] = await query<{ id: number; region_code: string }>(
          tx,
          sql`SELECT id, region_code FROM units WHERE code = ${proposed.unitCode}`,
        );
        const personId =
          existing?.id ??
          (await buildPerson(tx, { regionCode: '320902', idNumber: proposed.idNumber, name: proposed.name! }))
            .id;
        const [seat] = await query<{ id: number; region_code: string }>(
          tx,
          sql`INSERT INTO seats (region_code, person_id, unit_id, quota_kind, category, entered_on, entry_type)
          VALUES (${unit!.region_code}, ${personId}, ${unit!.id}, ${proposed.quotaKind}, ${proposed.category},
            ${proposed.enteredOn}, 'transfer_in') RETURNING id, region_code`,
        );
        if (proposed.postLevel) {
          const [postUnit] = await query<{ id: number }>(
            tx,
            sql`SELECT id FROM units WHERE code = ${proposed.postUnitCode ?? proposed.unitCode}`,
          );
          await addSeatPost(
            tx,
            { id: seat!.id, regionCode: seat!.region_code },
            {
              validFrom: null,
              postLevel: proposed.postLevel,
              postUnitId: proposed.postUnitCode ? postUnit!.id : null,
              postRank: proposed.postRank ?? null,
            },
          );
        }
        outcome = { checked, scanned: await scanned(), before };
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
    return outcome!;
  }

  const proposals: [string, () => ProposedSeat][] = [
    ['a hire into a full unit', () => hire({ unitCode: 'QF' })],
    ['a hire into the last vacancy', () => hire({ unitCode: 'QV' })],
    [
      'a second seat, in a full unit, for a person who holds one',
      () => hire({ idNumber: P.v2, unitCode: 'QF' }),
    ],
    [
      'a transfer that ends the old seat',
      () =>
        hire({
          idNumber: P.v2,
          unitCode: 'QS',
          quotaKind: 'institutional',
          category: 'institution_staff',
          endsSeatId: seatOf.v2!,
        }),
    ],
    [
      'a second head, above rank',
      () => hire({ idNumber: P.fresh2, unitCode: 'QP', postLevel: 'head', postRank: 'division' }),
    ],
    [
      'a division head of a division, above rank',
      () => hire({ unitCode: 'QP', postLevel: 'division_head', postUnitCode: 'QP2', postRank: 'section' }),
    ],
    ['a deputy at rank', () => hire({ unitCode: 'QP', postLevel: 'deputy', postRank: 'vice_section' })],
    [
      'a civil servant in an institution',
      () => hire({ unitCode: 'QS', quotaKind: 'institutional', category: 'civil_servant' }),
    ],
    [
      '参公 staff in a reference-managed unit',
      () => hire({ unitCode: 'QR', quotaKind: 'institutional', category: 'reference_civil_servant' }),
    ],
  ];

  it.each(proposals)('%s', async (_name, proposal) => {
    const { checked, scanned, before } = await checkThenScan(proposal());
    // Subjects clean before the change: whatever the scan finds after it, the change brought about.
    expect(before).toEqual([]);
    expect(checked).toEqual(scanned);
  });

  it('covers every one of the five rules among the proposals', async () => {
    const seen = new Set<string>();
    for (const [, proposal] of proposals) for (const w of await check(proposal())) seen.add(w.rule);
    expect([...seen].sort()).toEqual([
      'DUPLICATE_SEAT',
      'MIXED_POST',
      'OVER_POSTS',
      'OVER_QUOTA',
      'OVER_RANK',
    ]);
  });
});
