/**
 * `bianzhi demo`: a deterministic, fictional dataset in the interchange format. Scale 1 is one
 * county (青源县); scale N is N counties under a city, and under a province above 40. Every county
 * carries planted cases of each warning rule, listed in `planted.json` beside the CSV files.
 */

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CountyContext } from './demo.context.ts';
import { countyLines, DatasetWriter, type DemoFile, regionLine } from './demo.csv.ts';
import { settle } from './demo.ledger.ts';
import {
  type CountyData,
  type PlantedWarning,
  REFERENCE_DATE,
  REFERENCE_PERIOD,
  type Region,
  RULE_CODES,
} from './demo.model.ts';
import { PLACE_NAME_COUNT, placeName } from './demo.names.ts';
import { PeopleFactory } from './demo.people.ts';
import { CountyPlanter } from './demo.plant-people.ts';
import { seedOf } from './demo.random.ts';
import { buildRoster } from './demo.roster.ts';
import { buildUnits } from './demo.units.ts';

export { DEMO_FILES, type DemoFile } from './demo.csv.ts';
export {
  type PlantedWarning,
  REFERENCE_DATE,
  REFERENCE_PERIOD,
  RULE_CODES,
  type RuleCode,
} from './demo.model.ts';

/** The manifest beside the CSV files; not a FORMAT.md file, so the importer leaves it alone. */
export const PLANTED_FILE = 'planted.json';

export const MAX_SCALE = 1000;
const COUNTIES_PER_CITY = 40;
const PROVINCE = '29';

export interface DemoOptions {
  scale: number;
  out: string;
  /** Called after each county. */
  onProgress?: (done: number, total: number) => void;
}

export interface DemoResult {
  /** Rows written per file (headers not counted). */
  counts: Record<DemoFile, number>;
  /** The planted warnings, ordered by rule as RULES.md lists them, then by subject. */
  planted: PlantedWarning[];
}

export interface Layout {
  /** Province and cities, top first; empty at scale 1. */
  above: Region[];
  counties: Region[];
}

/** The regions of a scale: fictional codes of a province (29) that GB/T 2260 leaves unused. */
export function layout(scale: number): Layout {
  if (!Number.isInteger(scale) || scale < 1 || scale > MAX_SCALE) {
    throw new RangeError(`scale must be an integer from 1 to ${MAX_SCALE}`);
  }
  const above: Region[] = [];
  const counties: Region[] = [];
  const province = scale > COUNTIES_PER_CITY;
  if (province) above.push({ code: `${PROVINCE}0000`, name: '江岳省', parentCode: '', unitCap: null });
  const cities = Math.ceil(scale / COUNTIES_PER_CITY);
  for (let c = 0; c < cities; c++) {
    const cityCode = `${PROVINCE}${String(c + 1).padStart(2, '0')}00`;
    if (scale > 1) {
      const name = `${placeName(PLACE_NAME_COUNT - 1 - c)}市`;
      above.push({ code: cityCode, name, parentCode: province ? `${PROVINCE}0000` : '', unitCap: null });
    }
    for (let k = 0; k < COUNTIES_PER_CITY && counties.length < scale; k++) {
      counties.push({
        code: `${cityCode.slice(0, 4)}${21 + k}`,
        name: `${placeName(counties.length)}县`,
        parentCode: scale > 1 ? cityCode : '',
        unitCap: null,
      });
    }
  }
  return { above, counties };
}

/** Everything one county contributes; the same index always gives the same county. */
export function generateCounty(index: number, region: Region): CountyData {
  const ctx = new CountyContext(region, seedOf(2026, index));
  const units = buildUnits(ctx);
  const people = new PeopleFactory(ctx);
  const roster = buildRoster(ctx, units, people);
  const plan = new CountyPlanter({ ctx, people, region, units, roster }).run();
  const ledgers = settle(ctx, units, roster.seats, plan);
  return { region, units, ...ledgers, ...roster, planted: plan.planted };
}

const subjectOf = (w: PlantedWarning) =>
  `${w.regionCode ?? ''}|${w.unitCode ?? ''}|${w.quotaKind ?? ''}|${w.postLevel ?? ''}|${w.idNumber ?? ''}`;

export function sortPlanted(planted: PlantedWarning[]): PlantedWarning[] {
  return planted.sort((a, b) => {
    const byRule = RULE_CODES.indexOf(a.rule) - RULE_CODES.indexOf(b.rule);
    if (byRule !== 0) return byRule;
    const [x, y] = [subjectOf(a), subjectOf(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/** Writes the dataset into `out` (created if missing), county by county. */
export async function writeDemoDataset(options: DemoOptions): Promise<DemoResult> {
  const { above, counties } = layout(options.scale);
  await mkdir(options.out, { recursive: true });
  const writer = new DatasetWriter(options.out);
  const planted: PlantedWarning[] = [];
  try {
    for (const [index, region] of counties.entries()) {
      const county = generateCounty(index, region);
      const lines = countyLines(county, REFERENCE_PERIOD);
      for (const [file, rows] of Object.entries(lines) as [DemoFile, string[]][])
        await writer.write(file, rows);
      planted.push(...county.planted);
      options.onProgress?.(index + 1, counties.length);
    }
    // Regions last: a county's unit cap is known once its units are.
    await writer.write('regions', [...above, ...counties].map(regionLine));
  } finally {
    await writer.close();
  }
  sortPlanted(planted);
  const manifest = [
    '{',
    `  "referenceDate": ${JSON.stringify(REFERENCE_DATE)},`,
    `  "period": ${JSON.stringify(REFERENCE_PERIOD)},`,
    `  "scale": ${options.scale},`,
    '  "warnings": [',
    planted.map((w) => `    ${JSON.stringify(w)}`).join(',\n'),
    '  ]',
    '}',
    '',
  ].join('\n');
  await writeFile(join(options.out, PLANTED_FILE), manifest, 'utf8');
  return { counts: { ...writer.counts }, planted };
}
