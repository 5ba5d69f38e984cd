/** The quota and post ledgers (编制台账, 职数台账) as the unit page lists them. Pure. */

export interface LedgerEntry {
  id: number;
  amount: number;
  effectiveOn: string;
  documentNo: string;
}

export interface LedgerRow<E extends LedgerEntry> {
  entry: E;
  /** The approved figure of the entry's kind once this entry took effect. */
  runningTotal: number;
  /** The first entry of its kind: the baseline (基数), not a change. */
  baseline: boolean;
  /** Effective after the as-of date: listed, but not yet counted. */
  pending: boolean;
}

/**
 * Entries in date order with the approved figure after each, per kind (`keyOf`): approved(kind, D)
 * is the sum of the entries effective on or before D (FORMAT.md).
 */
export function ledgerRows<E extends LedgerEntry>(
  entries: readonly E[],
  keyOf: (entry: E) => string,
  asOf: string,
): LedgerRow<E>[] {
  const sorted = [...entries].sort((a, b) =>
    a.effectiveOn === b.effectiveOn ? a.id - b.id : a.effectiveOn < b.effectiveOn ? -1 : 1,
  );
  const totals = new Map<string, number>();
  return sorted.map((entry) => {
    const key = keyOf(entry);
    const before = totals.get(key);
    const runningTotal = (before ?? 0) + entry.amount;
    totals.set(key, runningTotal);
    return { entry, runningTotal, baseline: before === undefined, pending: entry.effectiveOn > asOf };
  });
}

/** `+2`, `−1`, or the plain baseline figure. */
export function signedAmount(amount: number, baseline: boolean): string {
  if (baseline) return String(amount);
  return amount > 0 ? `+${amount}` : amount < 0 ? `−${-amount}` : '0';
}
