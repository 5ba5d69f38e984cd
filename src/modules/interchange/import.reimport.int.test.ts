import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csv, memoryDataset, writeCsvFolder } from '../../../test/support/dataset.ts';
import { importerFor } from '../../../test/support/import-harness.ts';
import { registerCounts } from '../../../test/support/register.ts';
import { ID, sampleDataset } from '../../../test/support/sample-dataset.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import { type Database, query, sql } from '../../db/database.ts';
import { openCsvFolder } from './csv-source.ts';
import { createDatasetWriter } from './dataset-writer.ts';
import { exportDataset } from './export.service.ts';

/**
 * FORMAT.md "Keys and re-import": an import adds new keys and updates known ones; a column left
 * out keeps what is stored, an empty cell clears it; keys never change; the same dataset twice
 * changes nothing.
 */

let database: Database;
let importer: ReturnType<typeof importerFor>;
beforeEach(async () => {
  database = await createTestDatabase();
  importer = importerFor(database);
  const first = await importer.run(memoryDataset(sampleDataset()));
  expect(first.errors).toEqual([]);
});
afterEach(() => database.close());

async function reimport(files: Record<string, string>, options: { effectiveOn?: string } = {}) {
  const result = await importer.run(memoryDataset(files), options);
  expect(result.errors).toEqual([]);
  expect(result.ok).toBe(true);
  return result;
}

const unitOf = async (code: string) =>
  (
    await query(
      database.db,
      sql`SELECT established_on, document_no, region_code FROM units WHERE code = ${code}`,
    )
  )[0];
const versionsOf = (code: string) =>
  query<{ valid_from: string | null; rank: string | null }>(
    database.db,
    sql`SELECT v.valid_from, v.name, v.rank, v.funding, v.division_cap, v.sort_order
        FROM unit_versions v JOIN units u ON u.id = v.unit_id WHERE u.code = ${code} ORDER BY v.valid_from NULLS FIRST`,
  );
const seatOf = async (id: string, enteredOn: string) =>
  (
    await query(
      database.db,
      sql`SELECT s.approval_no, s.exited_on, p.education FROM seats s JOIN persons p ON p.id = s.person_id
          WHERE p.id_index = ${importer.idCipher.index(id)} AND s.entered_on = ${enteredOn}`,
    )
  )[0];

describe('columns left out and cells left empty', () => {
  it('keeps the stored values of every column the file leaves out', async () => {
    const result = await reimport(
      { units: csv('code,funding', 'QS002,partial') },
      { effectiveOn: '2026-07-01' },
    );
    expect(result.counts.units).toEqual({ rows: 1, added: 0, updated: 1 });
    expect(await unitOf('QS002')).toEqual({
      established_on: '2010-01-01',
      document_no: '青编〔2010〕2号',
      region_code: '320902',
    });
    expect(await versionsOf('QS002')).toEqual([
      {
        valid_from: null,
        name: '青山县财政局',
        rank: 'section',
        funding: 'full',
        division_cap: 6,
        sort_order: 2,
      },
      {
        valid_from: '2026-07-01',
        name: '青山县财政局',
        rank: 'section',
        funding: 'partial',
        division_cap: 6,
        sort_order: 2,
      },
    ]);
  });

  it('clears a value whose cell is empty in a column the file has', async () => {
    await reimport({
      persons: csv(
        'id_number,unit_code,entered_on,approval_no',
        `${ID.wang},QS002,2015-07-01,青编核〔2015〕7号`,
      ),
    });
    expect(await seatOf(ID.wang, '2015-07-01')).toEqual({
      approval_no: '青编核〔2015〕7号',
      exited_on: null,
      education: '大学',
    });
    const result = await reimport({
      persons: csv('id_number,unit_code,entered_on,education,approval_no', `${ID.wang},QS002,2015-07-01,,`),
      units: csv('code,document_no', 'QS002,'),
    });
    // The person's education and the seat's approval number: two stored records changed by one row.
    expect(result.counts.persons).toEqual({ rows: 1, added: 0, updated: 2 });
    expect(await seatOf(ID.wang, '2015-07-01')).toEqual({
      approval_no: null,
      exited_on: null,
      education: null,
    });
    expect(await unitOf('QS002')).toMatchObject({ document_no: null, established_on: '2010-01-01' });
  });

  it('clears a unit attribute in a new version, keeping the version before it', async () => {
    await reimport({ units: csv('code,rank', 'QS003,') }, { effectiveOn: '2026-07-01' });
    expect((await versionsOf('QS003')).map((v) => [v.valid_from, v.rank])).toEqual([
      [null, 'vice_section'],
      ['2026-07-01', null],
    ]);
  });
});

