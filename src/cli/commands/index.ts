import type { Command } from '../cli.ts';
import { demoCommand } from './demo.ts';
import { exportCommand } from './export.ts';
import { importCommand } from './import.ts';
import { migrateCommand } from './migrate.ts';
import { retirementCommand } from './retirement.ts';
import { scanCommand } from './scan.ts';
import { serveCommand } from './serve.ts';
import { userCommand } from './user.ts';
import { verifyAuditCommand } from './verify-audit.ts';

/** Every `bianzhi` command, in the order `--help` lists them. */
export const commands: Command[] = [
  serveCommand,
  migrateCommand,
  importCommand,
  exportCommand,
  demoCommand,
  retirementCommand,
  scanCommand,
  verifyAuditCommand,
  userCommand,
];
