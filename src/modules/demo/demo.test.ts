import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIo } from '../../../test/support/cli-io.ts';
import { contextFor, parseCommandArgs, UsageError } from '../../cli/cli.ts';
import { demoCommand } from '../../cli/commands/demo.ts';
import { isIsoDate } from '../../shared/dates.ts';
import { checkIdNumber } from '../identity/id-number.ts';
import { checkUnitCode } from '../identity/unit-code.ts';
import {
  DEMO_FILES,
  type DemoResult,
  layout,
  PLANTED_FILE,
  REFERENCE_DATE,
  REFERENCE_PERIOD,
  RULE_CODES,
  writeDemoDataset,
} from './demo.generator.ts';

type Row = Record<string, string>;

/** FORMAT.md "Keys and re-import". */
const KEYS: Record<string, string[]> = {
  regions: ['code'],
  units: ['code'],
  quotas: ['unit_code', 'kind', 'effective_on', 'document_no'],
  posts: ['unit_code', 'level', 'effective_on', 'document_no'],
  charters: ['unit_code', 'issued_on'],
  persons: ['id_number', 'unit_code', 'entered_on'],
  secondments: ['id_number', 'from_unit_code', 'to_unit_code', 'start_on'],
  off_quota: ['id_number', 'unit_code', 'start_on'],
  payroll: ['period', 'id_number', 'unit_code'],
  insurance: ['period', 'id_number', 'unit_code'],
};

const ENUMS: Record<string, Record<string, string[]>> = {
  units: {
    kind: [
      'party_committee',
      'people_congress',
      'government',
      'dept_managed',
      'dispatched',
      'cppcc',
      'supervision',
      'court',
      'procuratorate',
      'mass_org',
      'democratic_party',
      'subdistrict',
      'township',
      'development_zone',
      'public_institution',
      'internal_division',
      'coordination_body',
    ],
    rank: ['', 'bureau', 'vice_bureau', 'division', 'vice_division', 'section', 'vice_section', 'unit_level'],
    public_class: ['', 'admin_function', 'public_1', 'public_2', 'business'],
    funding: ['', 'full', 'partial', 'self'],
    reference_managed: ['true', 'false'],
  },
  quotas: {
    kind: ['administrative', 'political_legal', 'logistics', 'institutional', 'school_staff', 'turnover'],
  },
  posts: { level: ['head', 'deputy', 'division_head', 'division_deputy'] },
  persons: {
    category: ['civil_servant', 'reference_civil_servant', 'institution_staff', 'logistics_worker'],
    entry_type: ['exam', 'recruit', 'transfer_in', 'military', 'selected_graduate', 'other'],
    post_level: ['', 'head', 'deputy', 'division_head', 'division_deputy'],
    retirement_group: ['male', 'female_cadre', 'female_worker'],
    exit_type: ['', 'retire', 'transfer_out', 'resign', 'dismiss', 'death', 'expel'],
    status: ['on_post', 'sick_leave', 'attached', 'awaiting', 'startup_leave'],
  },
  off_quota: { type: ['contract', 'outsourced', 'temporary'], post_level: ['', 'deputy', 'division_head'] },
};

const DATE_COLUMNS = new Set([
  'established_on',
  'abolished_on',
  'effective_on',
  'issued_on',
  'entered_on',
  'exited_on',
  'start_on',
  'end_on',
  'returned_on',
]);

function readAll(dir: string): Record<string, Row[]> {
  return Object.fromEntries(
    DEMO_FILES.map((file) => [
      file,
      parse(readFileSync(join(dir, `${file}.csv`)), { columns: true }) as Row[],
    ]),
  );
}

