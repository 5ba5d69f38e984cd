import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliDatabase } from '../../../test/support/cli-db.ts';
import { captureIo } from '../../../test/support/cli-io.ts';
import { writeCsvFolder } from '../../../test/support/dataset.ts';
import { ID, sampleDataset } from '../../../test/support/sample-dataset.ts';
import { main } from '../main.ts';

let target: Awaited<ReturnType<typeof cliDatabase>>;
beforeEach(async () => {
  target = await cliDatabase();
});
afterEach(() => target.dispose());

async function run(...argv: string[]) {
  const capture = captureIo(target.env);
  const code = await main([...argv, '--db', target.db], capture.io);
  return { code, stdout: capture.stdout(), stderr: capture.stderr() };
}

describe('bianzhi scan', () => {
  it('prints one JSON object with the warnings, ID numbers in full, and exits 0', async () => {
    expect((await run('import', writeCsvFolder(sampleDataset()))).code).toBe(0);
    const result = await run('scan', '--as-of', '2026-06-30', '--format', 'json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output).toMatchObject({ asOf: '2026-06-30', period: '2026-06' });
    expect(output.warnings.length).toBeGreaterThan(0);
    for (const w of output.warnings) {
      expect(w).toEqual(expect.objectContaining({ rule: expect.any(String), severity: expect.any(String) }));
      expect(w.message).toMatch(/[\u4e00-\u9fff]/);
    }
    // 赵敏 holds a seat all of June with neither pay nor insurance; her ID number is printed in full.
    expect(output.warnings).toContainEqual(
      expect.objectContaining({ rule: 'UNPAID_SEAT', severity: '风险', idNumber: ID.zhao }),
    );
    expect(output.warnings).toContainEqual(
      expect.objectContaining({ rule: 'STALE_CHARTER', severity: '风险', unitCode: 'QS002' }),
    );
  });

  it('exits 0 with no warnings on an empty database, prints a table, and refuses bad usage with 2', async () => {
    const empty = await run('scan', '--as-of', '2026-06-30', '--period', '2026-05');
    expect(empty.code).toBe(0);
    expect(JSON.parse(empty.stdout)).toEqual({ asOf: '2026-06-30', period: '2026-05', warnings: [] });
    const tableRun = await run('scan', '--as-of', '2026-06-30', '--format', 'table');
    expect(tableRun.code).toBe(0);
    expect(tableRun.stdout).toContain('共 0 条');
    expect((await run('scan')).code).toBe(2);
    expect((await run('scan', '--as-of', '2026-06-30', '--format', 'xml')).code).toBe(2);
    expect((await run('scan', '--as-of', '2026-06-30', '--period', '2026-6')).code).toBe(2);
  });
});
