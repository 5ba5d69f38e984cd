import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csv, memoryDataset, withRows } from '../../../test/support/dataset.ts';
import { importerFor } from '../../../test/support/import-harness.ts';
import { EMPTY_REGISTER, registerCounts } from '../../../test/support/register.ts';
import { ID, idNumber, sampleDataset } from '../../../test/support/sample-dataset.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import { type Database, query, sql } from '../../db/database.ts';
import type { ImportError } from './import.errors.ts';

/**
 * FORMAT.md "Validation" between rows and files: references to the dataset and to what is stored,
 * and keys given twice. A rejected dataset writes nothing, not even the rows that were fine.
 */

let database: Database;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(() => database.close());

const NEW_UNIT =
  'QS009,青山县档案馆,320902,,public_institution,section,public_1,full,2026-01-01,青编〔2026〕1号,,,9';
const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(-4)}`;

/** Imports, expects exactly these errors, and that the register is as it was before. */
async function expectRejected(files: Record<string, string>, errors: ImportError[]) {
  const before = await registerCounts(database);
  const result = await importerFor(database).run(memoryDataset(files));
  expect(result.errors).toEqual(errors);
  expect(result.ok).toBe(false);
  expect(await registerCounts(database)).toEqual(before);
}

async function expectImported(files: Record<string, string>) {
  const result = await importerFor(database).run(memoryDataset(files));
  expect(result.errors).toEqual([]);
  expect(result.ok).toBe(true);
  return result;
}

describe('references within the dataset and to the register', () => {
  it('refuses a quota for a unit found neither in the dataset nor in the register', async () => {
    await expectRejected(
      withRows(sampleDataset(), { quotas: 'QS404,administrative,5,2024-01-01,青编〔2024〕9号' }),
      [
        {
          file: 'quotas.csv',
          row: 6,
          column: 'unit_code',
          value: 'QS404',
          reason: '机构不存在（本次导入和已有数据中均未找到）：QS404',
        },
      ],
    );
  });

  it('refuses a unit in a region found nowhere', async () => {
    await expectRejected(withRows(sampleDataset(), { units: NEW_UNIT.replace(',320902,', ',320999,') }), [
      {
        file: 'units.csv',
        row: 6,
        column: 'region_code',
        value: '320999',
        reason: '所属区划不存在（本次导入和已有数据中均未找到）：320999',
      },
    ]);
  });

  it('refuses a unit whose parent is found nowhere', async () => {
    await expectRejected(
      withRows(sampleDataset(), { units: NEW_UNIT.replace(',320902,,', ',320902,QS404,') }),
      [
        {
          file: 'units.csv',
          row: 6,
          column: 'parent_code',
          value: 'QS404',
          reason: '上级机构不存在（本次导入和已有数据中均未找到）：QS404',
        },
      ],
    );
  });

  it('accepts a file that refers to units stored by an earlier import', async () => {
    await expectImported(sampleDataset());
    const result = await expectImported({
      quotas: csv(
        'unit_code,kind,amount,effective_on,document_no',
        'QS002,administrative,2,2026-07-01,青编〔2026〕7号',
      ),
    });
    expect(result.counts).toEqual({ quotas: { rows: 1, added: 1, updated: 0 } });
    const [approved] = await query<{ amount: number }>(
      database.db,
      sql`SELECT sum(amount)::int AS amount FROM quota_ledger q JOIN units u ON u.id = q.unit_id WHERE u.code = 'QS002'`,
    );
    expect(approved!.amount).toBe(10);
  });

  it('refuses a secondment of someone who holds no seat, in the dataset or stored', async () => {
    const stranger = idNumber('1993-03-03', 13);
    await expectRejected(
      withRows(sampleDataset(), { secondments: `${stranger},QS002,QS001,2026-02-01,2026-12-31,,` }),
      [
        {
          file: 'secondments.csv',
          row: 3,
          column: 'id_number',
          value: masked(stranger),
          reason: '借调人员不在实名制名册中',
        },
      ],
    );
  });

  it('accepts a secondment of someone whose seat was stored by an earlier import', async () => {
    await expectImported(sampleDataset());
    await expectImported({
      secondments: csv(
        'id_number,from_unit_code,to_unit_code,start_on,end_on',
        `${ID.zhao},QS002,QS001,2026-07-01,2026-09-30`,
      ),
    });
    expect(await registerCounts(database)).toMatchObject({ secondments: 2 });
  });

  it('accepts payroll for someone on no roster: finding them is what the cross-checks are for', async () => {
    const unknown = idNumber('1996-06-06', 15);
    await expectImported(withRows(sampleDataset(), { payroll: `2026-06,${unknown},周七,QS002,5100.00` }));
    expect(await registerCounts(database)).toMatchObject({ payroll: 3, persons: 4 });
  });

  it('refuses payroll paid by a unit found nowhere', async () => {
    await expectRejected(withRows(sampleDataset(), { payroll: `2026-06,${ID.wang},王强,QS404,6800.00` }), [
      {
        file: 'payroll.csv',
        row: 4,
        column: 'unit_code',
        value: 'QS404',
        reason: '机构不存在（本次导入和已有数据中均未找到）：QS404',
      },
    ]);
  });
});

describe('keys given twice in one file', () => {
  it('reports the later of two units with one code, naming the first, whatever the letter case', async () => {
    await expectRejected(withRows(sampleDataset(), { units: NEW_UNIT.replace('QS009', 'qs002') }), [
      { file: 'units.csv', row: 6, column: null, value: null, reason: '与第 4 行的键（code）重复' },
    ]);
  });

  it('reports a seat given twice (same person, unit and entry date) but not a second seat of one person', async () => {
    await expectRejected(
      withRows(sampleDataset(), {
        persons: `${ID.zhang},张伟,QS001,administrative,civil_servant,2005-08-01,exam,,,,,,,大学`,
      }),
      [
        {
          file: 'persons.csv',
          row: 7,
          column: null,
          value: null,
          reason: '与第 2 行的键（id_number、unit_code、entered_on）重复',
        },
      ],
    );
  });

  it('reports a quota change given twice by its four-column key, not one with another document', async () => {
    await expectRejected(
      withRows(sampleDataset(), {
        quotas: [
          'QS001,administrative,-1,2024-03-01,青编〔2024〕4号',
          'QS001,administrative,5,2024-03-01,青编〔2024〕3号',
        ].join('\n'),
      }),
      [
        {
          file: 'quotas.csv',
          row: 7,
          column: null,
          value: null,
          reason: '与第 3 行的键（unit_code、kind、effective_on、document_no）重复',
        },
      ],
    );
  });
});

describe('all or nothing', () => {
  it('writes nothing when a good new unit comes with a quota for a unit found nowhere', async () => {
    await expectRejected(
      withRows(sampleDataset(), {
        units: NEW_UNIT,
        quotas: [
          'QS009,institutional,12,2026-01-01,青编〔2026〕1号',
          'QS404,institutional,1,2026-01-01,青编〔2026〕1号',
        ].join('\n'),
      }),
      [
        {
          file: 'quotas.csv',
          row: 7,
          column: 'unit_code',
          value: 'QS404',
          reason: '机构不存在（本次导入和已有数据中均未找到）：QS404',
        },
      ],
    );
    expect(await registerCounts(database)).toEqual(EMPTY_REGISTER);
  });

  it('leaves what an earlier import stored untouched when a later one is rejected', async () => {
    await expectImported(sampleDataset());
    await expectRejected(
      {
        units: csv('code,name', 'QS002,青山县财政局（国资委）'),
        quotas: csv(
          'unit_code,kind,amount,effective_on,document_no',
          'QS404,administrative,1,2026-07-01,青编〔2026〕8号',
        ),
      },
      [
        {
          file: 'quotas.csv',
          row: 2,
          column: 'unit_code',
          value: 'QS404',
          reason: '机构不存在（本次导入和已有数据中均未找到）：QS404',
        },
      ],
    );
    const names = await query<{ name: string }>(
      database.db,
      sql`SELECT v.name FROM unit_versions v JOIN units u ON u.id = v.unit_id WHERE u.code = 'QS002'`,
    );
    expect(names).toEqual([{ name: '青山县财政局' }]);
  });
});
