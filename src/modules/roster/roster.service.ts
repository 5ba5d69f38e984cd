import type { Db } from '../../db/database.ts';
import type { Caller } from '../auth/caller.ts';
import type { IdCipher } from '../identity/id-cipher.ts';
import { requireUnit } from '../org/org.service.ts';
import { revealsIdNumbers } from './roster.policy.ts';
import { seatsAsOf } from './roster.repository.ts';

export interface RosterDeps {
  db: Db;
  idCipher: IdCipher;
}

/** The seats a unit holds on the date, a page at a time; ID numbers in full only for those who may see them. */
export async function unitSeats(
  deps: RosterDeps,
  caller: Caller,
  code: string,
  options: { asOf: string; page: number; pageSize: number },
) {
  const unit = await requireUnit(deps.db, caller.scope, code);
  const revealWith = revealsIdNumbers(caller) ? deps.idCipher : undefined;
  const page = await seatsAsOf(deps.db, { scope: { unitId: unit.id }, ...options, revealWith });
  return { unitCode: unit.code, asOf: options.asOf, ...page };
}
