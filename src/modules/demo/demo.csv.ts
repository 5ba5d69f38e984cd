/**
 * The dataset's CSV files as FORMAT.md defines them (key headers, UTF-8, RFC 4180 quoting), written
 * county by county as streams so a province never sits in memory.
 */

import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { CountyData, Region } from './demo.model.ts';

export const DEMO_FILES = [
  'regions',
  'units',
  'quotas',
  'posts',
  'charters',
  'persons',
  'secondments',
  'off_quota',
  'payroll',
  'insurance',
] as const;
export type DemoFile = (typeof DEMO_FILES)[number];

const HEADERS: Record<DemoFile, string> = {
  regions: 'code,name,parent_code,unit_cap',
  units:
    'code,name,region_code,parent_code,kind,rank,public_class,funding,reference_managed,established_on,document_no,division_cap,abolished_on,alias_names,sort_order',
  quotas: 'unit_code,kind,amount,effective_on,document_no',
  posts: 'unit_code,level,amount,effective_on,document_no',
  charters: 'unit_code,issued_on,document_no',
  persons:
    'id_number,name,unit_code,quota_kind,category,entered_on,entry_type,approval_no,work_unit_code,post_level,post_unit_code,post_rank,retirement_group,exited_on,exit_type,education,major,ethnicity,political_status,title,status',
  secondments: 'id_number,from_unit_code,to_unit_code,start_on,end_on,returned_on,document_no',
  off_quota: 'id_number,name,unit_code,type,start_on,end_on,post_level',
  payroll: 'period,id_number,name,unit_code,amount',
  insurance: 'period,id_number,name,unit_code',
};

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV record, quoted where RFC 4180 requires it, with its line break. */
function csvLine(cells: readonly (string | number | null)[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    const text = cell === null || cell === undefined ? '' : String(cell);
    if (i > 0) line += ',';
    line += NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }
  return `${line}\n`;
}

export function regionLine(region: Region): string {
  return csvLine([region.code, region.name, region.parentCode, region.unitCap]);
}

/** The lines a county adds to each file (all but regions.csv, written once at the end). */
export function countyLines(
  county: CountyData,
  period: string,
): Record<Exclude<DemoFile, 'regions'>, string[]> {
  return {
    units: county.units.map((u) =>
      csvLine([
        u.code,
        u.name,
        u.regionCode,
        u.parentCode,
        u.kind,
        u.rank,
        u.publicClass,
        u.funding,
        u.referenceManaged ? 'true' : 'false',
        u.establishedOn,
        u.documentNo,
        u.divisionCap,
        u.abolishedOn,
        u.aliasNames.join(';'),
        u.sortOrder,
      ]),
    ),
    quotas: county.quotas.map((r) => csvLine([r.unitCode, r.kind, r.amount, r.effectiveOn, r.documentNo])),
    posts: county.posts.map((r) => csvLine([r.unitCode, r.kind, r.amount, r.effectiveOn, r.documentNo])),
    charters: county.charters.map((c) => csvLine([c.unitCode, c.issuedOn, c.documentNo])),
    persons: county.seats.map((s) => {
      const p = s.person;
      return csvLine([
        p.idNumber,
        p.name,
        s.unitCode,
        s.quotaKind,
        s.category,
        s.enteredOn,
        s.entryType,
        s.approvalNo,
        s.workUnitCode,
        s.postLevel,
        s.postUnitCode,
        s.postRank,
        p.retirementGroup,
        s.exitedOn,
        s.exitType,
        p.education,
        p.major,
        p.ethnicity,
        p.politicalStatus,
        p.title,
        s.status,
      ]);
    }),
    secondments: county.secondments.map((s) =>
      csvLine([s.idNumber, s.fromUnitCode, s.toUnitCode, s.startOn, s.endOn, s.returnedOn, s.documentNo]),
    ),
    off_quota: county.offQuota.map((o) =>
      csvLine([o.idNumber, o.name, o.unitCode, o.type, o.startOn, o.endOn, o.postLevel]),
    ),
    payroll: county.payroll.map((r) => csvLine([period, r.idNumber, r.name, r.unitCode, r.amount])),
    insurance: county.insurance.map((r) => csvLine([period, r.idNumber, r.name, r.unitCode])),
  };
}

/** One write stream per file, header first; `write` waits when the disk falls behind. */
export class DatasetWriter {
  readonly counts = Object.fromEntries(DEMO_FILES.map((file) => [file, 0])) as Record<DemoFile, number>;
  private readonly streams = new Map<DemoFile, WriteStream>();
  private failure: Error | undefined;

  constructor(directory: string) {
    for (const file of DEMO_FILES) {
      const stream = createWriteStream(join(directory, `${file}.csv`), { encoding: 'utf8' });
      stream.on('error', (error) => {
        this.failure ??= error;
      });
      stream.write(`${HEADERS[file]}\n`);
      this.streams.set(file, stream);
    }
  }

  async write(file: DemoFile, lines: readonly string[]): Promise<void> {
    if (this.failure) throw this.failure;
    if (lines.length === 0) return;
    this.counts[file] += lines.length;
    const stream = this.streams.get(file)!;
    if (!stream.write(lines.join(''))) await once(stream, 'drain');
  }

  async close(): Promise<void> {
    await Promise.all(
      [...this.streams.values()].map(
        (stream) =>
          new Promise<void>((resolve, reject) => {
            if (this.failure) reject(this.failure);
            stream.once('error', reject);
            stream.end(resolve);
          }),
      ),
    );
    if (this.failure) throw this.failure;
  }
}
