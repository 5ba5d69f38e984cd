import { sql } from 'drizzle-orm';
import { type Database, query } from '../../db/database.ts';
import type { IdCipher } from '../identity/id-cipher.ts';
import { BOOLEANS, type ColumnSpec, fileSpec } from './dataset.spec.ts';
import type { DatasetWriter } from './dataset-writer.ts';
import { exportQueries } from './export.queries.ts';

export interface ExportOptions {
  /** The state on this date; without it, everything including history (this round-trips). */
  asOf?: string | null;
  /** Chinese headers and enumeration labels instead of keys. */
  labels?: 'zh' | null;
  /** Only this region and the regions below it (a caller's scope); without it, everything. */
  scopeRegionCode?: string | null;
  onProgress?: (progress: { file: string; rows: number }) => void;
}

const PAGE = 5000;

/**
 * Writes the stored data in the interchange format, page by page so memory stays bounded. ID
 * numbers are revealed in full: export runs with the rights of the command line.
 */
export async function exportDataset(
  deps: { database: Pick<Database, 'db'>; idCipher: IdCipher },
  writer: DatasetWriter,
  options: ExportOptions = {},
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { file, select } of exportQueries(options.asOf ?? null, options.scopeRegionCode ?? null)) {
    const spec = fileSpec(file)!;
    const out = writer.file(
      file,
      spec.columns.map((c) => (options.labels === 'zh' ? c.label : c.key)),
    );
    let last = 0;
    let rows = 0;
    for (;;) {
      const page = await query<Record<string, unknown>>(
        deps.database.db,
        sql.raw(`SELECT * FROM (${select}) q WHERE _id > ${last} ORDER BY _id LIMIT ${PAGE}`),
      );
      for (const row of page) {
        await out.write(
          spec.columns.map((column) => cellOf(column, row, deps.idCipher, options.labels === 'zh')),
        );
      }
      rows += page.length;
      if (page.length < PAGE) break;
      last = Number(page[page.length - 1]!._id);
      options.onProgress?.({ file, rows });
    }
    await out.close();
    counts[file] = rows;
    options.onProgress?.({ file, rows });
  }
  await writer.close();
  return counts;
}

function cellOf(
  column: ColumnSpec,
  row: Record<string, unknown>,
  idCipher: IdCipher,
  labels: boolean,
): string | null {
  if (column.column.type === 'id_number') return idCipher.reveal(String(row._cipher));
  const value = row[column.key];
  if (value === null || value === undefined || value === '') return null;
  const text = String(value);
  if (!labels) return text;
  if (column.column.type === 'enum') return column.column.values[text] ?? text;
  if (column.column.type === 'bool') return BOOLEANS[text] ?? text;
  return text;
}
