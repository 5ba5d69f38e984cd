import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { DatasetSource, SourceFile } from '../../src/modules/interchange/source.ts';

/** A dataset held in memory: `{ units: 'code,name,…\n…' }`, read as the CSV folder reader would. */
export function memoryDataset(files: Record<string, string>, path = 'memory'): DatasetSource {
  return {
    path,
    format: 'csv',
    async files() {
      return Object.entries(files).map(([name, text]): SourceFile => {
        const records = parse(text.trim(), {
          relax_column_count: true,
          skip_empty_lines: true,
        }) as string[][];
        const [header = [], ...rows] = records;
        return {
          name,
          label: `${name}.csv`,
          header,
          async *rows() {
            let rowNumber = 1;
            for (const values of rows) {
              rowNumber++;
              yield values.length === header.length
                ? { rowNumber, values }
                : { rowNumber, values, cellCountMismatch: values.length };
            }
          },
          digest: () => createHash('sm3').update(text).digest('hex'),
        };
      });
    },
  };
}

/** CSV text from a header and rows, quoting where needed. */
export function csv(header: string, ...rows: string[]): string {
  return [header, ...rows].join('\n');
}

/** The dataset as a folder of real CSV files (UTF-8 with a BOM, as Excel saves them), for the file layer. */
export function writeCsvFolder(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'bianzhi-dataset-'));
  for (const [name, text] of Object.entries(files))
    writeFileSync(join(folder, `${name}.csv`), `\uFEFF${text}\n`);
  return folder;
}

/** A dataset with rows added at the end of some of its files. */
export function withRows(
  dataset: Record<string, string>,
  extra: Record<string, string>,
): Record<string, string> {
  const result = { ...dataset };
  for (const [name, rows] of Object.entries(extra))
    result[name] = result[name] ? `${result[name]}\n${rows}` : rows;
  return result;
}
