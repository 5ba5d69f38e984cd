import type { Db } from '../../db/database.ts';
import type { DataScope } from '../auth/caller.ts';
import { postFigures, quotaFigures } from '../establishment/establishment.repository.ts';
import { isUnitActive, versionAsOf } from '../establishment/establishment.rules.ts';
import { RegionNotFoundError, UnitNotFoundError } from './org.errors.ts';
import {
  chartersOf,
  dutiesOf,
  findRegion,
  findUnitByCode,
  listRegions,
  type RegionRecord,
  type UnitRecord,
  unitHistory,
  unitsAsOf,
} from './org.repository.ts';
import { regionVisible, unitVisible } from './org.scope.ts';

/** The region, if it exists and lies within the scope; otherwise "not found", whichever it is. */
export async function requireRegion(db: Db, scope: DataScope, code: string): Promise<RegionRecord> {
  const region = await findRegion(db, code);
  if (!region || !(await regionVisible(db, scope, region))) throw new RegionNotFoundError(code);
  return region;
}

/** The unit, if it exists and lies within the scope; otherwise "not found", whichever it is. */
export async function requireUnit(db: Db, scope: DataScope, code: string): Promise<UnitRecord> {
  const unit = await findUnitByCode(db, code);
  if (!unit || !(await unitVisible(db, scope, unit))) throw new UnitNotFoundError(code);
  return unit;
}

/** The caller's region and the regions below it. */
export async function regionList(db: Db, scope: DataScope) {
  return { regions: await listRegions(db, scope.regionCode) };
}

/** The units of a region as they stood on the date (a 单位联络员's own only): the tree is in parentCode. */
export async function regionUnits(db: Db, scope: DataScope, code: string, asOf: string) {
  const region = await requireRegion(db, scope, code);
  return { region, asOf, units: await unitsAsOf(db, { regionCode: code, asOf, unitIds: scope.unitIds }) };
}

/** One unit as of the date: the version in force, its whole history, its figures and its charters. */
export async function unitDetail(db: Db, scope: DataScope, code: string, asOf: string) {
  const unit = await requireUnit(db, scope, code);
  const figureScope = { regionCode: unit.regionCode, includeDescendants: false, asOf, unitId: unit.id };
  const [versions, quota, posts, charters] = await Promise.all([
    unitHistory(db, unit.id),
    quotaFigures(db, figureScope),
    postFigures(db, figureScope),
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

/** 权责清单: the duties the unit holds on the date. */
export async function unitDuties(db: Db, scope: DataScope, code: string, asOf: string) {
  const unit = await requireUnit(db, scope, code);
  return { asOf, duties: await dutiesOf(db, unit.id, asOf) };
}
