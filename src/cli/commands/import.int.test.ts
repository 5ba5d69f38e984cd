import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliDatabase } from '../../../test/support/cli-db.ts';
import { captureIo } from '../../../test/support/cli-io.ts';
import { ID, sampleDataset } from '../../../test/support/sample-dataset.ts';
import { main } from '../main.ts';

let target: Awaited<ReturnType<typeof cliDatabase>>;
beforeEach(async () => {
  target = await cliDatabase();
});
afterEach(() => target.dispose());

function writeDataset(files: Record<string, string>): string {
  const folder = join(mkdtempSync(join(tmpdir(), 'bianzhi-ds-')), 'dataset');
  mkdirSync(folder);
  for (const [name, text] of Object.entries(files))
    writeFileSync(join(folder, `${name}.csv`), `\uFEFF${text}\n`);
  return folder;
}

async function run(...argv: string[]) {
  const capture = captureIo(target.env);
  const code = await main([...argv, '--db', target.db], capture.io);
  return { code, stdout: capture.stdout(), stderr: capture.stderr() };
}

describe('bianzhi import and export', () => {
  it('imports a dataset, prints what it added, and exports it back with ID numbers in full', async () => {
    const imported = await run('import', writeDataset(sampleDataset()));
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('实名制人员（persons）：5 行，新增 5，更新 0');
    const out = join(mkdtempSync(join(tmpdir(), 'bianzhi-out-')), 'export');
    const exported = await run('export', out, '--as-of', '2026-06-30');
    expect(exported.code).toBe(0);
    expect(readFileSync(join(out, 'persons.csv'), 'utf8')).toContain(ID.zhang);
  });

  it('rejects a corrupted dataset with exit 1, naming the file, row and field, and writes a JSON report', async () => {
    const dataset = sampleDataset();
    dataset.quotas += '\nQS002,administrative,abc,2024-01-01,青编〔2024〕9号';
    const report = join(mkdtempSync(join(tmpdir(), 'bianzhi-report-')), 'report.json');
    const result = await run('import', writeDataset(dataset), '--report', report);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('quotas.csv 第 6 行 amount「abc」');
    expect(result.stderr).toContain('未写入任何数据');
    expect(JSON.parse(readFileSync(report, 'utf8'))).toMatchObject({
      count: 1,
      errors: [{ file: 'quotas.csv', row: 6, column: 'amount', value: 'abc' }],
    });
    const after = await run('export', join(mkdtempSync(join(tmpdir(), 'bianzhi-out-')), 'x'));
    expect(after.stdout).toContain('共 0 行');
  });

  it('checks without writing on --dry-run', async () => {
    const result = await run('import', writeDataset(sampleDataset()), '--dry-run');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('试运行完成');
    const after = await run('export', join(mkdtempSync(join(tmpdir(), 'bianzhi-out-')), 'x'));
    expect(after.stdout).toContain('共 0 行');
  });

  it('refuses bad usage with exit 2', async () => {
    expect((await run('import')).code).toBe(2);
    expect((await run('import', 'x', '--effective-on', '2026-13-01')).code).toBe(2);
    expect((await run('export', 'x', '--labels', 'en')).code).toBe(2);
  });

  it('names a dataset that does not exist with exit 1', async () => {
    const result = await run('import', '/nonexistent/dataset');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('找不到数据集');
  });
});
