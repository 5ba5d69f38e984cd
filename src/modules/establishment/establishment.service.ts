import type { Db } from '../../db/database.ts';
import { requireRegion, requireUnit } from '../org/org.service.ts';
import { postLedgerOf, quotaFigures, quotaLedgerOf } from './establishment.repository.ts';

/** 编制台账 of a unit, every change with its document. */
export async function unitQuotaLedger(db: Db, code: string) {
  const unit = await requireUnit(db, code);
  return { unitCode: unit.code, entries: await quotaLedgerOf(db, unit.id) };
}

/** 领导职数台账 of a unit. */
export async function unitPostLedger(db: Db, code: string) {
  const unit = await requireUnit(db, code);
  return { unitCode: unit.code, entries: await postLedgerOf(db, unit.id) };
}

/** Quota figures of every active unit of a region and the regions below it, in one query. */
export async function regionFigures(db: Db, code: string, asOf: string) {
  await requireRegion(db, code);
  return {
    regionCode: code,
    asOf,
    figures: await quotaFigures(db, { regionCode: code, includeDescendants: true, asOf }),
  };
}
