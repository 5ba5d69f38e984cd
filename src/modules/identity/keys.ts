import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The keys derived from one master key: SM4 for ID numbers, HMAC-SM3 for the index and the audit chain. */
export interface Keys {
  readonly sm4: Buffer;
  readonly index: Buffer;
  readonly audit: Buffer;
}

export class KeyFileError extends Error {
  readonly code = 'keys.missing';
}

export const KEY_FILE_NAME = 'bianzhi.key';

export function deriveKeys(master: Buffer): Keys {
  const derive = (label: string) => createHmac('sm3', master).update(label).digest();
  return {
    sm4: derive('bianzhi/sm4').subarray(0, 16),
    index: derive('bianzhi/id-index'),
    audit: derive('bianzhi/audit'),
  };
}

/**
 * Finds the master key: `BIANZHI_KEY_FILE` when set, else `bianzhi.key` in the embedded database's
 * folder, generated there on first start. PostgreSQL has no folder of ours, so it needs the file.
 */
export function loadKeys(options: { dataDir: string | null; keyFile?: string | undefined }): Keys {
  const path = options.keyFile || (options.dataDir ? join(options.dataDir, KEY_FILE_NAME) : null);
  if (!path) throw new KeyFileError('使用 PostgreSQL 时必须通过环境变量 BIANZHI_KEY_FILE 指定密钥文件');
  if (!existsSync(path)) {
    if (options.keyFile && !options.dataDir) {
      // An operator named a file that does not exist yet: create it once, readable by the owner only.
      mkdirSync(dirname(path), { recursive: true });
    }
    writeFileSync(path, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  }
  const hex = readFileSync(path, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new KeyFileError(`密钥文件 ${path} 格式错误：应为64位十六进制`);
  return deriveKeys(Buffer.from(hex, 'hex'));
}
