import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import type { Database } from '../../db/database.ts';
import type { Clock } from '../../shared/dates.ts';
import { type Download, MEDIA_TYPES } from '../../shared/http.ts';
import type { AuditTrail } from '../audit/audit.service.ts';
import type { Caller } from '../auth/caller.ts';
import type { IdCipher } from '../identity/id-cipher.ts';
import type { Job, JobRegistry, ReportProgress } from '../jobs/jobs.registry.ts';
import { regionWithin } from '../org/org.scope.ts';
import { createDatasetWriter } from './dataset-writer.ts';
import { type ExportOptions, exportDataset } from './export.service.ts';
import { type ImportResult, importDataset } from './import.service.ts';
import {
  ExportForbiddenError,
  ImportJobNotFoundError,
  ImportNotFinishedError,
  NoErrorReportError,
} from './interchange.errors.ts';
import { canExportFullIdNumbers } from './interchange.policy.ts';
import { importProgressTracker } from './interchange.progress.ts';
import {
  type MultipartRequest,
  openUpload,
  receiveUpload,
  type UploadedDataset,
} from './interchange.upload.ts';
import { writeErrorReport } from './report-writer.ts';
import type { DatasetSource } from './source.ts';

export interface InterchangeDeps {
  database: Pick<Database, 'db'>;
  idCipher: IdCipher;
  audit: AuditTrail;
  clock: Clock;
  jobs: JobRegistry;
  /** Where uploads, error reports and exports are kept while they are needed. */
  workDir: string;
  /** The largest upload accepted, in bytes. */
  uploadLimit: number;
  /** Called once an import has written its data (not a dry run): the id of the job it started, if any. */
  afterImport?: (actor: string, regionCode: string) => string | null;
}

/** An import job's result: the import's, and the scan it started once the data was written. */
export interface ImportJobResult extends ImportResult {
  scanJobId: string | null;
}

export const IMPORT_JOB = 'import';

/** Errors a job's status shows; the report has them all. */
export const SHOWN_ERRORS = 200;

export type ReportFormat = 'json' | 'xlsx';

/** A folder per import: the upload while the import runs, and a rejected import's reports after. */
interface Workspace {
  dir: string;
  /** The region scope of who started it: the import writes within it. */
  regionCode: string;
  /** Until the xlsx report, a marked copy of it, has been written. */
  upload: UploadedDataset | undefined;
  reports: Partial<Record<ReportFormat, Promise<string>>>;
}

/** The JSON report lists the errors alone; it reads no files. */
const NO_FILES: DatasetSource = { path: '', format: 'csv', files: async () => [] };

const removeDir = (dir: string) => rm(dir, { recursive: true, force: true, maxRetries: 3 });

/**
 * Imports and exports over HTTP. An upload is streamed to disk and imported by a job (one at a time);
 * a rejected import keeps its upload until its xlsx report is written, and the report until the job
 * leaves the registry. Exports are written to a temporary file and streamed back.
 */
