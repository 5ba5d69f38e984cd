import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PLANTED_FILE,
  type PlantedWarning,
  REFERENCE_DATE,
  REFERENCE_PERIOD,
  sortPlanted,
  writeDemoDataset,
} from './demo.generator.ts';

/**
 * An independent reading of RULES.md, straight from the CSV files, brute force: whatever the
 * platform's scan does, on the demo dataset it must find exactly what the generator planted.
 */

type Row = Record<string, string>;
const RANK_ORDER = [
  'bureau',
  'vice_bureau',
  'division',
  'vice_division',
  'section',
  'vice_section',
  'unit_level',
];
const ALLOWED: Record<string, string[]> = {
  administrative: ['civil_servant'],
  political_legal: ['civil_servant'],
  logistics: ['logistics_worker'],
  institutional: ['institution_staff', 'logistics_worker'],
  school_staff: ['institution_staff', 'logistics_worker'],
};
const RETIREMENT = {
  male: { age: 60, start: '1965-01', band: 4, max: 36 },
  female_cadre: { age: 55, start: '1970-01', band: 4, max: 36 },
  female_worker: { age: 50, start: '1975-01', band: 2, max: 60 },
} as const;

const month = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

function retirementMonth(idNumber: string, group: keyof typeof RETIREMENT): number {
  const rule = RETIREMENT[group];
  const birth = month(`${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}`);
  const d = birth - month(rule.start);
  const delay = d < 0 ? 0 : Math.min(Math.floor(d / rule.band) + 1, rule.max);
  return birth + rule.age * 12 + delay;
}

function read(dir: string, file: string): Row[] {
  return parse(readFileSync(join(dir, `${file}.csv`)), { columns: true }) as Row[];
}

function group<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
  return map;
}

