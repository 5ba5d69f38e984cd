import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, memoryDataset } from '../../../test/support/dataset.ts';
import { importerFor } from '../../../test/support/import-harness.ts';
import { idNumber } from '../../../test/support/sample-dataset.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import type { Database } from '../../db/database.ts';
import type { Warning } from './warning.types.ts';
import { scanAll, subjectOf } from './warnings.service.ts';

/**
 * A small county with, for every rule, a case it must find and a near-miss from RULES.md's edges it
 * must not (named in the comments). Scanned as of D = 2026-06-30 for P = 2026-06.
 */
const P = {
  zhang: idNumber('1980-01-01', 1), // head at rank: no OVER_RANK
  li: idNumber('1985-05-05', 2), // division_head in a division counts against the parent: no OVER_POSTS
  qian: idNumber('1990-03-03', 3), // deputy above rank; secondment ended; paid by another unit
  wang: idNumber('1990-03-03', 5), // seconded exactly 365 days: no SECONDMENT_OVERDUE; insured elsewhere
  zhou: idNumber('1988-04-04', 7), // exits on D: not active (OVER_QUOTA, OVER_POSTS); paid in P: no GHOST_PAY
  old1: idNumber('1965-01-15', 9), // retired 2025-02: RETIREMENT_OVERDUE
  old2: idNumber('1966-02-10', 11), // retires in D's own month: not overdue
  mix: idNumber('1992-02-02', 13), // civil servant on school staff quota; works away unrecorded
  ref: idNumber('1991-01-01', 15), // 参公 on institutional quota of a reference-managed unit: no MIXED_POST
  dup: idNumber('1993-03-03', 17), // two active seats: DUPLICATE_SEAT; paid by one of them
  move: idNumber('1987-07-07', 19), // exits one seat on D and enters another on D: no DUPLICATE_SEAT
  off1: idNumber('1970-01-01', 21), // off-quota deputy: OFF_QUOTA_LEADER
  off2: idNumber('1971-01-01', 23), // off-quota head whose record ends on D: no
  ghost: idNumber('1975-05-05', 25), // paid, never on the roster: GHOST_PAY
  ghost2: idNumber('1976-06-06', 29), // paid in another period only: no
  far: idNumber('1989-09-09', 27), // in a region without payroll for P: no UNPAID_SEAT
};