export function createInterchangeService(deps: InterchangeDeps) {
  const workspaces = new Map<string, Workspace>();

  /** The job, if the caller's scope covers the region it was started in; otherwise "not found". */
  async function requireImportJob(caller: Caller, id: string): Promise<Job> {
    const job = deps.jobs.get(id);
    const visible =
      job?.kind === IMPORT_JOB &&
      job.regionCode !== null &&
      (await regionWithin(deps.database.db, job.regionCode, caller.scope.regionCode));
    if (!job || !visible) throw new ImportJobNotFoundError(id);
    return job;
  }

  async function runImport(
    workspace: Workspace,
    report: ReportProgress,
    actor: string,
    options: { dryRun: boolean; effectiveOn?: string },
  ): Promise<ImportJobResult> {
    const source = openUpload(workspace.upload!);
    const progress = importProgressTracker(report);
    let keep = false;
    try {
      const tracked: DatasetSource = {
        ...source,
        async files() {
          const files = await source.files();
          progress.files(files.map((file) => file.label));
          return files;
        },
      };
      const result = await importDataset(deps, tracked, {
        actor,
        scopeRegionCode: workspace.regionCode,
        dryRun: options.dryRun,
        effectiveOn: options.effectiveOn,
        onProgress: progress.update,
      });
      // The xlsx report of a rejected import is a marked copy of what was uploaded.
      keep = !result.ok;
      const written = result.ok && !result.dryRun;
      return {
        ...result,
        scanJobId: written ? (deps.afterImport?.(actor, workspace.regionCode) ?? null) : null,
      };
    } finally {
      await source.close?.();
      if (!keep) {
        workspace.upload = undefined;
        await removeDir(workspace.dir);
      }
    }
  }

  async function renderReport(workspace: Workspace, errors: ImportResult['errors'], format: ReportFormat) {
    const path = join(workspace.dir, `report.${format}`);
    if (format === 'json') {
      await writeErrorReport(path, NO_FILES, errors);
      return path;
    }
    const source = openUpload(workspace.upload!);
    try {
      await writeErrorReport(path, source, errors);
    } finally {
      await source.close?.();
    }
    workspace.upload = undefined;
    await removeDir(join(workspace.dir, 'upload'));
    return path;
  }

  /** Each report is written once, however many times it is fetched. */
  function reportFile(workspace: Workspace, errors: ImportResult['errors'], format: ReportFormat) {
    const ready = workspace.reports[format] ?? renderReport(workspace, errors, format);
    workspace.reports[format] = ready;
    ready.catch(() => {
      if (workspace.reports[format] === ready) delete workspace.reports[format];
    });
    return ready;
  }

  return {
    /** Receives the upload and queues its import; the job's id comes back before the import runs. */
    async startImport(
      caller: Caller,
      request: MultipartRequest,
      options: { dryRun: boolean; effectiveOn?: string },
    ): Promise<{ jobId: string }> {
      await mkdir(deps.workDir, { recursive: true });
      const dir = await mkdtemp(join(deps.workDir, 'bianzhi-import-'));
      try {
        const upload = await receiveUpload(request, join(dir, 'upload'), deps.uploadLimit);
        const workspace: Workspace = { dir, regionCode: caller.scope.regionCode, upload, reports: {} };
        const jobId = deps.jobs.start(
          IMPORT_JOB,
          caller.actor,
          (report) => runImport(workspace, report, caller.actor, options),
          {
            regionCode: caller.scope.regionCode,
            onDiscard: async () => {
              workspaces.delete(jobId);
              await removeDir(dir);
            },
          },
        );
        workspaces.set(jobId, workspace);
        return { jobId };
      } catch (error) {
        await removeDir(dir);
        throw error;
      }
    },

    /** The job, and once it is done its result with the first errors. */
    async importJob(caller: Caller, id: string) {
      const { result, ...job } = await requireImportJob(caller, id);
      if (!result) return job;
      const { errors, ...summary } = result as ImportJobResult;
      return {
        ...job,
        result: { ...summary, errorCount: errors.length, errors: errors.slice(0, SHOWN_ERRORS) },
      };
    },

    /** The full error report of a rejected import: JSON, or the upload with its bad cells marked. */
    async importReport(caller: Caller, id: string, format: ReportFormat): Promise<Download> {
      const job = await requireImportJob(caller, id);
      if (job.status === 'queued' || job.status === 'running') throw new ImportNotFinishedError();
      const result = job.result as ImportResult | undefined;
      const workspace = workspaces.get(id);
      if (!result || result.ok || !workspace) throw new NoErrorReportError();
      const path = await reportFile(workspace, result.errors, format);
      return {
        stream: createReadStream(path),
        contentType: MEDIA_TYPES[format],
        filename: `导入错误报告.${format}`,
        asciiFilename: `import-errors.${format}`,
      };
    },

    /** The stored data in the interchange format: one workbook, or the CSV folder zipped. */
    async exportData(
      caller: Caller,
      query: { asOf?: string; format: 'xlsx' | 'zip'; labels?: 'zh' },
    ): Promise<Download> {
      if (!canExportFullIdNumbers(caller)) throw new ExportForbiddenError();
      await mkdir(deps.workDir, { recursive: true });
      const dir = await mkdtemp(join(deps.workDir, 'bianzhi-export-'));
      try {
        const options: ExportOptions = {
          asOf: query.asOf ?? null,
          labels: query.labels ?? null,
          scopeRegionCode: caller.scope.regionCode,
        };
        const stream =
          query.format === 'zip'
            ? await exportZip(deps, dir, options)
            : await exportWorkbook(deps, dir, options);
        stream.once('close', () => void removeDir(dir).catch(() => {}));
        const name = query.asOf ?? '全部历史';
        return {
          stream,
          contentType: MEDIA_TYPES[query.format],
          filename: `编制数据_${name}.${query.format}`,
          asciiFilename: `bianzhi-${query.asOf ?? 'full'}.${query.format}`,
        };
      } catch (error) {
        await removeDir(dir);
        throw error;
      }
    },
  };
}

export type InterchangeService = ReturnType<typeof createInterchangeService>;

async function exportWorkbook(deps: InterchangeDeps, dir: string, options: ExportOptions): Promise<Readable> {
  const path = join(dir, 'export.xlsx');
  await exportDataset(deps, createDatasetWriter(path, { format: 'xlsx' }), options);
  return createReadStream(path);
}

/** The CSV folder as one zip, compressed while it streams out. */
async function exportZip(deps: InterchangeDeps, dir: string, options: ExportOptions): Promise<Readable> {
  const folder = join(dir, 'csv');
  await exportDataset(deps, createDatasetWriter(folder, { format: 'csv' }), options);
  const zip = new ZipFile();
  const output = zip.outputStream as Readable;
  // yazl reports a file it cannot read on the ZipFile, which nobody else listens to.
  zip.on('error', (error: Error) => output.destroy(error));
  for (const name of (await readdir(folder)).sort()) zip.addFile(join(folder, name), name);
  zip.end();
  return output;
}
