/**
 * One county being generated: its random stream, and the registers that keep its keys unique —
 * unit codes, ID numbers (every one carries the county's code, so unique in the county is unique in
 * the dataset) and document numbers.
 */

import { idCheckChar } from '../identity/id-number.ts';
import { creditCodeCheckChar } from '../identity/unit-code.ts';
import type { Region } from './demo.model.ts';
import { Random } from './demo.random.ts';

/** 统一社会信用代码 registration types: 机构编制 authority (1) and 机关 / 事业单位 / 群团 (1, 2, 3). */
export type CreditCodeType = '11' | '12' | '13';

export class CountyContext {
  readonly rng: Random;
  /** The county's short name, as document numbers carry it: 青 for 青源县. */
  readonly abbr: string;
  private readonly idNumbers = new Set<string>();
  private readonly orgCodes = new Set<string>();
  private readonly docNumbers = new Map<string, number>();
  private internalSerial = 0;

  constructor(
    readonly region: Region,
    seed: number,
  ) {
    this.rng = new Random(seed);
    this.abbr = region.name.slice(0, 1);
  }

  get code(): string {
    return this.region.code;
  }

  /** The county's full name, the `{c}` of the templates. */
  get name(): string {
    return this.region.name;
  }

  /** The next number of a series in a year: `青编〔2023〕12号`. */
  doc(series: string, date: string): string {
    const year = date.slice(0, 4);
    const key = `${series}${year}`;
    const next = (this.docNumbers.get(key) ?? this.rng.int(0, 4)) + this.rng.int(1, 3);
    this.docNumbers.set(key, next);
    return `${this.abbr}${series}〔${year}〕${next}号`;
  }

  /** A GB 32100 credit code: type, region, a GB 11714 organisation code, check character. */
  creditCode(type: CreditCodeType): string {
    let body = '';
    do {
      body = String(this.rng.int(0, 99_999_999)).padStart(8, '0');
    } while (this.orgCodes.has(body));
    this.orgCodes.add(body);
    const first17 = `${type}${this.code}${body}${organisationCheckChar(body)}`;
    return first17 + creditCodeCheckChar(first17);
  }

  /** An internal code (not 18 characters) for bodies without a credit code: 内设机构, 议事协调机构. */
  internalCode(prefix: 'N' | 'X'): string {
    this.internalSerial += 1;
    return `${prefix}${this.code}${String(this.internalSerial).padStart(4, '0')}`;
  }

  /** A GB 11643 number for someone born here on `birthDate`. */
  idNumber(birthDate: string, gender: 'male' | 'female'): string {
    const prefix = `${this.code}${birthDate.slice(0, 4)}${birthDate.slice(5, 7)}${birthDate.slice(8, 10)}`;
    for (;;) {
      const sequence = this.rng.int(0, 499) * 2 + (gender === 'male' ? 1 : 0);
      const first17 = prefix + String(sequence).padStart(3, '0');
      if (this.idNumbers.has(first17)) continue;
      this.idNumbers.add(first17);
      return first17 + idCheckChar(first17);
    }
  }
}

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** GB 11714: the ninth character of an organisation code. */
function organisationCheckChar(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number.parseInt(first8[i]!, 36) * ORG_WEIGHTS[i]!;
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}
