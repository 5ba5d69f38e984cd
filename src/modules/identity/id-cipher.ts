import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { maskIdNumber } from './id-number.ts';
import type { Keys } from './keys.ts';

/** How an ID number is stored: encrypted, indexed and masked; never in clear. */
export interface StoredIdNumber {
  idCipher: string;
  idIndex: string;
  idMasked: string;
}

export interface IdCipher {
  protect(idNumber: string): StoredIdNumber;
  /** The keyed SM3 digest that finds a stored ID number. */
  index(idNumber: string): string;
  reveal(idCipher: string): string;
}

export function createIdCipher(keys: Keys): IdCipher {
  const index = (idNumber: string) => createHmac('sm3', keys.index).update(idNumber).digest('hex');
  return {
    index,
    protect(idNumber) {
      const iv = randomBytes(16);
      const cipher = createCipheriv('sm4-cbc', keys.sm4, iv);
      const encrypted = Buffer.concat([iv, cipher.update(idNumber, 'utf8'), cipher.final()]);
      return {
        idCipher: encrypted.toString('base64'),
        idIndex: index(idNumber),
        idMasked: maskIdNumber(idNumber),
      };
    },
    reveal(idCipher) {
      const data = Buffer.from(idCipher, 'base64');
      const decipher = createDecipheriv('sm4-cbc', keys.sm4, data.subarray(0, 16));
      return Buffer.concat([decipher.update(data.subarray(16)), decipher.final()]).toString('utf8');
    },
  };
}
