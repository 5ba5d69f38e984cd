import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csv, memoryDataset, withRows } from '../../../test/support/dataset.ts';
import { importerFor } from '../../../test/support/import-harness.ts';
import { EMPTY_REGISTER, registerCounts } from '../../../test/support/register.ts';
import { ID, idNumber, sampleDataset } from '../../../test/support/sample-dataset.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import { type Database, query, sql } from '../../db/database.ts';
import { creditCodeCheckChar } from '../identity/unit-code.ts';
import type { ImportError } from './import.errors.ts';

/**
 * FORMAT.md "Validation", one cell at a time: types, enumerations, the check characters of ID
 * numbers and credit codes. Every rejected dataset names the cell and writes nothing.
 */

let database: Database;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(() => database.close());

const REGION = csv('code,name', '320902,青山县');
/** The sample county's units.csv header has 13 columns; a new unit QS009 with one cell changed. */
const newUnit = (changes: Partial<Record<'code' | 'funding' | 'established_on', string>> = {}) =>
  [
    changes.code ?? 'QS009',
    '青山县档案馆',
    '320902',
    '',
    'public_institution',
    'section',
    'public_1',
    changes.funding ?? 'full',
    changes.established_on ?? '2026-01-01',
    '青编〔2026〕1号',
    '',
    '',
    '9',
  ].join(',');
/** A new seat in the sample county's persons.csv (14 columns), row 7. */
const newSeat = (id: string, name = '孙丽') =>
  `${id},${name},QS002,administrative,civil_servant,2020-01-01,exam,,,,,,,大学`;
const wrongCheck = (id: string) => `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}`;

async function expectRejected(files: Record<string, string>, errors: ImportError[]) {
  const result = await importerFor(database).run(memoryDataset(files));
  expect(result.errors).toEqual(errors);
  expect(result.ok).toBe(false);
  expect(result.auditSeq).toBeNull();
  expect(await registerCounts(database)).toEqual(EMPTY_REGISTER);
}

async function expectImported(files: Record<string, string>) {
  const result = await importerFor(database).run(memoryDataset(files));
  expect(result.errors).toEqual([]);
  expect(result.ok).toBe(true);
  return result;
}

describe('cell types', () => {
  it('refuses a quota amount that is not a whole number', async () => {
    await expectRejected(
      withRows(sampleDataset(), { quotas: 'QS002,administrative,2.5,2024-01-01,青编〔2024〕9号' }),
      [{ file: 'quotas.csv', row: 6, column: 'amount', value: '2.5', reason: '「数量」应为整数' }],
    );
  });

  it('refuses a payroll amount with more than two decimals', async () => {
    await expectRejected(withRows(sampleDataset(), { payroll: `2026-06,${ID.wang},王强,QS002,6800.505` }), [
      {
        file: 'payroll.csv',
        row: 4,
        column: 'amount',
        value: '6800.505',
        reason: '「应发金额」应为金额（最多两位小数）',
      },
    ]);
  });

  it('refuses a yes/no cell that says neither, and takes 是 as yes', async () => {
    const units = (value: string) =>
      csv(
        'code,name,region_code,kind,reference_managed',
        `QS009,青山县档案馆,320902,public_institution,${value}`,
      );
    await expectRejected({ regions: REGION, units: units('参照') }, [
      {
        file: 'units.csv',
        row: 2,
        column: 'reference_managed',
        value: '参照',
        reason: '「参照公务员法管理」应为 true/false 或 是/否',
      },
    ]);
    await expectImported({ regions: REGION, units: units('是') });
    const stored = await query<{ reference_managed: boolean }>(
      database.db,
      sql`SELECT reference_managed FROM unit_versions`,
    );
    expect(stored).toEqual([{ reference_managed: true }]);
  });

  it('refuses a date that does not exist (30 February)', async () => {
    await expectRejected(withRows(sampleDataset(), { units: newUnit({ established_on: '2026-02-30' }) }), [
      {
        file: 'units.csv',
        row: 6,
        column: 'established_on',
        value: '2026-02-30',
        reason: '「设立日期」应为有效日期（YYYY-MM-DD）',
      },
    ]);
  });

  it('refuses a payroll period with a thirteenth month', async () => {
    await expectRejected(withRows(sampleDataset(), { payroll: `2026-13,${ID.wang},王强,QS002,6800.00` }), [
      {
        file: 'payroll.csv',
        row: 4,
        column: 'period',
        value: '2026-13',
        reason: '「所属期」应为有效的年月（YYYY-MM）',
      },
    ]);
  });
});