describe('keys', () => {
  it('never changes a key: a corrected document number is a new ledger row and the old one stays', async () => {
    const result = await reimport({
      quotas: csv(
        'unit_code,kind,amount,effective_on,document_no',
        'QS002,administrative,8,2010-01-01,青编〔2010〕20号',
      ),
    });
    expect(result.counts.quotas).toEqual({ rows: 1, added: 1, updated: 0 });
    expect(
      await query(
        database.db,
        sql`SELECT q.document_no, q.amount FROM quota_ledger q JOIN units u ON u.id = q.unit_id WHERE u.code = 'QS002' ORDER BY q.document_no`,
      ),
    ).toEqual([
      { document_no: '青编〔2010〕20号', amount: 8 },
      { document_no: '青编〔2010〕2号', amount: 8 },
    ]);
  });

  it('matches a unit code written in lowercase to the stored key', async () => {
    const result = await reimport({
      units: csv('code,name', 'qs002,青山县财政局（国资委）'),
      payroll: csv('period,id_number,name,unit_code,amount', `2026-06,${ID.zhang},张伟,qs001,8600.00`),
    });
    expect(result.counts.units).toEqual({ rows: 1, added: 0, updated: 1 });
    expect(result.counts.payroll).toEqual({ rows: 1, added: 0, updated: 1 });
    expect(await registerCounts(database)).toMatchObject({ units: 4, payroll: 2 });
  });

  it('updates a seat by its key and adds one whose entry date differs', async () => {
    const result = await reimport({
      persons: csv(
        'id_number,name,unit_code,quota_kind,category,entered_on,entry_type',
        `${ID.wang},王强,QS002,administrative,civil_servant,2015-07-01,exam`,
        `${ID.wang},王强,QS002,administrative,civil_servant,2015-08-01,selected_graduate`,
      ),
    });
    expect(result.counts.persons).toEqual({ rows: 2, added: 1, updated: 1 });
    expect(await registerCounts(database)).toMatchObject({ persons: 4, seats: 6 });
  });
});

describe('the same dataset again', () => {
  it('changes nothing, even on another effective date: no new versions, no change rows', async () => {
    const before = await registerCounts(database);
    const again = await importer.run(openCsvFolder(writeCsvFolder(sampleDataset())), {
      effectiveOn: '2026-12-01',
    });
    expect(again.errors).toEqual([]);
    for (const counts of Object.values(again.counts)) expect(counts).toMatchObject({ added: 0, updated: 0 });
    expect(await registerCounts(database)).toEqual({ ...before, audit_log: before.audit_log! + 1 });
  });

  it('changes nothing when its own export, with Chinese headers and labels, comes back', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'bianzhi-reimport-')), 'export');
    await exportDataset(
      { database, idCipher: importer.idCipher },
      createDatasetWriter(folder, { format: 'csv' }),
      {
        labels: 'zh',
      },
    );
    const before = await registerCounts(database);
    const again = await importer.run(openCsvFolder(folder), { effectiveOn: '2026-12-01' });
    expect(again.errors).toEqual([]);
    for (const counts of Object.values(again.counts)) expect(counts).toMatchObject({ added: 0, updated: 0 });
    expect(await registerCounts(database)).toEqual({ ...before, audit_log: before.audit_log! + 1 });
  });
});