const dataset = {
  regions: csv('code,name,parent_code,unit_cap', '320902,青山县,,2', '320903,青水县,320902,'),
  units: csv(
    'code,name,region_code,parent_code,kind,rank,reference_managed,established_on,document_no,division_cap,abolished_on',
    'QS001,组织部,320902,,party_committee,section,,2010-01-01,青编1号,1,',
    'QS001A,干部科,320902,QS001,internal_division,unit_level,,2010-01-01,,,',
    'QS001B,老干部科,320902,QS001,internal_division,unit_level,,2010-01-01,,,2026-01-01',
    'QS002,财政局,320902,,government,section,,2010-01-01,青编2号,0,',
    'QS002A,预算科,320902,QS002,internal_division,unit_level,,2010-01-01,,,',
    'QS003,第一中学,320902,,public_institution,vice_section,,2011-09-01,青编9号,,',
    'QS004,旧局,320902,,government,section,,2010-01-01,,,2026-06-30',
    'QS006,事务中心,320902,,public_institution,vice_section,true,2026-03-01,,,',
    'QT001,水利局,320903,,government,section,,2010-01-01,青水编1号,,',
  ),
  quotas: csv(
    'unit_code,kind,amount,effective_on,document_no',
    'QS001,administrative,2,2010-01-01,青编1号',
    'QS001,administrative,1,2026-07-01,青编2026号',
    'QS002,administrative,1,2010-01-01,青编2号',
    'QS003,school_staff,60,2011-09-01,青编9号',
    'QS006,institutional,5,2026-03-01,青编2026-3号',
    'QT001,administrative,1,2010-01-01,青水编1号',
  ),
  posts: csv(
    'unit_code,level,amount,effective_on,document_no',
    'QS001,head,1,2010-01-01,青编1号',
    'QS001,deputy,1,2010-01-01,青编1号',
    'QS001,division_head,1,2010-01-01,青编1号',
  ),
  charters: csv(
    'unit_code,issued_on,document_no',
    'QS001,2019-03-01,三定1号',
    'QS003,2012-01-01,三定3号',
    'QT001,2012-01-01,三定9号',
  ),
  persons: csv(
    'id_number,name,unit_code,quota_kind,category,entered_on,entry_type,work_unit_code,post_level,post_unit_code,post_rank,exited_on,exit_type',
    `${P.zhang},张伟,QS001,administrative,civil_servant,2005-08-01,exam,,head,,section,,`,
    `${P.li},李娜,QS001,administrative,civil_servant,2010-07-01,exam,,division_head,QS001A,unit_level,,`,
    `${P.qian},钱军,QS001,administrative,civil_servant,2015-07-01,exam,,deputy,,section,,`,
    `${P.wang},王强,QS002,administrative,civil_servant,2015-07-01,exam,QS001,deputy,,,,`,
    `${P.zhou},周明,QS002,administrative,civil_servant,2012-07-01,exam,,head,,,2026-06-30,transfer_out`,
    `${P.old1},吴老,QS003,school_staff,institution_staff,1985-09-01,recruit,,,,,,`,
    `${P.old2},郑老,QS003,school_staff,institution_staff,1986-09-01,recruit,,,,,,`,
    `${P.mix},冯混,QS003,school_staff,civil_servant,2016-09-01,exam,QS006,,,,,`,
    `${P.ref},陈参,QS006,institutional,reference_civil_servant,2026-03-01,transfer_in,,,,,,`,
    `${P.dup},褚双,QS003,school_staff,institution_staff,2017-09-01,recruit,,,,,,`,
    `${P.dup},褚双,QS006,institutional,institution_staff,2026-03-01,transfer_in,,,,,,`,
    `${P.move},卫调,QS003,school_staff,institution_staff,2018-09-01,recruit,,,,,2026-06-30,transfer_out`,
    `${P.move},卫调,QS006,institutional,institution_staff,2026-06-30,transfer_in,,,,,,`,
    `${P.far},蒋远,QT001,administrative,civil_servant,2014-07-01,exam,,,,,,`,
  ),
  secondments: csv(
    'id_number,from_unit_code,to_unit_code,start_on,end_on,returned_on,document_no',
    `${P.wang},QS002,QS001,2025-06-30,2026-12-31,,借1号`,
    `${P.qian},QS001,QS002,2026-01-01,2026-06-29,,借2号`,
  ),
  off_quota: csv(
    'id_number,name,unit_code,type,start_on,end_on,post_level',
    `${P.off1},沈外,QS002,contract,2023-01-01,,deputy`,
    `${P.off2},韩外,QS002,contract,2023-01-01,2026-06-30,head`,
  ),
  payroll: csv(
    'period,id_number,name,unit_code,amount',
    `2026-06,${P.zhang},张伟,QS001,8500.00`,
    `2026-06,${P.zhou},周明,QS002,8000.00`,
    `2026-06,${P.qian},钱军,QS002,7000.00`,
    `2026-06,${P.dup},褚双,QS006,6000.00`,
    `2026-06,${P.ghost},杨空,QS001,5000.00`,
    `2026-05,${P.ghost2},朱空,QS001,5000.00`,
  ),
  insurance: csv(
    'period,id_number,name,unit_code',
    `2026-06,${P.li},李娜,QS001`,
    `2026-06,${P.wang},王强,QS001`,
    `2026-06,${P.move},卫调,QS003`,
  ),
};

const expected: Record<string, string[]> = {
  UNIT_OVER_CAP: ['|QS002'], // the region's cap of 2 holds: QS004 is abolished on D; QS001B abolished
  UNIT_NO_DOCUMENT: ['|QS006'], // QS004 abolished; divisions need none
  STALE_CHARTER: ['|QS002'], // QS001 chartered after its change; QS006 changed 121 days ago
  OVER_QUOTA: ['|QS001|administrative'], // the +1 effective after D does not count
  FULL_QUOTA: ['|QS002|administrative', '|QT001|administrative'],
  MIXED_POST: [P.mix],
  OVER_POSTS: ['|QS002|deputy'],
  OVER_RANK: [P.qian],
  OFF_QUOTA_LEADER: [`${P.off1}|QS002`],
  DUPLICATE_SEAT: [P.dup],
  RETIREMENT_OVERDUE: [P.old1],
  SECONDMENT_OVERDUE: [P.qian],
  WORK_AWAY_UNRECORDED: [P.mix],
  GHOST_PAY: [P.ghost],
  PAY_UNIT_MISMATCH: [P.qian],
  UNPAID_SEAT: [P.old1, P.old2, P.mix, P.ref],
  INSURANCE_UNIT_MISMATCH: [P.wang],
};

let database: Database;
let warnings: Warning[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const importer = importerFor(database);
  const imported = await importer.run(memoryDataset(dataset));
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors.slice(0, 5)));
  warnings = await scanAll(database, importer.idCipher, { asOf: '2026-06-30', period: '2026-06' });
});

afterAll(() => database?.close());

function subjectString(w: Warning): string {
  const s = subjectOf(w);
  if (s.idNumber)
    return s.unitCode && w.rule === 'OFF_QUOTA_LEADER' ? `${s.idNumber}|${s.unitCode}` : s.idNumber;
  return ['', s.regionCode ?? s.unitCode, s.quotaKind ?? s.postLevel]
    .filter((x) => x !== undefined)
    .join('|');
}

describe('warning rules at their edges', () => {
  it.each(Object.keys(expected))('%s finds its case and not the near-misses', (rule) => {
    const found = warnings.filter((w) => w.rule === rule).map(subjectString);
    expect(found.sort()).toEqual([...expected[rule]!].sort());
  });
});