describe('enumerations', () => {
  it('refuses a value outside an enumeration and lists the allowed ones', async () => {
    await expectRejected(withRows(sampleDataset(), { units: newUnit({ funding: 'free' }) }), [
      {
        file: 'units.csv',
        row: 6,
        column: 'funding',
        value: 'free',
        reason: '「经费形式」的值无效，应为：full（全额拨款）、partial（差额拨款）、self（自收自支）',
      },
    ]);
  });

  it('accepts Chinese headers and Chinese labels, storing the keys', async () => {
    await expectImported({
      regions: csv('区划代码,区划名称', '320902,青山县'),
      units: csv(
        '机构代码,机构名称,所属区划,机构类别,机构规格,经费形式,参照公务员法管理',
        'QS001,中共青山县委组织部,320902,党委部门,正科,全额拨款,否',
      ),
      quotas: csv('机构代码,编制类型,数量,生效日期,文号', 'QS001,行政编制,10,2010-01-01,青编〔2010〕1号'),
      persons: csv(
        '公民身份号码,姓名,编制所在单位,编制类型,人员类别,入编时间,进入方式,在岗状态',
        `${ID.zhang},张伟,QS001,行政编制,公务员,2005-08-01,考录,长期病休`,
      ),
    });
    const [unit] = await query(
      database.db,
      sql`SELECT kind, rank, funding, reference_managed FROM unit_versions`,
    );
    expect(unit).toEqual({
      kind: 'party_committee',
      rank: 'section',
      funding: 'full',
      reference_managed: false,
    });
    expect(await query(database.db, sql`SELECT kind, amount FROM quota_ledger`)).toEqual([
      { kind: 'administrative', amount: 10 },
    ]);
    expect(await query(database.db, sql`SELECT quota_kind, category, entry_type, status FROM seats`)).toEqual(
      [{ quota_kind: 'administrative', category: 'civil_servant', entry_type: 'exam', status: 'sick_leave' }],
    );
  });
});

describe('ID numbers', () => {
  it('refuses an ID number whose check character is wrong', async () => {
    const bad = wrongCheck(idNumber('1992-04-04', 9));
    await expectRejected(withRows(sampleDataset(), { persons: newSeat(bad) }), [
      { file: 'persons.csv', row: 7, column: 'id_number', value: bad, reason: '公民身份号码校验码错误' },
    ]);
  });

  it('refuses an ID number whose birth date cannot be (30 February)', async () => {
    const bad = idNumber('1980-02-30', 9);
    await expectRejected(withRows(sampleDataset(), { persons: newSeat(bad) }), [
      {
        file: 'persons.csv',
        row: 7,
        column: 'id_number',
        value: bad,
        reason: '公民身份号码中的出生日期无效',
      },
    ]);
  });

  it('accepts a lowercase x and treats it as the same number as an uppercase X', async () => {
    const withX = '32090219880808006X';
    await expectImported(
      withRows(sampleDataset(), {
        persons: newSeat(withX.toLowerCase()),
        // The secondment names the person with an uppercase X: the same holder of a seat.
        secondments: `${withX},QS002,QS001,2026-02-01,2026-12-31,,`,
      }),
    );
    expect(
      await query(
        database.db,
        sql`SELECT name, id_masked, gender, birth_date FROM persons WHERE name = '孙丽'`,
      ),
    ).toEqual([
      { name: '孙丽', id_masked: '320902********006X', gender: 'female', birth_date: '1988-08-08' },
    ]);
    expect(await registerCounts(database)).toMatchObject({ persons: 5, seats: 6, secondments: 2 });
  });
});

describe('unit codes', () => {
  const creditCode = (first17: string) => `${first17}${creditCodeCheckChar(first17)}`;

  it('refuses an 18-character unit code whose GB 32100 check character is wrong', async () => {
    const valid = creditCode('12320902MB0000010');
    const bad = `${valid.slice(0, 17)}${valid[17] === 'A' ? 'B' : 'A'}`;
    await expectRejected(withRows(sampleDataset(), { units: newUnit({ code: bad }) }), [
      { file: 'units.csv', row: 6, column: 'code', value: bad, reason: '统一社会信用代码校验码错误' },
    ]);
  });

  it('accepts a valid 统一社会信用代码 as a unit code that other files refer to', async () => {
    const code = creditCode('12320902MB0000010');
    await expectImported(
      withRows(sampleDataset(), {
        units: newUnit({ code }),
        quotas: `${code},institutional,12,2026-01-01,青编〔2026〕1号`,
      }),
    );
    const stored = await query(
      database.db,
      sql`SELECT u.code, q.amount FROM quota_ledger q JOIN units u ON u.id = q.unit_id WHERE q.kind = 'institutional'`,
    );
    expect(stored).toEqual([{ code, amount: 12 }]);
  });
});
