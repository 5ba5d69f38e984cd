import type { Db } from '../../db/database.ts';
import type { DataScope } from '../auth/caller.ts';
import { requireRegion, requireUnit } from '../org/org.service.ts';
import { postLedgerOf, quotaFigures, quotaLedgerOf } from './establishment.repository.ts';

/** 编制台账 of a unit, every change with its document. */
export async function unitQuotaLedger(db: Db, scope: DataScope, code: string) {
  const unit = await requireUnit(db, scope, code);
  return { unitCode: unit.code, entries: await quotaLedgerOf(db, unit.id) };
}

/** 领导职数台账 of a unit. */
export async function unitPostLedger(db: Db, scope: DataScope, code: string) {
  const unit = await requireUnit(db, scope, code);
  return { unitCode: unit.code, entries: await postLedgerOf(db, unit.id) };
}

/**
 * Quota figures of every active unit of a region and the regions below it, in one query; a
 * 单位联络员 gets the rows of their own units only.
 */
export async function regionFigures(db: Db, scope: DataScope, code: string, asOf: string) {
  await requireRegion(db, scope, code);
  const figures = await quotaFigures(db, { regionCode: code, includeDescendants: true, asOf });
  const { unitIds } = scope;
  return {
    regionCode: code,
    asOf,
    figures: unitIds ? figures.filter((figure) => unitIds.includes(figure.unitId)) : figures,
  };
}
