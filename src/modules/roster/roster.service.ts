import type { Db } from '../../db/database.ts';
import { requireUnit } from '../org/org.service.ts';
import { seatsAsOf } from './roster.repository.ts';

/** The seats a unit holds on the date, a page at a time; ID numbers masked. */
export async function unitSeats(
  db: Db,
  code: string,
  options: { asOf: string; page: number; pageSize: number },
) {
  const unit = await requireUnit(db, code);
  const page = await seatsAsOf(db, { scope: { unitId: unit.id }, ...options });
  return { unitCode: unit.code, asOf: options.asOf, ...page };
}
