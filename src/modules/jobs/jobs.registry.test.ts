import { describe, expect, it } from 'vitest';
import { DomainError } from '../../shared/domain-error.ts';
import { createJobRegistry } from './jobs.registry.ts';

const clock = () => new Date('2026-06-30T04:00:00Z');

/** A job body the test finishes when it wants to. */
function gate<T>() {
  let open!: (value: T) => void;
  let fail!: (error: unknown) => void;
  const promise = new Promise<T>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { run: () => promise, open, fail };
}

describe('the job registry', () => {
  it('returns an id at once and runs jobs of one kind one at a time, in order', async () => {
    const jobs = createJobRegistry({ clock });
    const first = gate<string>();
    const second = gate<string>();
    const a = jobs.start('import', 'api-token', first.run);
    const b = jobs.start('import', 'api-token', second.run);
    expect(jobs.get(a)).toMatchObject({ status: 'queued', progress: { phase: 'queued', rows: 0 } });
    await Promise.resolve();
    expect(jobs.get(a)!.status).toBe('running');
    expect(jobs.get(b)!.status).toBe('queued');
    first.open('one');
    expect(await jobs.wait(a)).toMatchObject({ status: 'succeeded', result: 'one' });
    expect(jobs.get(b)!.status).toBe('running');
    second.open('two');
    expect(await jobs.wait(b)).toMatchObject({
      status: 'succeeded',
      result: 'two',
      submittedAt: '2026-06-30T04:00:00.000Z',
      startedAt: '2026-06-30T04:00:00.000Z',
      finishedAt: '2026-06-30T04:00:00.000Z',
    });
  });

  it('lists the jobs of a kind still queued or running', async () => {
    const jobs = createJobRegistry({ clock });
    const first = gate<string>();
    const second = gate<string>();
    const a = jobs.start('scan', 'system', first.run);
    const b = jobs.start('scan', 'system', second.run);
    jobs.start('import', 'clerk', async () => 'other kind');
    await Promise.resolve();
    expect(jobs.pending('scan').map((j) => [j.id, j.status])).toEqual([
      [a, 'running'],
      [b, 'queued'],
    ]);
    first.open('one');
    await jobs.wait(a);
    expect(jobs.pending('scan').map((j) => j.id)).toEqual([b]);
    second.open('two');
    await jobs.wait(b);
    expect(jobs.pending('scan')).toEqual([]);
  });

  it('lets jobs of different kinds run side by side', async () => {
    const jobs = createJobRegistry({ clock });
    const slow = gate<void>();
    const a = jobs.start('import', 'x', slow.run);
    const b = jobs.start('scan', 'x', async () => 'done');
    expect(await jobs.wait(b)).toMatchObject({ status: 'succeeded' });
    expect(jobs.get(a)!.status).toBe('running');
    slow.open();
    await jobs.wait(a);
  });

  it('keeps the latest progress a job reports, as a copy', async () => {
    const jobs = createJobRegistry({ clock });
    const body = gate<void>();
    let report!: (progress: { phase: string; rows: number; file?: string; percent?: number }) => void;
    const id = jobs.start('import', 'x', (r) => {
      report = r;
      return body.run();
    });
    await Promise.resolve();
    const progress = { phase: 'read', file: 'units.csv', rows: 10_000, percent: 12 };
    report(progress);
    progress.rows = 0;
    expect(jobs.get(id)!.progress).toEqual({ phase: 'read', file: 'units.csv', rows: 10_000, percent: 12 });
    body.open();
    await jobs.wait(id);
  });

  it('marks a job that throws as failed, with a domain error as it is and anything else as internal', async () => {
    const errors: unknown[] = [];
    const jobs = createJobRegistry({ clock, onError: (error) => errors.push(error) });
    const domain = jobs.start('import', 'x', async () => {
      throw new DomainError('interchange.unreadable_file', '文件无法读取', 'invalid');
    });
    const crash = jobs.start('import', 'x', async () => {
      throw new TypeError('undefined is not a function');
    });
    const after = jobs.start('import', 'x', async () => 'still running');
    expect(await jobs.wait(domain)).toMatchObject({
      status: 'failed',
      error: { code: 'interchange.unreadable_file', message: '文件无法读取' },
    });
    expect((await jobs.wait(crash))!.error).toEqual({
      code: 'internal',
      message: expect.stringContaining('内部错误'),
    });
    expect(await jobs.wait(after)).toMatchObject({ status: 'succeeded', result: 'still running' });
    expect(errors).toHaveLength(2);
  });

  it('keeps a bounded number of finished jobs, discarding the oldest', async () => {
    const discarded: string[] = [];
    const jobs = createJobRegistry({ clock, keepFinished: 2 });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const id = jobs.start('import', 'x', async () => i, { onDiscard: () => void discarded.push(id) });
      ids.push(id);
      await jobs.wait(id);
    }
    expect(jobs.get(ids[0]!)).toBeUndefined();
    expect(jobs.get(ids[2]!)).toMatchObject({ result: 2 });
    await jobs.close();
    expect(discarded).toEqual(ids);
  });

  it('on close cancels queued jobs, waits for the running one and then refuses new ones', async () => {
    const jobs = createJobRegistry({ clock });
    const running = gate<string>();
    const a = jobs.start('import', 'x', running.run);
    let ranQueued = false;
    const b = jobs.start('import', 'x', async () => {
      ranQueued = true;
    });
    await Promise.resolve();
    const closed = jobs.close();
    expect(jobs.get(b)).toMatchObject({ status: 'failed', error: { code: 'job.cancelled' } });
    running.open('finished');
    await closed;
    expect(ranQueued).toBe(false);
    expect(jobs.get(a)).toBeUndefined();
    expect(() => jobs.start('import', 'x', async () => 1)).toThrow(DomainError);
  });

  it('answers undefined for an id it does not know', async () => {
    const jobs = createJobRegistry({ clock });
    expect(jobs.get('nope')).toBeUndefined();
    expect(await jobs.wait('nope')).toBeUndefined();
  });
});
