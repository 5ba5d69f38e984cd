import type { JobProgress } from '../jobs/jobs.registry.ts';
import type { ImportProgress } from './import.service.ts';

/**
 * Turns the importer's progress into a job's: the rows read so far in all files, and a percent for
 * a progress bar. The importer cannot know a file's rows before reading it, so the percent counts
 * files, not rows — reading is the first 60%, the cross-file checks 60–65%, writing 65–95% — and
 * never goes back.
 */
export function importProgressTracker(report: (progress: JobProgress) => void) {
  let labels: string[] = [];
  const rowsRead = new Map<string, number>();
  let writes = 0;
  const total = () => [...rowsRead.values()].reduce((sum, rows) => sum + rows, 0);
  const share = (done: number) => done / Math.max(labels.length, 1);
  return {
    /** The dataset's files, in the order the importer reads them. */
    files(names: string[]) {
      labels = names;
    },
    update(progress: ImportProgress) {
      switch (progress.phase) {
        case 'read': {
          const file = progress.file ?? '';
          rowsRead.set(file, progress.rows);
          const index = Math.max(labels.indexOf(file), 0);
          report({ phase: 'read', file, rows: total(), percent: Math.round(60 * share(index)) });
          return;
        }
        case 'check':
          report({ phase: 'check', rows: total(), percent: 60 });
          return;
        case 'write':
          writes += 1;
          report({
            phase: 'write',
            file: progress.file,
            rows: total(),
            percent: Math.round(65 + 30 * Math.min(share(writes - 1), 1)),
          });
          return;
        case 'done':
          report({ phase: 'done', rows: total(), percent: 100 });
          return;
      }
    },
  };
}
