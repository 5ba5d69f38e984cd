import { type Caller, can } from '../auth/caller.ts';

/** Who sees resident ID numbers in full (编办管理员、编办业务员); everyone else sees them masked. */
export function revealsIdNumbers(caller: Caller): boolean {
  return can(caller, 'id_number.read');
}
