import { createHash, createHmac, type Hash } from 'node:crypto';

/** A value as jsonb stores it and the drivers read it back. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The `prev_hash` of entry 1. */
export const GENESIS_HASH = '0'.repeat(64);

/** A link of the chain: an entry's sequence number and hash. */
export interface ChainLink {
  seq: number;
  hash: string;
}

/**
 * What the hash of an entry covers, named as the columns are so that anyone holding the key can
 * recompute it from a dump of `audit_log`.
 */
export interface EntryBody {
  seq: number;
  /** ISO 8601 in UTC with milliseconds, as `Date.toISOString()` gives it. */
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_key: string | null;
  region_code: string | null;
  document_no: string | null;
  before: Json;
  after: Json;
  details: Json;
}

export interface StoredEntry extends EntryBody {
  prev_hash: string;
  hash: string;
}

/** A row of `audit_changes` without its id and seq: what the change digest covers. */
export interface StoredChange {
  entity: string;
  op: string;
  key: Json;
  before: Json;
  after: Json;
}

/** What a bulk entry's `details.changes` says about its change rows. */
export interface ChangeSummary {
  count: number;
  sm3: string;
}

/**
 * The value jsonb will hand back: dates become strings, undefined properties vanish, and a missing
 * value is null. Hashing this rather than the caller's object makes the write and the read agree.
 */
export function toJson(value: unknown): Json {
  const text = JSON.stringify(value);
  return text === undefined ? null : (JSON.parse(text) as Json);
}

/** JSON with object keys sorted at every level: jsonb does not keep the order they were written in. */
export function canonical(value: Json): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key] ?? null)}`).join(',')}}`;
}

/** HMAC-SM3 of the previous hash followed by the canonical entry, in hex. */
export function entryHash(key: Buffer, prevHash: string, body: EntryBody): string {
  const fields: { [name: string]: Json } = { ...body };
  return createHmac('sm3', key).update(prevHash).update(canonical(fields)).digest('hex');
}

/** The running SM3 digest of a bulk entry's change rows, in the order they were inserted. */
/**
 * The digest of a bulk entry's change rows: SM3 over their fingerprints in row order. A fingerprint
 * is the SHA-256 the database computes over a row's stored text (see `changeFingerprintSql`), so an
 * import can write its change rows with SQL alone and the verifier recomputes the same digest.
 */
export class ChangeDigest {
  private readonly hash: Hash = createHash('sm3');
  private count = 0;

  /** Fingerprints, 32 bytes each, concatenated in row order. */
  addFingerprints(fingerprints: Uint8Array | null): void {
    if (!fingerprints) return;
    if (fingerprints.length % 32 !== 0) throw new Error('变更明细指纹长度应为32字节的整数倍');
    this.hash.update(fingerprints);
    this.count += fingerprints.length / 32;
  }

  summary(): ChangeSummary {
    return { count: this.count, sm3: this.hash.copy().digest('hex') };
  }
}

/** The change summary an entry's details carry, or null when the entry has no change rows. */
export function changeSummaryOf(details: Json): ChangeSummary | null {
  if (details === null || typeof details !== 'object' || Array.isArray(details)) return null;
  const changes = details.changes;
  if (changes === null || typeof changes !== 'object' || Array.isArray(changes)) return null;
  const { count, sm3 } = changes;
  return typeof count === 'number' && typeof sm3 === 'string' ? { count, sm3 } : null;
}

/** `to_char(at, 'YYYY-MM-DD"T"HH24:MI:SS.US')` back to the ISO form the hash was computed over. */
export function isoFromMicroseconds(text: string): string {
  // Microseconds that are not whole milliseconds were not written by us: keep them, so the hash fails.
  return text.endsWith('000') ? `${text.slice(0, -3)}Z` : `${text}Z`;
}
