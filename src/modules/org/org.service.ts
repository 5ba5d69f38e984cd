import type { Db } from '../../db/database.ts';
import { postFigures, quotaFigures } from '../establishment/establishment.repository.ts';
import { isUnitActive, versionAsOf } from '../establishment/establishment.rules.ts';
import { RegionNotFoundError, UnitNotFoundError } from './org.errors.ts';
import {
  chartersOf,
  findRegion,
  findUnitByCode,
  listRegions,
  type RegionRecord,
  type UnitRecord,
  unitHistory,
  unitsAsOf,
} from './org.repository.ts';

export async function requireRegion(db: Db, code: string): Promise<RegionRecord> {
  const region = await findRegion(db, code);
  if (!region) throw new RegionNotFoundError(code);
  return region;
}

export async function requireUnit(db: Db, code: string): Promise<UnitRecord> {
  const unit = await findUnitByCode(db, code);
  if (!unit) throw new UnitNotFoundError(code);
  return unit;
}

export async function regionList(db: Db) {
  return { regions: await listRegions(db) };
}

/** The units of a region as they stood on the date: the tree is in parentCode. */
export async function regionUnits(db: Db, code: string, asOf: string) {
  const region = await requireRegion(db, code);
  return { region, asOf, units: await unitsAsOf(db, { regionCode: code, asOf }) };
}

/** One unit as of the date: the version in force, its whole history, its figures and its charters. */
export async function unitDetail(db: Db, code: string, asOf: string) {
  const unit = await requireUnit(db, code);
  const scope = { regionCode: unit.regionCode, includeDescendants: false, asOf, unitId: unit.id };
  const [versions, quota, posts, charters] = await Promise.all([
    unitHistory(db, unit.id),
    quotaFigures(db, scope),
    postFigures(db, scope),
    chartersOf(db, unit.id),
  ]);
  return {
    asOf,
    unit: { ...unit, active: isUnitActive(unit, asOf) },
    current: versionAsOf(versions, asOf) ?? null,
    versions,
    quotaFigures: quota,
    postFigures: posts,
    charters,
  };
}
