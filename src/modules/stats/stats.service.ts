import { PassThrough } from 'node:stream';
import type { Db } from '../../db/database.ts';
import { MEDIA_TYPES, type Download } from '../../shared/http.ts';
import type { Caller } from '../auth/caller.ts';
import { requireRegion } from '../org/org.service.ts';
import { DomainError } from '../../shared/domain-error.ts';
import { changeStatistics } from './changes.ts';
import { changesWorkbook } from './changes.export.ts';
import { overviewWorkbook } from './stats.export.ts';
import { regionOverview } from './stats.repository.ts';

/** The region overview (区域概况) of a region within the caller's scope, as of a date. */
export async function overviewOf(db: Db, caller: Caller, regionCode: string, asOf: string) {
  const region = await requireRegion(db, caller.scope, regionCode);
  const overview = await regionOverview(db, { regionCode: region.code, asOf, unitIds: caller.scope.unitIds });
  return { region: { code: region.code, name: region.name }, ...overview };
}

export async function overviewDownload(
  db: Db,
  caller: Caller,
  regionCode: string,
  asOf: string,
): Promise<Download> {
  const { region, ...overview } = await overviewOf(db, caller, regionCode, asOf);
  const stream = new PassThrough();
  stream.end(await overviewWorkbook(region.name, overview));
  return {
    stream,
    contentType: MEDIA_TYPES.xlsx,
    filename: `${region.name}机构编制概况（${asOf}）.xlsx`,
    asciiFilename: `overview-${region.code}-${asOf}.xlsx`,
  };
}

/** 机构编制变动情况统计 of a region within the caller's scope, between two dates. */
export async function changesOf(db: Db, caller: Caller, regionCode: string, from: string, to: string) {
  const region = await requireRegion(db, caller.scope, regionCode);
  if (from >= to) throw new ChangeWindowError(from, to);
  const stats = await changeStatistics(db, {
    regionCode: region.code,
    from,
    to,
    unitIds: caller.scope.unitIds,
  });
  return { region, stats };
}

export async function changesDownload(
  db: Db,
  caller: Caller,
  regionCode: string,
  from: string,
  to: string,
): Promise<Download> {
  const { region, stats } = await changesOf(db, caller, regionCode, from, to);
  const stream = new PassThrough();
  stream.end(await changesWorkbook(region.name, stats));
  return {
    stream,
    contentType: MEDIA_TYPES.xlsx,
    filename: `${region.name}机构编制变动情况（${from}至${to}）.xlsx`,
    asciiFilename: `changes-${region.code}-${from}-${to}.xlsx`,
  };
}

export class ChangeWindowError extends DomainError {
  constructor(from: string, to: string) {
    super('stats.change_window', `统计起始日 ${from} 应早于截止日 ${to}`, 'invalid');
  }
}
