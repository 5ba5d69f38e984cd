import { PassThrough } from 'node:stream';
import type { Db } from '../../db/database.ts';
import { MEDIA_TYPES, type Download } from '../../shared/http.ts';
import type { Caller } from '../auth/caller.ts';
import { requireRegion } from '../org/org.service.ts';
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
