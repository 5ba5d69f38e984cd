import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csv, memoryDataset, withRows } from '../../../test/support/dataset.ts';
import { importerFor } from '../../../test/support/import-harness.ts';
import { registerCounts } from '../../../test/support/register.ts';
import { ID, idNumber, sampleDataset } from '../../../test/support/sample-dataset.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import { type Database, query, sql } from '../../db/database.ts';
import type { ImportError } from './import.errors.ts';

/**
 * FORMAT.md "Validation" of the roster: dates that cannot be (an exit before the entry, a seat in
 * an abolished unit, an abolition before the establishment), a seat in an internal division, and
 * rows of one person that disagree.
 */

let database: Database;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(() => database.close());

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

/** The sample county with an abolished_on column in units.csv, filled for one unit. */
function abolishing(code: string, on: string, dataset = sampleDataset()): Record<string, string> {
  const [header, ...rows] = dataset.units!.split('\n');
  const units = [
    `${header},abolished_on`,
    ...rows.map((row) => `${row},${row.startsWith(`${code},`) ? on : ''}`),
  ].join('\n');
  return { ...dataset, units };
}

/** 14 cells, as in the sample's persons.csv. */
const seat = (id: string, name: string, unit: string, enteredOn: string, exitedOn = '') =>
  `${id},${name},${unit},administrative,civil_servant,${enteredOn},exam,,,,,${exitedOn},${exitedOn ? 'transfer_out' : ''},大学`;

describe('dates that cannot be', () => {
  it('refuses an exit before the entry', async () => {
    const id = idNumber('1991-01-01', 17);
    await expectRejected(
      withRows(sampleDataset(), { persons: seat(id, '吴昊', 'QS002', '2020-01-01', '2019-12-31') }),
      [
        {
          file: 'persons.csv',
          row: 7,
          column: 'exited_on',
          value: '2019-12-31',
          reason: '出编时间早于入编时间',
        },
      ],
    );
  });

  it('refuses a unit abolished before it was established', async () => {
    await expectRejected(abolishing('QS001A', '2009-12-31'), [
      {
        file: 'units.csv',
        row: 3,
        column: 'abolished_on',
        value: '2009-12-31',
        reason: '撤销日期早于设立日期',
      },
    ]);
  });

  it('refuses an abolition date before the establishment date already stored', async () => {
    await expectImported(sampleDataset());
    await expectRejected({ units: csv('code,abolished_on', 'QS001A,2009-12-31') }, [
      {
        file: 'units.csv',
        row: 2,
        column: 'abolished_on',
        value: '2009-12-31',
        reason: '撤销日期早于已有的设立日期（2010-01-01）',
      },
    ]);
  });

  it('refuses a seat entered after its unit was abolished, and accepts one that ended before', async () => {
    // 赵敏's seat in the school ended on 2020-12-31, the day before the school was abolished: fine.
    const id = idNumber('1991-01-01', 17);
    await expectRejected(
      withRows(abolishing('QS003', '2021-01-01'), { persons: seat(id, '吴昊', 'QS003', '2022-09-01') }),
      [
        {
          file: 'persons.csv',
          row: 7,
          column: 'unit_code',
          value: 'QS003',
          reason: '该单位已于 2021-01-01 撤销，不能在撤销后占用编制',
        },
      ],
    );
  });

  it('refuses a seat still active on the day its unit is abolished', async () => {
    await expectRejected(abolishing('QS003', '2020-06-30'), [
      {
        file: 'persons.csv',
        row: 5,
        column: 'unit_code',
        value: 'QS003',
        reason: '该单位已于 2020-06-30 撤销，不能在撤销后占用编制',
      },
    ]);
  });

  it('accepts a seat that ends on the very day its unit is abolished', async () => {
    await expectImported(abolishing('QS003', '2020-12-31'));
    expect(await registerCounts(database)).toMatchObject({ units: 4, seats: 5 });
  });

  it('refuses to abolish a unit whose stored seats would still be active', async () => {
    await expectImported(sampleDataset());
    await expectRejected({ units: csv('code,abolished_on', 'QS002,2026-07-01') }, [
      {
        file: 'units.csv',
        row: 2,
        column: 'abolished_on',
        value: '2026-07-01',
        reason: '撤销时该单位仍有 2 人占用编制（未出编），须先办理出编',
      },
    ]);
  });

  it('abolishes a unit whose seats end in the same dataset', async () => {
    await expectImported(sampleDataset());
    await expectImported({
      units: csv('code,abolished_on', 'QS002,2026-07-01'),
      persons: csv(
        'id_number,unit_code,entered_on,exited_on,exit_type',
        `${ID.wang},QS002,2015-07-01,2026-06-30,transfer_out`,
        `${ID.zhao},QS002,2021-01-01,2026-07-01,transfer_out`,
      ),
    });
    const [unit] = await query(database.db, sql`SELECT abolished_on FROM units WHERE code = 'QS002'`);
    expect(unit).toEqual({ abolished_on: '2026-07-01' });
  });

  it('takes a seat’s stored exit when the persons file leaves that column out', async () => {
    await expectImported(abolishing('QS003', '2021-06-30'));
    // Only the education is corrected: the seat in the abolished school ended long ago, as stored.
    const result = await expectImported({
      persons: csv('id_number,unit_code,entered_on,education', `${ID.zhao},QS003,2000-09-01,本科`),
    });
    expect(result.counts.persons).toEqual({ rows: 1, added: 0, updated: 1 });
    const [person] = await query(database.db, sql`SELECT education FROM persons WHERE name = '赵敏'`);
    expect(person).toEqual({ education: '本科' });
  });
});

