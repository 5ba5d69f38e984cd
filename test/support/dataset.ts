import { createHash } from 'node:crypto';
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
