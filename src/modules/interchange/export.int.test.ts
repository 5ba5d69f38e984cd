import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csv, memoryDataset } from '../../../test/support/dataset.ts';
import { importerFor } from '../../../test/support/import-harness.ts';
import { ID, sampleDataset } from '../../../test/support/sample-dataset.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import type { Database } from '../../db/database.ts';
import { openCsvFolder } from './csv-source.ts';
import { createDatasetWriter } from './dataset-writer.ts';
import { exportDataset } from './export.service.ts';

const databases: Database[] = [];
const fresh = async () => {
  const database = await createTestDatabase();
  databases.push(database);
  return database;
};
beforeEach(() => {
  databases.length = 0;
});
afterEach(async () => {
  for (const database of databases) await database.close();
});

const tempFolder = () => mkdtempSync(join(tmpdir(), 'bianzhi-export-'));

/** Every CSV file of a folder as its sorted lines: row order is not part of the format. */
function readFolder(folder: string): Record<string, string[]> {
  const files: Record<string, string[]> = {};
  for (const name of readdirSync(folder).sort()) {
    const [header, ...rows] = readFileSync(join(folder, name), 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    files[name] = [header!, ...rows.sort()];
  }
  return files;
}

async function exportTo(database: Database, options: { asOf?: string; labels?: 'zh' } = {}) {
  const folder = tempFolder();
  await exportDataset(
    { database, idCipher: importerFor(database).idCipher },
    createDatasetWriter(folder, { format: 'csv' }),
    options,
  );
  return folder;
}

/** The sample county, then a unit renamed and a leader moved to another post, both dated. */
async function populated() {
  const database = await fresh();
  const importer = importerFor(database);
  await importer.run(memoryDataset(sampleDataset()));
  await importer.run(memoryDataset({ units: csv('code,name', 'QS002,青山县财政局（国资委）') }), {
    effectiveOn: '2026-03-01',
  });
  await importer.run(
    memoryDataset({
      persons: csv(
        'id_number,unit_code,entered_on,post_level,post_rank',
        `${ID.zhang},QS001,2005-08-01,deputy,vice_section`,
      ),
    }),
    { effectiveOn: '2026-04-01' },
  );
  return database;
}

describe('exporting the register', () => {
  it('re-imports a full export to the same state, history included', async () => {
    const original = await populated();
    const first = await exportTo(original);
    const copy = await fresh();
    const result = await importerFor(copy).run(openCsvFolder(first));
    expect(result.errors).toEqual([]);
    const second = await exportTo(copy);
    expect(readFolder(second)).toEqual(readFolder(first));
    expect(readFolder(first)['unit_versions.csv']).toHaveLength(1 + 5);
    expect(readFolder(first)['seat_posts.csv']).toHaveLength(1 + 3);
  });

  it('writes the state on a date: the name and the post as they stood, and only what was active', async () => {
    const database = await populated();
    const files = readFolder(await exportTo(database, { asOf: '2026-02-01' }));
    expect(files['units.csv']!.join('\n')).toContain('青山县财政局,government');
    expect(files['units.csv']!.join('\n')).not.toContain('国资委');
    expect(files['persons.csv']!.find((line) => line.startsWith(ID.zhang))).toContain(',head,');
    // 赵敏 left the school on 2020-12-31: one active seat on the date, not two.
    expect(files['persons.csv']!.filter((line) => line.startsWith(ID.zhao))).toHaveLength(1);
    expect(Object.keys(files)).not.toContain('unit_versions.csv');
    const later = readFolder(await exportTo(database, { asOf: '2026-06-30' }));
    expect(later['persons.csv']!.find((line) => line.startsWith(ID.zhang))).toContain(',deputy,');
  });

  it('writes Chinese headers and labels on request', async () => {
    const database = await populated();
    const files = readFolder(await exportTo(database, { labels: 'zh' }));
    expect(files['units.csv']![0]).toContain('机构代码,所属区划');
    expect(files['units.csv']!.join('\n')).toContain('党委部门');
  });
});
