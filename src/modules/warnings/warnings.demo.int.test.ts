import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importerFor } from '../../../test/support/import-harness.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import type { Database } from '../../db/database.ts';
import {
  type PlantedWarning,
  REFERENCE_DATE,
  REFERENCE_PERIOD,
  writeDemoDataset,
} from '../demo/demo.generator.ts';
import { openCsvFolder } from '../interchange/csv-source.ts';
import type { Warning } from './warning.types.ts';
import { rules } from './warnings.registry.ts';
import { scanAll, subjectOf } from './warnings.service.ts';

let database: Database;
let dir = '';
let planted: PlantedWarning[] = [];
let warnings: Warning[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'bianzhi-warnings-demo-'));
  ({ planted } = await writeDemoDataset({ scale: 1, out: dir }));
  const importer = importerFor(database);
  const imported = await importer.run(openCsvFolder(dir));
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors.slice(0, 3)));
  warnings = await scanAll(database, importer.idCipher, { asOf: REFERENCE_DATE, period: REFERENCE_PERIOD });
}, 600_000);

afterAll(async () => {
  await database?.close();
  await rm(dir, { recursive: true, force: true });
});

const key = (w: { rule: string } & Record<string, unknown>) => JSON.stringify(w);

describe('a scan of the demo county', () => {
  it('has planted warnings of every rule to find', () => {
    expect(new Set(planted.map((w) => w.rule)).size).toBe(rules.length);
    expect(warnings.length).toBeGreaterThan(0);
  });

  it.each(rules.map((r) => r.code))('finds exactly the planted %s warnings', (code) => {
    const found = warnings.filter((w) => w.rule === code).map((w) => key({ rule: w.rule, ...subjectOf(w) }));
    const expected = planted.filter((w) => w.rule === code).map((w) => key({ ...w }));
    expect(found).toEqual(expected);
  });

  it('orders warnings by rule then subject, each with severity and a Chinese message', () => {
    const order = rules.map((r) => r.code);
    const ruleIndexes = warnings.map((w) => order.indexOf(w.rule));
    expect(ruleIndexes).toEqual([...ruleIndexes].sort((a, b) => a - b));
    for (const w of warnings) {
      expect(['违规', '风险', '提示']).toContain(w.severity);
      expect(w.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