function scan(dir: string): PlantedWarning[] {
  const d = REFERENCE_DATE;
  const [first, last] = [`${REFERENCE_PERIOD}-01`, REFERENCE_DATE];
  const regions = read(dir, 'regions');
  const units = read(dir, 'units');
  const unit = new Map(units.map((u) => [u.code!, u]));
  const active = (u: Row) =>
    (!u.established_on || u.established_on <= d) && (!u.abolished_on || u.abolished_on > d);
  const seatOn = (s: Row, date: string) => s.entered_on! <= date && (!s.exited_on || s.exited_on > date);
  const during = (s: Row) => s.entered_on! <= last && (!s.exited_on || s.exited_on > first);
  const sum = (rows: Row[] | undefined) =>
    (rows ?? []).filter((r) => r.effective_on! <= d).reduce((t, r) => t + Number(r.amount), 0);
  const quotas = group(read(dir, 'quotas'), (r) => `${r.unit_code}|${r.kind}`);
  const posts = group(read(dir, 'posts'), (r) => `${r.unit_code}|${r.level}`);
  const persons = read(dir, 'persons');
  const activeSeats = persons.filter((s) => seatOn(s, d));
  const found: PlantedWarning[] = [];

  for (const region of regions) {
    if (!region.unit_cap) continue;
    const count = units.filter(
      (u) =>
        active(u) &&
        u.region_code === region.code &&
        !u.parent_code &&
        (u.kind === 'party_committee' || u.kind === 'government'),
    ).length;
    if (count > Number(region.unit_cap)) found.push({ rule: 'UNIT_OVER_CAP', regionCode: region.code! });
  }
  const children = group(
    units.filter((u) => active(u) && u.kind === 'internal_division'),
    (u) => u.parent_code!,
  );
  const ledgerDates = group(
    [...read(dir, 'quotas'), ...read(dir, 'posts')].filter((r) => r.effective_on! <= d),
    (r) => r.unit_code!,
  );
  const charters = group(
    read(dir, 'charters').filter((c) => c.issued_on! <= d),
    (c) => c.unit_code!,
  );
  const headcount = group(activeSeats, (s) => `${s.unit_code}|${s.quota_kind}`);
  for (const u of units.filter(active)) {
    const code = u.code!;
    if (u.division_cap && (children.get(code)?.length ?? 0) > Number(u.division_cap)) {
      found.push({ rule: 'UNIT_OVER_CAP', unitCode: code });
    }
    if (u.kind !== 'internal_division' && !u.document_no)
      found.push({ rule: 'UNIT_NO_DOCUMENT', unitCode: code });
    const changed = ledgerDates
      .get(code)
      ?.map((r) => r.effective_on!)
      .sort()
      .at(-1);
    const chartered =
      charters
        .get(code)
        ?.map((c) => c.issued_on!)
        .sort()
        .at(-1) ?? '';
    if (u.kind !== 'internal_division' && u.kind !== 'coordination_body' && changed) {
      if (changed > chartered && days(changed, d) > 180)
        found.push({ rule: 'STALE_CHARTER', unitCode: code });
    }
    for (const kind of [
      'administrative',
      'political_legal',
      'logistics',
      'institutional',
      'school_staff',
      'turnover',
    ] as const) {
      const approved = sum(quotas.get(`${code}|${kind}`));
      const count = headcount.get(`${code}|${kind}`)?.length ?? 0;
      if (count > approved) found.push({ rule: 'OVER_QUOTA', unitCode: code, quotaKind: kind });
      if (approved > 0 && count === approved)
        found.push({ rule: 'FULL_QUOTA', unitCode: code, quotaKind: kind });
    }
  }

  const leaders = new Map<string, number>();
  for (const s of activeSeats) {
    const allowed = ALLOWED[s.quota_kind!];
    const referenceOk =
      s.category === 'reference_civil_servant' && unit.get(s.unit_code!)?.reference_managed === 'true';
    if (allowed && !allowed.includes(s.category!) && !(s.quota_kind === 'institutional' && referenceOk)) {
      found.push({ rule: 'MIXED_POST', idNumber: s.id_number! });
    }
    if (!s.post_level) continue;
    const postUnit = unit.get(s.post_unit_code || s.unit_code!)!;
    const division = s.post_level.startsWith('division_') && postUnit.kind === 'internal_division';
    const key = `${division ? postUnit.parent_code : postUnit.code}|${s.post_level}`;
    leaders.set(key, (leaders.get(key) ?? 0) + 1);
    if (!s.post_rank || !postUnit.rank) continue;
    const r = RANK_ORDER.indexOf(postUnit.rank);
    const ceiling = s.post_level === 'head' || s.post_level === 'division_head' ? r : Math.min(r + 1, 6);
    if (RANK_ORDER.indexOf(s.post_rank) < ceiling) found.push({ rule: 'OVER_RANK', idNumber: s.id_number! });
  }
  for (const [key, count] of leaders) {
    const [unitCode, postLevel] = key.split('|') as [string, PlantedWarning['postLevel']];
    if (count > sum(posts.get(key))) found.push({ rule: 'OVER_POSTS', unitCode, postLevel });
  }
  for (const o of read(dir, 'off_quota')) {
    if (o.start_on! <= d && (!o.end_on || o.end_on > d) && o.post_level) {
      found.push({ rule: 'OFF_QUOTA_LEADER', idNumber: o.id_number!, unitCode: o.unit_code! });
    }
  }

  const secondments = read(dir, 'secondments').filter(
    (s) => s.start_on! <= d && (!s.returned_on || s.returned_on > d),
  );
  for (const [idNumber, seats] of group(activeSeats, (s) => s.id_number!)) {
    if (seats.length > 1) found.push({ rule: 'DUPLICATE_SEAT', idNumber });
  }
  for (const s of activeSeats) {
    const male = Number(s.id_number![16]) % 2 === 1;
    const fallback = male ? 'male' : s.category === 'logistics_worker' ? 'female_worker' : 'female_cadre';
    const retirementGroup = (s.retirement_group || fallback) as keyof typeof RETIREMENT;
    if (retirementMonth(s.id_number!, retirementGroup) < month(d)) {
      found.push({ rule: 'RETIREMENT_OVERDUE', idNumber: s.id_number! });
    }
    if (s.work_unit_code && s.work_unit_code !== s.unit_code) {
      const recorded = secondments.some(
        (x) =>
          x.id_number === s.id_number &&
          x.from_unit_code === s.unit_code &&
          x.to_unit_code === s.work_unit_code,
      );
      if (!recorded) found.push({ rule: 'WORK_AWAY_UNRECORDED', idNumber: s.id_number! });
    }
  }
  for (const x of secondments) {
    if (x.end_on! < d || days(x.start_on!, d) > 365)
      found.push({ rule: 'SECONDMENT_OVERDUE', idNumber: x.id_number! });
  }

  const payroll = read(dir, 'payroll').filter((p) => p.period === REFERENCE_PERIOD);
  const insurance = read(dir, 'insurance').filter((p) => p.period === REFERENCE_PERIOD);
  const seatsDuring = group(persons.filter(during), (s) => s.id_number!);
  const mismatch = (rows: Row[], rule: 'PAY_UNIT_MISMATCH' | 'INSURANCE_UNIT_MISMATCH') => {
    for (const p of rows) {
      const seats = seatsDuring.get(p.id_number!);
      if (!seats) {
        if (rule === 'PAY_UNIT_MISMATCH') found.push({ rule: 'GHOST_PAY', idNumber: p.id_number! });
      } else if (!seats.some((s) => s.unit_code === p.unit_code))
        found.push({ rule, idNumber: p.id_number! });
    }
  };
  mismatch(payroll, 'PAY_UNIT_MISMATCH');
  mismatch(insurance, 'INSURANCE_UNIT_MISMATCH');
  const paidRegions = new Set(payroll.map((p) => unit.get(p.unit_code!)?.region_code));
  const listed = new Set([...payroll, ...insurance].map((p) => p.id_number));
  for (const s of persons) {
    const wholePeriod = s.entered_on! <= first && (!s.exited_on || s.exited_on > last);
    if (wholePeriod && paidRegions.has(unit.get(s.unit_code!)?.region_code) && !listed.has(s.id_number)) {
      found.push({ rule: 'UNPAID_SEAT', idNumber: s.id_number! });
    }
  }

  const unique = new Map(found.map((w) => [JSON.stringify(w), w]));
  return sortPlanted([...unique.values()]);
}

describe('the demo dataset against the rules', () => {
  let dir = '';
  let planted: PlantedWarning[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bianzhi-demo-rules-'));
    ({ planted } = await writeDemoDataset({ scale: 2, out: dir }));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('fires exactly the planted warnings as of the reference date, in every county', () => {
    expect(scan(dir)).toEqual(planted);
  });

  it('writes the same manifest to planted.json', () => {
    const manifest = JSON.parse(readFileSync(join(dir, PLANTED_FILE), 'utf8'));
    expect(manifest).toMatchObject({ referenceDate: REFERENCE_DATE, period: REFERENCE_PERIOD, scale: 2 });
    expect(manifest.warnings).toEqual(planted);
  });
});
