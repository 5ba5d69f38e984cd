import { type Database, query, sql } from '../../db/database.ts';
import type { AuditTrail } from '../audit/audit.service.ts';

/**
 * 在岗状态 changes are dated (seat_statuses); `seats.status` shows the one in force today. A change
 * dated ahead takes effect when its day comes: this brings in every change due by `today` that a
 * seat does not show yet, in one statement, audited. Run before each scan (on demand, daily, after
 * an import), so the roster and the rules read statuses as of the day.
 */
export async function applyDueStatuses(
  deps: { database: Database; audit: AuditTrail },
  today: string,
  actor: string,
): Promise<number> {
  return deps.audit.transaction(deps.database.db, async (tx, audit) => {
    const changed = await query<{ id: number }>(
      tx,
      sql`UPDATE seats s SET status = due.status
        FROM (SELECT DISTINCT ON (seat_id) seat_id, status FROM seat_statuses
          WHERE valid_from <= ${today}::date ORDER BY seat_id, valid_from DESC) due
        WHERE due.seat_id = s.id AND s.status <> due.status
        RETURNING s.id`,
    );
    if (changed.length > 0)
      await audit.record({
        actor,
        action: 'seat.status_due',
        entity: 'seats',
        details: { today, seats: changed.map((row) => row.id) },
      });
    return changed.length;
  });
}
