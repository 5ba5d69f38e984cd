import type { AddressInfo } from 'node:net';
import { buildApp } from '../../app.ts';
import { ensureAccounts } from '../accounts.ts';
import { type CliIo, type Command, type OpenedDatabase, ReportedError, UsageError } from '../cli.ts';
import { loadDemoIfEmpty, plantDemoWorkflows } from '../demo-loader.ts';
import { DEFAULT_SCAN_AT, parseScanAt, type TimeOfDay } from '../../modules/warnings/warnings.scheduler.ts';

export interface ServeOptions {
  /**
   * `--demo`: loads the demonstration county when the database holds no units yet (first start).
   * Without it the flag is accepted and nothing is loaded.
   */
  loadDemoIfEmpty?: (opened: OpenedDatabase, io: CliIo) => Promise<boolean>;
  /** Once the demonstration accounts exist: the demo's workflows (its 动议事项). */
  plantDemoWorkflows?: (opened: OpenedDatabase) => Promise<void>;
}

function idleMinutesOf(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env.BIANZHI_SESSION_IDLE_MINUTES;
  if (!raw) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < 1)
    throw new UsageError(`BIANZHI_SESSION_IDLE_MINUTES 应为正整数：${raw}`);
  return Number(raw);
}

const DEFAULT_PORT = 3000;
const HOST = '127.0.0.1';

function portOf(value: string | boolean | undefined, env: NodeJS.ProcessEnv): number {
  const raw = typeof value === 'string' ? value : env.PORT || String(DEFAULT_PORT);
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65_535) throw new UsageError(`端口应为0至65535的整数：${raw}`);
  return port;
}

function scanAtOf(value: string | boolean | undefined): TimeOfDay | null {
  const raw = typeof value === 'string' ? value : DEFAULT_SCAN_AT;
  try {
    return parseScanAt(raw);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Resolves on the first SIGINT or SIGTERM. */
function untilStopped(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export function createServeCommand(options: ServeOptions = {}): Command {
  return {
    name: 'serve',
    usage: 'bianzhi serve [--port N] [--demo] [--region 区划代码] [--scan-at HH:MM|off]',
    summary:
      '启动网页应用与接口（默认端口 3000 或环境变量 PORT）；首次启动创建管理员账号；每天 --scan-at（默认 02:00）扫描预警',
    options: {
      port: { type: 'string' },
      demo: { type: 'boolean' },
      region: { type: 'string' },
      'scan-at': { type: 'string' },
    },
    async run(parsed, context) {
      const { io } = context;
      const port = portOf(parsed.values.port, io.env);
      const idleMinutes = idleMinutesOf(io.env);
      const scanAt = scanAtOf(parsed.values['scan-at']);
      const opened = await context.open();
      const app = buildApp({
        database: opened.database,
        idCipher: opened.idCipher,
        audit: opened.audit,
        clock: opened.clock,
        logger: { level: 'warn' },
        sessions: idleMinutes ? { idleMinutes } : {},
        ...(scanAt ? { scanSchedule: { at: scanAt } } : {}),
      });
      try {
        const loaded = parsed.values.demo ? await options.loadDemoIfEmpty?.(opened, io) : false;
        const region =
          typeof parsed.values.region === 'string' ? parsed.values.region : io.env.BIANZHI_REGION;
        await ensureAccounts(opened, io, { regionCode: region, demo: !!parsed.values.demo });
        if (loaded) await options.plantDemoWorkflows?.(opened);
        await app.listen({ host: HOST, port });
      } catch (error) {
        await app.close();
        await opened.database.close();
        if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
          throw new ReportedError(`端口 ${port} 已被占用，请用 --port 指定其他端口`);
        throw error;
      }
      const { port: bound } = app.server.address() as AddressInfo;
      const url = `http://${HOST}:${bound}`;
      // Listening for the signals before saying so: whoever reads the line may stop the server at once.
      const stopped = untilStopped();
      io.stdout.write(`Bianzhi 已启动：${url}/\n接口文档：${url}/api/docs\n按 Ctrl+C 停止\n`);
      const signal = await stopped;
      io.stdout.write(`收到 ${signal}，正在停止…\n`);
      try {
        await app.close();
      } finally {
        // Releases the embedded database's lock, so other commands can open it again.
        await opened.database.close();
      }
      io.stdout.write('已停止\n');
      return 0;
    },
  };
}

export const serveCommand = createServeCommand({ loadDemoIfEmpty, plantDemoWorkflows });
