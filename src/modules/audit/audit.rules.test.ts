import { describe, expect, it } from 'vitest';
import { testKeys } from '../../../test/support/test-db.ts';
import {
  ChangeDigest,
  canonical,
  changeSummaryOf,
  type EntryBody,
  entryHash,
  GENESIS_HASH,
  isoFromMicroseconds,
  toJson,
} from './audit.rules.ts';

const body: EntryBody = {
  seq: 1,
  at: '2026-03-02T08:00:01.007Z',
  actor: 'clerk',
  action: 'create',
  entity: 'units',
  entity_key: 'U1',
  region_code: null,
  document_no: null,
  before: null,
  after: { name: '甲', rank: null },
  details: null,
};

describe('the audit chain rules', () => {
  it('writes JSON with keys sorted at every level and arrays kept in order', () => {
    expect(canonical({ b: 1, a: [{ z: '\n', y: null }, 2], c: { e: true, d: 1.5 } })).toBe(
      '{"a":[{"y":null,"z":"\\n"},2],"b":1,"c":{"d":1.5,"e":true}}',
    );
  });

  it('hashes what jsonb gives back: dates as strings, undefined properties gone, missing as null', () => {
    expect(toJson({ on: new Date('2026-03-01T00:00:00Z'), gone: undefined, n: -0 })).toEqual({
      on: '2026-03-01T00:00:00.000Z',
      n: 0,
    });
    expect(toJson(undefined)).toBeNull();
  });

  it('gives the same hash whatever order the keys come in, and another for any change', () => {
    const hash = entryHash(testKeys.audit, GENESIS_HASH, body);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(entryHash(testKeys.audit, GENESIS_HASH, { ...body, after: { rank: null, name: '甲' } })).toBe(
      hash,
    );
    expect(entryHash(testKeys.audit, GENESIS_HASH, { ...body, actor: 'clerk2' })).not.toBe(hash);
    expect(entryHash(testKeys.audit, hash, body)).not.toBe(hash);
    expect(entryHash(Buffer.alloc(32, 1), GENESIS_HASH, body)).not.toBe(hash);
  });

  it('digests change-row fingerprints in order, 32 bytes each', () => {
    const fingerprint = (byte: number) => Buffer.alloc(32, byte);
    const digest = (bytes: number[]) => {
      const d = new ChangeDigest();
      for (const byte of bytes) d.addFingerprints(fingerprint(byte));
      return d.summary();
    };
    expect(digest([1, 2]).count).toBe(2);
    expect(digest([1, 2]).sm3).not.toBe(digest([2, 1]).sm3);
    // Folding two rows at once is folding them one after the other.
    const both = new ChangeDigest();
    both.addFingerprints(Buffer.concat([fingerprint(1), fingerprint(2)]));
    expect(both.summary()).toEqual(digest([1, 2]));
    expect(digest([]).sm3).toBe('1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b');
    expect(() => new ChangeDigest().addFingerprints(Buffer.alloc(31))).toThrow();
  });

  it('reads the change summary only from a well-formed details.changes', () => {
    expect(changeSummaryOf({ changes: { count: 2, sm3: 'ab' }, x: 1 })).toEqual({ count: 2, sm3: 'ab' });
    expect(changeSummaryOf({ changes: 2 })).toBeNull();
    expect(changeSummaryOf(null)).toBeNull();
  });

  it('turns the database time back into the ISO form, keeping stray microseconds so they show', () => {
    expect(isoFromMicroseconds('2026-03-02T08:00:01.007000')).toBe('2026-03-02T08:00:01.007Z');
    expect(isoFromMicroseconds('2026-03-02T08:00:01.007001')).toBe('2026-03-02T08:00:01.007001Z');
  });
});
