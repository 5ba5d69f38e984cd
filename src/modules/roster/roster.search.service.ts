import { PassThrough } from 'node:stream';
import type { Db } from '../../db/database.ts';
import { MEDIA_TYPES, type Download } from '../../shared/http.ts';
import type { Caller } from '../auth/caller.ts';
import type { IdCipher } from '../identity/id-cipher.ts';
import { requireRegion } from '../org/org.service.ts';
import { findPerson } from './person.repository.ts';
import { revealsIdNumbers } from './roster.policy.ts';
import { writeRosterWorkbook } from './roster.export.ts';
import { type RosterFilter, searchRoster } from './roster.search.ts';
import { DomainError } from '../../shared/domain-error.ts';

export interface RosterSearchDeps {
  db: Db;
  idCipher: IdCipher;
}

export type RosterQuery = Omit<RosterFilter, 'regionCode' | 'unitIds' | 'revealWith'> & {
  regionCode?: string;
};

/** The caller's filter within their scope: their region unless they name one below it. */
async function scoped<Q extends Omit<RosterQuery, 'page' | 'pageSize'>>(
  deps: RosterSearchDeps,
  caller: Caller,
  query: Q,
) {
  const region = await requireRegion(deps.db, caller.scope, query.regionCode ?? caller.scope.regionCode);
  return {
    ...query,
    regionCode: region.code,
    unitIds: caller.scope.unitIds,
    revealWith: revealsIdNumbers(caller) ? deps.idCipher : undefined,
  } satisfies Omit<RosterFilter, 'page' | 'pageSize'>;
}

export async function rosterPage(deps: RosterSearchDeps, caller: Caller, query: RosterQuery) {
  const filter = await scoped(deps, caller, query);
  const { total, items } = await searchRoster(deps.db, filter);
  return { total, page: query.page, pageSize: query.pageSize, asOf: query.asOf, items };
}

export async function rosterDownload(
  deps: RosterSearchDeps,
  caller: Caller,
  query: Omit<RosterQuery, 'page' | 'pageSize'>,
): Promise<Download> {
  const filter = await scoped(deps, caller, query);
  const stream = new PassThrough();
  // Written as it is read: the response streams while the pages are fetched.
  writeRosterWorkbook(deps.db, filter, stream).catch((error: unknown) => stream.destroy(error as Error));
  return {
    stream,
    contentType: MEDIA_TYPES.xlsx,
    filename: `人员名册（${query.asOf}）.xlsx`,
    asciiFilename: `roster-${filter.regionCode}-${query.asOf}.xlsx`,
  };
}

export async function personDetail(deps: RosterSearchDeps, caller: Caller, personId: number, asOf: string) {
  const person = await findPerson(deps.db, personId, {
    regionCode: caller.scope.regionCode,
    unitIds: caller.scope.unitIds,
    asOf,
    revealWith: revealsIdNumbers(caller) ? deps.idCipher : undefined,
  });
  if (!person)
    throw new DomainError('roster.person_not_found', '未找到该人员，或不在您的数据范围内', 'not_found');
  return person;
}
