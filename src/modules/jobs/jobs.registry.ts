import { randomUUID } from 'node:crypto';
import type { Clock } from '../../shared/dates.ts';
import { DomainError } from '../../shared/domain-error.ts';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface JobProgress {
  /** What the job is doing; each kind of job names its own phases (an import: read, check, write, done). */
  phase: string;
  file?: string;
  rows: number;
  /** An estimate for a progress bar, 0–100, when the job can make one. */
  percent?: number;
}

export interface Job {
  id: string;
  kind: string;
  /** Who started it, as the audit log names them. */
  actor: string;
  /** The region scope of who started it: only callers whose scope covers it see the job. */
  regionCode: string | null;
  /**
   * `succeeded` means the work ran to its end, whatever it found (an import that rejected its dataset
   * succeeded: the rejection is its result); `failed` means it broke off, and `error` says why.
   */
  status: JobStatus;
  progress: JobProgress;
  result?: unknown;
  error?: { code: string; message: string };
  /** ISO timestamps: when it was handed in, when it left the queue, when it ended. */
  submittedAt: string;
  startedAt?: string;
  finishedAt?: string;
}

export type ReportProgress = (progress: JobProgress) => void;

export interface StartOptions {
  /** See `Job.regionCode` (default null: the command line, no scope). */
  regionCode?: string | null;
  /** Called once the job leaves the registry (pushed out by newer ones, or on close): frees what it holds. */
  onDiscard?: () => Promise<void> | void;
}

export interface JobRegistry {
  /** Queues the work and returns its id at once; jobs of one kind run one at a time, in order. */
  start(
    kind: string,
    actor: string,
    run: (report: ReportProgress) => Promise<unknown>,
    options?: StartOptions,
  ): string;
  /** A snapshot of the job, or undefined once it is unknown or has left the registry. */
  get(id: string): Job | undefined;
  /** Snapshots of the jobs of a kind not finished yet (queued or running), oldest first. */
  pending(kind: string): Job[];
  /** Resolves with the job once it has finished (undefined for an unknown id). */
  wait(id: string): Promise<Job | undefined>;
  /** Cancels queued jobs, waits for running ones and discards every job. */
  close(): Promise<void>;
}

export interface JobRegistryOptions {
  clock: Clock;
  /** Finished jobs kept for their results; older ones are discarded (default 100). */
  keepFinished?: number;
  /** A job that broke off, or a discard that failed: for the log. Never rethrown. */
  onError?: (error: unknown, job: Job) => void;
}

interface Entry {
  job: Job;
  done: Promise<void>;
  onDiscard?: StartOptions['onDiscard'];
}

const snapshot = (job: Job): Job => ({ ...job, progress: { ...job.progress } });

const INTERNAL_ERROR = { code: 'internal', message: '任务因服务器内部错误中止，请稍后重试或联系管理员' };

/**
 * Long work (imports, later scans and reports) run in this server process as jobs with progress
 * (DESIGN.md). Jobs live in memory: a restart forgets them, and each server process sees only its
 * own. A deployment of several processes behind one address needs the jobs in a table (and a worker
 * that claims them) so any process can answer for any job: that comes with the multi-process setup.
 * A job that throws never takes the server down: it is marked failed with a code and a message.
 */
export function createJobRegistry(options: JobRegistryOptions): JobRegistry {
  const keep = options.keepFinished ?? 100;
  const now = () => options.clock().toISOString();
  const entries = new Map<string, Entry>();
  const finished: string[] = [];
  const queues = new Map<string, Promise<void>>();
  const discarding = new Set<Promise<void>>();
  let closing = false;
  // The log must not break a queue either.
  const reportError = (error: unknown, job: Job) => {
    try {
      options.onError?.(error, job);
    } catch {
      // Nowhere left to report it.
    }
  };

  const discard = (entry: Entry) => {
    entries.delete(entry.job.id);
    const pending = Promise.resolve()
      .then(() => entry.onDiscard?.())
      .catch((error: unknown) => reportError(error, entry.job))
      .finally(() => discarding.delete(pending));
    discarding.add(pending);
  };

  const execute = async (entry: Entry, run: (report: ReportProgress) => Promise<unknown>) => {
    const { job } = entry;
    // Cancelled while it waited.
    if (job.status !== 'queued') return;
    job.status = 'running';
    job.startedAt = now();
    try {
      job.result = await run((progress) => {
        if (job.status === 'running') job.progress = { ...progress };
      });
      job.status = 'succeeded';
    } catch (error) {
      job.status = 'failed';
      job.error =
        error instanceof DomainError ? { code: error.code, message: error.message } : { ...INTERNAL_ERROR };
      reportError(error, job);
    }
    job.finishedAt = now();
    finished.push(job.id);
    while (finished.length > keep) {
      const old = entries.get(finished.shift()!);
      if (old) discard(old);
    }
  };

  return {
    start(kind, actor, run, startOptions = {}) {
      if (closing) throw new DomainError('job.closing', '服务器正在停止，暂不接受新任务', 'conflict');
      const job: Job = {
        id: randomUUID(),
        kind,
        actor,
        regionCode: startOptions.regionCode ?? null,
        status: 'queued',
        progress: { phase: 'queued', rows: 0, percent: 0 },
        submittedAt: now(),
      };
      // execute() never throws, so the queue of a kind never breaks.
      const done = (queues.get(kind) ?? Promise.resolve()).then(() => execute(entry, run));
      const entry: Entry = { job, done, onDiscard: startOptions.onDiscard };
      queues.set(kind, done);
      entries.set(job.id, entry);
      return job.id;
    },

    get(id) {
      const entry = entries.get(id);
      return entry && snapshot(entry.job);
    },

    pending(kind) {
      return [...entries.values()]
        .map((entry) => entry.job)
        .filter((job) => job.kind === kind && (job.status === 'queued' || job.status === 'running'))
        .map(snapshot);
    },

    async wait(id) {
      const entry = entries.get(id);
      if (!entry) return undefined;
      await entry.done;
      return snapshot(entry.job);
    },

    async close() {
      closing = true;
      for (const { job } of entries.values()) {
        if (job.status !== 'queued') continue;
        job.status = 'failed';
        job.error = { code: 'job.cancelled', message: '服务器停止，任务未执行' };
        job.finishedAt = now();
      }
      await Promise.all([...entries.values()].map((entry) => entry.done));
      for (const entry of [...entries.values()]) discard(entry);
      await Promise.all([...discarding]);
    },
  };
}
