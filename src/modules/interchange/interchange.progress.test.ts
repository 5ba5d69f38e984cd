import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../jobs/jobs.registry.ts';
import { importProgressTracker } from './interchange.progress.ts';

describe('import progress as a job shows it', () => {
  it('counts the rows read in all files and moves the percent forward by file and phase', () => {
    const shown: JobProgress[] = [];
    const tracker = importProgressTracker((progress) => shown.push(progress));
    tracker.files(['regions.csv', 'units.csv']);
    tracker.update({ phase: 'read', file: 'regions.csv', rows: 3 });
    tracker.update({ phase: 'read', file: 'units.csv', rows: 10_000 });
    tracker.update({ phase: 'read', file: 'units.csv', rows: 12_345 });
    tracker.update({ phase: 'check', rows: 0 });
    tracker.update({ phase: 'write', file: 'regions.csv', rows: 0 });
    tracker.update({ phase: 'write', file: 'units.csv', rows: 0 });
    tracker.update({ phase: 'done', rows: 0 });
    expect(shown).toEqual([
      { phase: 'read', file: 'regions.csv', rows: 3, percent: 0 },
      { phase: 'read', file: 'units.csv', rows: 10_003, percent: 30 },
      { phase: 'read', file: 'units.csv', rows: 12_348, percent: 30 },
      { phase: 'check', rows: 12_348, percent: 60 },
      { phase: 'write', file: 'regions.csv', rows: 12_348, percent: 65 },
      { phase: 'write', file: 'units.csv', rows: 12_348, percent: 80 },
      { phase: 'done', rows: 12_348, percent: 100 },
    ]);
  });
});
