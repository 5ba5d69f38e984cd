import { sql } from 'drizzle-orm';
import { type Database, query } from '../../db/database.ts';
import { type Clock, isIsoDate, todayOf } from '../../shared/dates.ts';
import type { AuditTrail } from '../audit/audit.service.ts';
import type { IdCipher } from '../identity/id-cipher.ts';
import { checkIdNumber } from '../identity/id-number.ts';
import { FILES, type FileSpec, fileSpec } from './dataset.spec.ts';
import { runChecks, type StagedFile } from './import.checks.ts';
import type { ImportError } from './import.errors.ts';
import { PLANS } from './import.plans.ts';
import { mergeVersions, seatPostPlan, unitVersionPlan } from './import.versions.ts';
import { mergeStaged, rowRange } from './merge.ts';
import { type ParsedRow, parseRow, resolveHeader } from './row-parser.ts';
import { type DatasetSource, type SourceFile, SourceFormatError } from './source.ts';
import { StageWriter, stageTable } from './staging.ts';

export interface ImportDependencies {
  database: Pick<Database, 'db'>;
  idCipher: IdCipher;
  audit: AuditTrail;
  clock: Clock;
}

export interface ImportOptions {
  actor: string;
  /** The importing user's region: every row must lie within it and the regions below it. Without it (the command line), anywhere. */
  scopeRegionCode?: string | null;
  dryRun?: boolean;
  /** The date new unit and post versions take effect (default: today). */
  effectiveOn?: string;
  /** Stop collecting errors after this many (default 1000). */
  errorCap?: number;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportProgress {
  phase: 'read' | 'check' | 'write' | 'done';
  file?: string;
  rows: number;
}

export interface FileCounts {
  rows: number;
  added: number;
  updated: number;
}

export interface ImportResult {
  ok: boolean;
  dryRun: boolean;
  errors: ImportError[];
  /** More errors exist than were collected. */
  truncated: boolean;
  counts: Record<string, FileCounts>;
  auditSeq: number | null;
}

/** The row of each ID number that speaks for the person: its last in the file. Made once, not per batch. */
const PERSON_HEADS = [
  `CREATE TEMP TABLE stage_person_heads ON COMMIT DROP AS
   SELECT DISTINCT ON (id_index) * FROM stage_persons ORDER BY id_index, row_number DESC`,
  'CREATE INDEX ON stage_person_heads (row_number)',
  'ANALYZE stage_person_heads',
];

/** Thrown inside the transaction to undo a dry run or a rejected import; never escapes. */
class Rollback extends Error {}

/**
 * Imports a dataset (FORMAT.md): every row is checked before anything is written; then one
 * transaction applies it all, or nothing. A dry run does the whole work and rolls it back.
 */
export async function importDataset(
  deps: ImportDependencies,
  source: DatasetSource,
  options: ImportOptions,
): Promise<ImportResult> {
  const today = todayOf(deps.clock);
  const effectiveOn = options.effectiveOn ?? today;
  if (!isIsoDate(effectiveOn)) throw new Error(`生效日期无效：${effectiveOn}`);
  const cap = options.errorCap ?? 1000;
  const progress = options.onProgress ?? (() => {});
  const result: ImportResult = {
    ok: false,
    dryRun: !!options.dryRun,
    errors: [],
    truncated: false,
    counts: {},
    auditSeq: null,
  };

  try {
    await deps.audit.transaction(deps.database.db, async (tx, audit) => {
      const staged = new Map<string, StagedFile>();
      const digests: Record<string, string> = {};
      const errors = result.errors;
      for (const file of await readableFiles(source, errors)) {
        // A sheet or file with nothing in it at all (Excel's empty `Sheet1`) carries nothing to import.
        if (file.header.length === 0) continue;
        const spec = fileSpec(file.name);
        if (!spec) {
          errors.push({
            file: file.label,
            row: 0,
            column: null,
            value: null,
            reason: `未知的数据文件「${file.label}」（应为 ${FILES.map((f) => f.name).join('、')} 之一）`,
          });
          continue;
        }
        if (staged.has(spec.name)) {
          errors.push({
            file: file.label,
            row: 0,
            column: null,
            value: null,
            reason: `数据文件「${spec.name}」重复出现`,
          });
          continue;
        }
        const { header, errors: headerErrors } = resolveHeader(spec, file);
        errors.push(...headerErrors);
        const writer = new StageWriter(tx, spec, deps.idCipher);
        await writer.create();
        try {
          for await (const row of file.rows()) {
            if (errors.length >= cap) {
              result.truncated = true;
              break;
            }
            const parsed = parseRow(header, row, file, { today }, errors);
            checkRowDates(spec, parsed, file.label, errors);
            if (parsed.keyBad) continue;
            const id = parsed.values.id_number;
            const check = typeof id === 'string' ? checkIdNumber(id) : null;
            await writer.add(parsed, check?.ok ? { birthDate: check.birthDate, gender: check.gender } : null);
            if (writer.rows % 10_000 === 0) progress({ phase: 'read', file: file.label, rows: writer.rows });
          }
        } catch (error) {
          // A file that cannot be read to its end (a quote left open, a broken workbook) is one error of the dataset.
          if (!(error instanceof SourceFormatError)) throw error;
          errors.push(unreadable(error));
        }
        await writer.finish();
        digests[file.label] = file.digest();
        result.counts[spec.name] = { rows: writer.rows, added: 0, updated: 0 };
        staged.set(spec.name, { spec, label: file.label, present: header.present });
        progress({ phase: 'read', file: file.label, rows: writer.rows });
      }
      if (errors.length < cap) {
        progress({ phase: 'check', rows: 0 });
        errors.push(...(await runChecks(tx, staged, cap - errors.length, options.scopeRegionCode ?? null)));
      }
      if (errors.length >= cap) result.truncated = true;
      // A row holds several cells: the last one read may have taken the count past the cap.
      errors.splice(cap);
      if (errors.length > 0) throw new Rollback();

      const entry = await audit.begin({
        actor: options.actor,
        action: 'import',
        entity: 'dataset',
        entityKey: source.path,
        regionCode: options.scopeRegionCode ?? null,
        details: { format: source.format, effectiveOn, files: digests },
      });
      const sink = entry;
      for (const spec of FILES) {
        const file = staged.get(spec.name);
        // Unit history is merged with the units file, before its rows are compared with the latest version.
        if (!file || (spec.name === 'unit_versions' && staged.has('units'))) continue;
        progress({ phase: 'write', file: file.label, rows: 0 });
        const range = await rowRange(tx, stageTable(spec));
        const counts = result.counts[spec.name]!;
        const add = (c: { added: number; updated: number }) => {
          counts.added += c.added;
          counts.updated += c.updated;
        };
        if (spec.name === 'persons') {
          const [before] = await query<{ max: number | null }>(tx, sql`SELECT max(id) AS max FROM seats`);
          for (const statement of PERSON_HEADS) await tx.execute(sql.raw(statement));
          // A person is added with a seat, which counts the row; a corrected name or education is an update.
          const people = await mergeStaged(
            tx,
            PLANS.persons!,
            file.present,
            await rowRange(tx, 'stage_person_heads'),
            sink,
          );
          add({ added: 0, updated: people.updated });
          add(await mergeStaged(tx, PLANS.seats!, file.present, range, sink));
          // With seat_posts.csv in the same dataset, the post history comes from it, not from the latest post here.
          if (!staged.has('seat_posts')) {
            await mergeVersions(
              tx,
              seatPostPlan(before?.max ?? 0, effectiveOn),
              file.present,
              effectiveOn,
              range,
              sink,
            );
          }
        } else {
          add(await mergeStaged(tx, PLANS[spec.name]!, file.present, range, sink));
          if (spec.name === 'units') {
            const history = staged.get('unit_versions');
            if (history) {
              const historyCounts = result.counts.unit_versions!;
              const c = await mergeStaged(
                tx,
                PLANS.unit_versions!,
                history.present,
                await rowRange(tx, 'stage_unit_versions'),
                sink,
              );
              historyCounts.added += c.added;
              historyCounts.updated += c.updated;
            }
            // A new unit's first version is part of adding it; a changed one is an update of the unit.
            const versions = await mergeVersions(
              tx,
              unitVersionPlan(),
              file.present,
              effectiveOn,
              range,
              sink,
            );
            add({ added: 0, updated: versions.updated });
          }
        }
      }
      // Fresh statistics, so the first queries after a large import are planned for its size.
      for (const table of touchedTables(staged)) await tx.execute(sql.raw(`ANALYZE ${table}`));
      await entry.finish({ counts: result.counts });
      result.auditSeq = entry.seq;
      result.ok = true;
      progress({ phase: 'done', rows: 0 });
      if (options.dryRun) throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
    if (options.dryRun && result.ok) result.auditSeq = null;
  }
  return result;
}

/** The dataset's files; one that cannot even be opened (a header's quote left open, not a workbook) is its error. */
async function readableFiles(source: DatasetSource, errors: ImportError[]): Promise<SourceFile[]> {
  try {
    return await source.files();
  } catch (error) {
    if (!(error instanceof SourceFormatError)) throw error;
    errors.push(unreadable(error));
    return [];
  }
}

function unreadable(error: SourceFormatError): ImportError {
  return { file: error.file, row: error.row ?? 0, column: null, value: null, reason: error.reason };
}

function touchedTables(staged: Map<string, StagedFile>): string[] {
  const tables = new Set<string>();
  for (const name of staged.keys()) {
    const written =
      name === 'persons'
        ? ['persons', 'seats', 'seat_posts']
        : name === 'units'
          ? ['units', 'unit_versions']
          : [PLANS[name]!.table];
    for (const table of written) tables.add(table);
  }
  return [...tables];
}

/** Dates within one row that cannot be: an exit before the entry, an end before the start. */
function checkRowDates(spec: FileSpec, row: ParsedRow, label: string, errors: ImportError[]) {
  const pairs: Record<string, [string, string, string][]> = {
    units: [['established_on', 'abolished_on', '撤销日期早于设立日期']],
    persons: [['entered_on', 'exited_on', '出编时间早于入编时间']],
    secondments: [
      ['start_on', 'end_on', '约定结束日期早于开始日期'],
      ['start_on', 'returned_on', '实际结束日期早于开始日期'],
    ],
    off_quota: [['start_on', 'end_on', '结束日期早于开始日期']],
  };
  for (const [start, end, reason] of pairs[spec.name] ?? []) {
    const a = row.values[start];
    const b = row.values[end];
    if (typeof a === 'string' && typeof b === 'string' && b < a) {
      errors.push({ file: label, row: row.rowNumber, column: end, value: b, reason });
      row.bad = true;
    }
  }
}