describe('where a seat can be', () => {
  it('refuses a seat whose unit is an internal division', async () => {
    const id = idNumber('1991-01-01', 17);
    await expectRejected(withRows(sampleDataset(), { persons: seat(id, '吴昊', 'QS001A', '2022-09-01') }), [
      {
        file: 'persons.csv',
        row: 7,
        column: 'unit_code',
        value: 'QS001A',
        reason: '编制所在单位不能是内设机构（内设机构不核定编制）',
      },
    ]);
  });

  it('refuses a seat in a stored unit that has since become an internal division', async () => {
    await expectImported(sampleDataset());
    await expectImported({ units: csv('code,kind,parent_code', 'QS003,internal_division,QS002') });
    await expectRejected(
      {
        persons: csv(
          'id_number,name,unit_code,quota_kind,category,entered_on,entry_type',
          `${idNumber('1991-01-01', 17)},吴昊,QS003,institutional,institution_staff,2026-07-01,recruit`,
        ),
      },
      [
        {
          file: 'persons.csv',
          row: 2,
          column: 'unit_code',
          value: 'QS003',
          reason: '编制所在单位不能是内设机构（内设机构不核定编制）',
        },
      ],
    );
  });
});

describe('rows of one person', () => {
  const header = 'id_number,name,unit_code,quota_kind,category,entered_on,entry_type,retirement_group';
  const li = (name: string, unit: string, enteredOn: string, category: string, group: string) =>
    `${ID.li},${name},${unit},administrative,${category},${enteredOn},exam,${group}`;
  /** The county with only 李娜 (a woman) on its roster. */
  const withLi = (...rows: string[]) => {
    const { secondments: _, ...county } = sampleDataset();
    return { ...county, persons: csv(header, ...rows) };
  };

  it('refuses rows of one ID number that disagree on the name', async () => {
    const dataset = sampleDataset();
    dataset.persons = dataset.persons!.replace(`${ID.zhao},赵敏,QS002`, `${ID.zhao},赵明,QS002`);
    await expectRejected(dataset, [
      {
        file: 'persons.csv',
        row: 6,
        column: 'name',
        value: '赵明',
        reason: '同一公民身份号码的各行姓名不一致（第 5 行为「赵敏」）',
      },
    ]);
  });

  it('refuses rows of one ID number that disagree on the retirement group', async () => {
    await expectRejected(
      withLi(
        li('李娜', 'QS003', '2005-09-01', 'logistics_worker', 'female_worker'),
        li('李娜', 'QS001', '2010-07-01', 'civil_servant', 'female_cadre'),
      ),
      [
        {
          file: 'persons.csv',
          row: 3,
          column: 'retirement_group',
          value: 'female_cadre',
          reason:
            '同一公民身份号码的各行退休类别不一致（第 2 行为「原50周岁女职工」，本行为「原55周岁女职工」）',
        },
      ],
    );
  });

  it('accepts one row stating the retirement group that another leaves to its default', async () => {
    await expectImported(
      withLi(
        li('李娜', 'QS003', '2005-09-01', 'institution_staff', ''),
        li('李娜', 'QS001', '2010-07-01', 'civil_servant', '原55周岁女职工'),
      ),
    );
    expect(await query(database.db, sql`SELECT retirement_group FROM persons`)).toEqual([
      { retirement_group: 'female_cadre' },
    ]);
  });

  it('refuses rows whose defaults differ (工勤 then 公务员) until the retirement group is stated', async () => {
    await expectRejected(
      withLi(
        li('李娜', 'QS003', '2005-09-01', 'logistics_worker', ''),
        li('李娜', 'QS001', '2010-07-01', 'civil_servant', ''),
      ),
      [
        {
          file: 'persons.csv',
          row: 3,
          column: 'retirement_group',
          value: null,
          reason:
            '同一公民身份号码的各行退休类别不一致（第 2 行为「原50周岁女职工」，本行为「原55周岁女职工」）：未填写时按性别和人员类别推定，请填写「退休类别」',
        },
      ],
    );
  });
});