describe('the demo dataset at scale 1', () => {
  let first = '';
  let second = '';
  let result: DemoResult;
  let data: Record<string, Row[]> = {};
  const rows = (file: string) => data[file] ?? [];

  beforeAll(async () => {
    first = await mkdtemp(join(tmpdir(), 'bianzhi-demo-'));
    second = await mkdtemp(join(tmpdir(), 'bianzhi-demo-'));
    result = await writeDemoDataset({ scale: 1, out: first });
    await writeDemoDataset({ scale: 1, out: second });
    data = readAll(first);
  });

  afterAll(async () => {
    await Promise.all([first, second].map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('is deterministic: two runs write byte-identical files', async () => {
    const files = (await readdir(first)).sort();
    expect(files).toEqual([...DEMO_FILES.map((file) => `${file}.csv`), PLANTED_FILE].sort());
    for (const file of files) {
      expect((await readFile(join(first, file))).equals(await readFile(join(second, file))), file).toBe(true);
    }
  });

  it('is about one county: ~250 units of every kind, ~5,000 seats, a month of pay', () => {
    expect(rows('regions')).toEqual([
      { code: '290121', name: '青源县', parent_code: '', unit_cap: expect.stringMatching(/^\d+$/) },
    ]);
    const units = rows('units');
    expect(units.length).toBeGreaterThan(220);
    expect(units.length).toBeLessThan(300);
    expect(new Set(units.map((u) => u.kind))).toEqual(new Set(ENUMS.units!.kind));
    expect(units.filter((u) => u.abolished_on).length).toBeGreaterThanOrEqual(4);
    expect(units.filter((u) => u.alias_names).length).toBeGreaterThanOrEqual(5);
    expect(units.filter((u) => u.division_cap).length).toBeGreaterThanOrEqual(10);
    const seats = rows('persons');
    expect(seats.length).toBeGreaterThan(4500);
    expect(seats.length).toBeLessThan(5600);
    expect(seats.filter((s) => s.exited_on).length).toBeGreaterThan(200);
    expect(seats.filter((s) => s.post_level).length).toBeGreaterThan(300);
    expect(rows('off_quota').length).toBeGreaterThan(200);
    expect(rows('secondments').length).toBeGreaterThan(20);
    expect(rows('payroll').length).toBeGreaterThan(4000);
    expect(rows('insurance').length).toBeGreaterThan(4000);
    expect(new Set([...rows('payroll'), ...rows('insurance')].map((r) => r.period))).toEqual(
      new Set([REFERENCE_PERIOD]),
    );
    expect(result.counts).toEqual(Object.fromEntries(DEMO_FILES.map((file) => [file, rows(file).length])));
  });

  it('gives every person a valid ID number of the county, one person per number', () => {
    const idRows = ['persons', 'secondments', 'off_quota', 'payroll', 'insurance'].flatMap((file) =>
      rows(file),
    );
    const invalid = idRows
      .map((row) => row.id_number!)
      .filter((id) => !checkIdNumber(id, REFERENCE_DATE).ok || !id.startsWith('290121'));
    expect(invalid).toEqual([]);
    const people = new Map<string, Row>();
    const disagreeing: string[] = [];
    for (const seat of rows('persons')) {
      const known = people.get(seat.id_number!) ?? seat;
      people.set(seat.id_number!, known);
      const male = Number(seat.id_number![16]) % 2 === 1;
      const agrees = seat.name === known.name && seat.retirement_group === known.retirement_group;
      if (!agrees || (seat.retirement_group === 'male') !== male) disagreeing.push(seat.id_number!);
    }
    expect(disagreeing).toEqual([]);
    const offQuota = rows('off_quota').map((o) => o.id_number!);
    expect(new Set(offQuota).size).toBe(offQuota.length);
    expect(offQuota.filter((id) => people.has(id))).toEqual([]);
    const paidOffQuota = new Set(offQuota);
    const misnamed = [...rows('payroll'), ...rows('insurance')].filter((row) => {
      const person = people.get(row.id_number!);
      return person ? row.name !== person.name : paidOffQuota.has(row.id_number!);
    });
    expect(misnamed).toEqual([]);
  });

  it('gives every unit a valid code: 18 characters carry a GB 32100 check character', () => {
    const codes = rows('units').map((u) => u.code!);
    expect(codes.filter((code) => !checkUnitCode(code).ok)).toEqual([]);
    expect(codes.filter((code) => code.length === 18).length).toBeGreaterThan(100);
  });

  it("keeps each file's natural key unique", () => {
    for (const [file, key] of Object.entries(KEYS)) {
      const keys = rows(file).map((row) => key.map((column) => row[column]).join('|'));
      expect(new Set(keys).size, file).toBe(keys.length);
    }
  });

  it('resolves every reference', () => {
    const regions = new Set(rows('regions').map((r) => r.code));
    const units = new Set(rows('units').map((u) => u.code));
    const onRoster = new Set(rows('persons').map((s) => s.id_number));
    const refs: [string, string][] = [
      ['units', 'parent_code'],
      ['quotas', 'unit_code'],
      ['posts', 'unit_code'],
      ['charters', 'unit_code'],
      ['persons', 'unit_code'],
      ['persons', 'work_unit_code'],
      ['persons', 'post_unit_code'],
      ['secondments', 'from_unit_code'],
      ['secondments', 'to_unit_code'],
      ['off_quota', 'unit_code'],
      ['payroll', 'unit_code'],
      ['insurance', 'unit_code'],
    ];
    const dangling = refs.flatMap(([file, column]) =>
      rows(file)
        .filter((row) => row[column] && !units.has(row[column]))
        .map((row) => `${file}.${column} ${row[column]}`),
    );
    expect(dangling).toEqual([]);
    expect(rows('units').filter((u) => !regions.has(u.region_code))).toEqual([]);
    expect(rows('secondments').filter((x) => !onRoster.has(x.id_number))).toEqual([]);
  });

  it('passes the validation of FORMAT.md: enumerations, dates, seats in live units, exits after entries', () => {
    const problems: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok) problems.push(what);
    };
    for (const [file, columns] of Object.entries(ENUMS)) {
      for (const row of rows(file)) {
        for (const [column, values] of Object.entries(columns)) {
          check(values.includes(row[column]!), `${file}.${column} ${row[column]}`);
        }
      }
    }
    for (const file of DEMO_FILES) {
      for (const row of rows(file)) {
        for (const [column, value] of Object.entries(row)) {
          if (DATE_COLUMNS.has(column) && value) check(isIsoDate(value), `${file}.${column} ${value}`);
        }
      }
    }
    const unit = new Map(rows('units').map((u) => [u.code, u]));
    for (const seat of rows('persons')) {
      const held = unit.get(seat.unit_code)!;
      const what = `${seat.id_number} ${seat.unit_code}`;
      check(held.kind !== 'internal_division', `seat in a division: ${what}`);
      check(!held.abolished_on, `seat in an abolished unit: ${what}`);
      check(seat.entered_on! >= held.established_on!, `seat before the unit: ${what}`);
      check(!seat.exited_on || seat.exited_on > seat.entered_on!, `exit before entry: ${what}`);
      check(Boolean(seat.exited_on) === Boolean(seat.exit_type), `exit without type: ${what}`);
      const post = seat.post_unit_code;
      check(
        !post || post === seat.unit_code || unit.get(post)?.parent_code === seat.unit_code,
        `post unit: ${what}`,
      );
    }
    for (const x of rows('secondments')) {
      check(
        x.end_on! >= x.start_on! && (!x.returned_on || x.returned_on > x.start_on!),
        `secondment ${x.id_number}`,
      );
    }
    for (const row of [...rows('quotas'), ...rows('posts')]) {
      check(
        /^青.+〔\d{4}〕\d+号$/.test(row.document_no!) && /^-?\d+$/.test(row.amount!),
        `ledger ${row.unit_code}`,
      );
    }
    for (const row of rows('payroll')) check(/^\d+\.\d{2}$/.test(row.amount!), `pay ${row.amount}`);
    expect(problems).toEqual([]);
  });

  it('starts each quota and post ledger with a baseline that never goes below zero', () => {
    const negative: string[] = [];
    for (const file of ['quotas', 'posts']) {
      const totals = new Map<string, number>();
      for (const row of rows(file)) {
        const key = `${row.unit_code}|${row.kind ?? row.level}`;
        const total = (totals.get(key) ?? 0) + Number(row.amount);
        if (total < 0) negative.push(key);
        totals.set(key, total);
      }
    }
    expect(negative).toEqual([]);
  });

  it('plants at least one case of every warning rule and lists them in planted.json', () => {
    for (const rule of RULE_CODES)
      expect(
        result.planted.some((w) => w.rule === rule),
        rule,
      ).toBe(true);
    const manifest = JSON.parse(readFileSync(join(first, PLANTED_FILE), 'utf8'));
    expect(manifest.warnings).toEqual(result.planted);
  });
});

describe('demo layout', () => {
  it('is one county at scale 1, a city of counties up to 40, a province of cities above', () => {
    expect(layout(1)).toEqual({
      above: [],
      counties: [{ code: '290121', name: '青源县', parentCode: '', unitCap: null }],
    });
    const city = layout(3);
    expect(city.above.map((r) => [r.code, r.parentCode])).toEqual([['290100', '']]);
    expect(city.counties.map((r) => [r.code, r.parentCode])).toEqual([
      ['290121', '290100'],
      ['290122', '290100'],
      ['290123', '290100'],
    ]);
    const province = layout(400);
    expect(province.above).toHaveLength(11);
    expect(province.above[0]).toMatchObject({ code: '290000', parentCode: '' });
    expect(province.counties).toHaveLength(400);
    expect(new Set(province.counties.map((r) => r.code)).size).toBe(400);
    expect(new Set(province.counties.map((r) => r.name)).size).toBe(400);
  });

  it('refuses a scale that is not a whole number from 1 to the maximum', () => {
    for (const scale of [0, 1.5, -1, 100_000]) expect(() => layout(scale)).toThrow(RangeError);
  });
});

describe('bianzhi demo', () => {
  const run = (argv: string[]) => {
    const cli = captureIo();
    const context = contextFor(cli.io, undefined);
    return { cli, done: demoCommand.run(parseCommandArgs(demoCommand, argv), context) };
  };

  it('needs --out and a whole --scale', async () => {
    await expect(run([]).done).rejects.toThrow(UsageError);
    await expect(run(['--out', '/tmp/x', '--scale', 'abc']).done).rejects.toThrow(UsageError);
    await expect(run(['--out', '/tmp/x', '--scale', '0']).done).rejects.toThrow(UsageError);
  });

  it('writes scale 1 by default and says what it wrote, without a database', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bianzhi-demo-cli-'));
    const out = join(dir, 'county');
    try {
      const { cli, done } = run(['--out', out]);
      expect(await done).toBe(0);
      expect(cli.stdout()).toContain(`基准日 ${REFERENCE_DATE}`);
      expect(existsSync(join(out, 'persons.csv'))).toBe(true);
      expect(existsSync(join(out, PLANTED_FILE))).toBe(true);
      expect(cli.stderr()).toBe('');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
