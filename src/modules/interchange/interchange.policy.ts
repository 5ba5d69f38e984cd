import { type Caller, can } from '../auth/caller.ts';

/**
 * An export carries every ID number in full (FORMAT.md: it round-trips), so exporting needs the
 * right to read them (编办管理员、编办业务员) besides the `export` permission its route declares.
 */
export function canExportFullIdNumbers(caller: Caller): boolean {
  return can(caller, 'id_number.read');
}
