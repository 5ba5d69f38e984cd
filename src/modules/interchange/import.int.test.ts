import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csv, memoryDataset } from '../../../test/support/dataset.ts';
import { importerFor } from '../../../test/support/import-harness.ts';
import { ID, sampleDataset } from '../../../test/support/sample-dataset.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import { type Database, query, sql } from '../../db/database.ts';

let database: Database;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(() => database.close());

const count = async (table: string) =>
  (await query<{ n: number }>(database.db, sql.raw(`SELECT count(*)::int AS n FROM ${table}`)))[0]!.n;

describe('importing a dataset', () => {
  it('writes every file of a valid dataset and counts what it added', async () => {
    const result = await importerFor(database).run(memoryDataset(sampleDataset()));
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.counts.units).toEqual({ rows: 4, added: 4, updated: 0 });
    expect(result.counts.persons).toEqual({ rows: 5, added: 5, updated: 0 });
    expect(await count('persons')).toBe(4);
    expect(await count('seats')).toBe(5);
    expect(await count('unit_versions')).toBe(4);
    expect(await count('seat_posts')).toBe(2);
    expect(await count('payroll')).toBe(2);
    const stored = await query<{ id_cipher: string; id_masked: string }>(
      database.db,
      sql`SELECT id_cipher, id_masked FROM persons`,
    );
    for (const row of stored) expect(row.id_cipher).not.toContain(row.id_masked.slice(0, 6));
  });

  it('changes nothing when the same dataset is imported twice', async () => {
    const importer = importerFor(database);
    await importer.run(memoryDataset(sampleDataset()));
    const again = await importer.run(memoryDataset(sampleDataset()));
    expect(again.ok).toBe(true);
    for (const counts of Object.values(again.counts)) expect(counts).toMatchObject({ added: 0, updated: 0 });
    expect(await count('unit_versions')).toBe(4);
    expect(await count('seat_posts')).toBe(2);
  });

  it('records a renamed unit as a new version from the effective date, keeping the old name before it', async () => {
    const importer = importerFor(database);
    await importer.run(memoryDataset(sampleDataset()));
    const rename = memoryDataset({ units: csv('code,name', 'QS002,青山县财政局（国资委）') });
    const result = await importer.run(rename, { effectiveOn: '2026-07-01' });
    expect(result.counts.units).toMatchObject({ updated: 1 });
    const versions = await query<{ valid_from: string | null; name: string; kind: string }>(
      database.db,
      sql`SELECT valid_from, name, kind FROM unit_versions v JOIN units u ON u.id = v.unit_id WHERE u.code = 'QS002' ORDER BY valid_from NULLS FIRST`,
    );
    expect(versions).toEqual([
      { valid_from: null, name: '青山县财政局', kind: 'government' },
      { valid_from: '2026-07-01', name: '青山县财政局（国资委）', kind: 'government' },
    ]);
  });

  it('fills in an exit on re-import and leaves columns the file omits as they were', async () => {
    const importer = importerFor(database);
    await importer.run(memoryDataset(sampleDataset()));
    const exit = memoryDataset({
      persons: csv(
        'id_number,unit_code,entered_on,exited_on,exit_type',
        `${ID.wang},QS002,2015-07-01,2026-05-31,resign`,
      ),
    });
    const result = await importer.run(exit);
    expect(result.errors).toEqual([]);
    expect(result.counts.persons).toMatchObject({ added: 0, updated: 1 });
    const [seat] = await query<{ exited_on: string; exit_type: string; entry_type: string }>(
      database.db,
      sql`SELECT exited_on, exit_type, entry_type FROM seats s JOIN units u ON u.id = s.unit_id WHERE u.code = 'QS002' AND s.entered_on = '2015-07-01'`,
    );
    expect(seat).toEqual({ exited_on: '2026-05-31', exit_type: 'resign', entry_type: 'selected_graduate' });
  });

  it('writes nothing when one row is bad, even beside a good new unit', async () => {
    const importer = importerFor(database);
    const dataset = sampleDataset();
    dataset.units += '\nQS009,新设机构,320902,,government,section,,full,2026-01-01,青编〔2026〕1号,,,9';
    dataset.persons += `\n${ID.zhang.slice(0, 17)}0,坏号码,QS001,administrative,civil_servant,2020-01-01,exam,,,,,,,`;
    const result = await importer.run(memoryDataset(dataset));
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      expect.objectContaining({ file: 'persons.csv', row: 7, column: 'id_number' }),
    ]);
    expect(await count('units')).toBe(0);
    expect(await count('audit_log')).toBe(0);
  });

  it('does the whole work on a dry run and keeps none of it', async () => {
    const result = await importerFor(database).run(memoryDataset(sampleDataset()), { dryRun: true });
    expect(result.ok).toBe(true);
    expect(result.counts.persons).toMatchObject({ added: 5 });
    expect(await count('units')).toBe(0);
    expect(await count('audit_log')).toBe(0);
  });

  it('records the import as one audit entry with the files digests and its change rows', async () => {
    const result = await importerFor(database).run(memoryDataset(sampleDataset()));
    expect(await count('audit_log')).toBe(1);
    const [entry] = await query<{
      action: string;
      details: { files: Record<string, string>; changes: { count: number } };
    }>(database.db, sql`SELECT action, details FROM audit_log WHERE seq = ${result.auditSeq}`);
    expect(entry!.action).toBe('import');
    expect(Object.keys(entry!.details.files)).toContain('persons.csv');
    expect(entry!.details.changes.count).toBe(await count('audit_changes'));
    const [added] = await query<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM audit_changes WHERE op = 'insert' AND entity = 'seat'`,
    );
    expect(added!.n).toBe(5);
  });
});

describe('the audit chain over an import', () => {
  it('verifies, and names the import entry once one of its change rows is edited in SQL', async () => {
    const { verifyAudit } = await import('../audit/audit.service.ts');
    const { testKeys } = await import('../../../test/support/test-db.ts');
    const importer = importerFor(database);
    const result = await importer.run(memoryDataset(sampleDataset()));
    await importer.run(memoryDataset({ units: csv('code,name', 'QS002,青山县财政局（国资委）') }));
    expect(await verifyAudit(database.db, testKeys, importer.checkpointPath)).toMatchObject({ ok: true });
    await database.db.execute(
      sql`UPDATE audit_changes SET key = '{"code":"QS999"}' WHERE id = (SELECT min(id) FROM audit_changes WHERE seq = ${result.auditSeq})`,
    );
    expect(await verifyAudit(database.db, testKeys, importer.checkpointPath)).toMatchObject({
      ok: false,
      seq: result.auditSeq,
    });
  });
});
