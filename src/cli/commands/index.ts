import type { Command } from '../cli.ts';
import { migrateCommand } from './migrate.ts';

/** Every `bianzhi` command, in the order `--help` lists them. */
export const commands: Command[] = [migrateCommand];
