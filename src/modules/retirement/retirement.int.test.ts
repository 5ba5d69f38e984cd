import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testKeys } from '../../../test/support/test-db.ts';
import { type Database, query, sql } from '../../db/database.ts';
import { createIdCipher } from '../identity/id-cipher.ts';
import { idCheckChar } from '../identity/id-number.ts';
import { persons } from '../roster/roster.table.ts';
import {
  type RetirementGroup,
  retirementGroups,
  retirementMonthIndex,
  retirementMonthSql,
} from './retirement.rules.ts';

describe('the retirement month in SQL', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('agrees with the TypeScript rule for every birth month from 1955 to 2005 in every group', async () => {
    // The day varies with the month, so the day of birth is shown not to matter either.
    const rows = await query<{ birth_date: string; retirement_group: RetirementGroup; month: number }>(
      database.db,
      sql`
        WITH births AS (
          SELECT (DATE '1955-01-01' + make_interval(months => n) + make_interval(days => n % 28))::date AS birth_date,
                 g AS retirement_group
          FROM generate_series(0, 611) AS n
          CROSS JOIN unnest(${sql.raw(`ARRAY[${retirementGroups.map((g) => `'${g}'`).join(', ')}]`)}) AS g
        )
        SELECT birth_date, retirement_group,
               ${retirementMonthSql(sql`birth_date`, sql`retirement_group`)} AS month
        FROM births
        ORDER BY birth_date, retirement_group`,
    );
    expect(rows).toHaveLength(612 * 3);
    const mismatches = rows.filter(
      (row) => row.month !== retirementMonthIndex(row.birth_date, row.retirement_group),
    );
    expect(mismatches).toEqual([]);
  });

  it('gives no month for a group it does not know', async () => {
    const [row] = await query<{ month: number | null }>(
      database.db,
      sql`SELECT ${retirementMonthSql(sql`DATE '1970-01-01'`, sql`'retired_early'`)} AS month`,
    );
    expect(row).toEqual({ month: null });
  });

  it('reads the roster columns directly, so a scan can use it', async () => {
    const idCipher = createIdCipher(testKeys);
    const person = (first17: string, birthDate: string, retirementGroup: RetirementGroup) => ({
      regionCode: '320902',
      ...idCipher.protect(first17 + idCheckChar(first17)),
      name: '测试',
      gender: Number(first17[16]) % 2 === 1 ? 'male' : 'female',
      birthDate,
      retirementGroup,
    });
    await database.db
      .insert(persons)
      .values([
        person('32090219650510001', '1965-05-10', 'male'),
        person('32090219750131002', '1975-01-31', 'female_worker'),
      ]);
    const rows = await query<{ birth_date: string; month: number }>(
      database.db,
      sql`SELECT ${persons.birthDate} AS birth_date,
                 ${retirementMonthSql(persons.birthDate, persons.retirementGroup)} AS month
          FROM ${persons} ORDER BY ${persons.birthDate}`,
    );
    // 1965-05 man: 60岁2个月 → 2025-07; 1975-01 woman in the 50 group: 50岁1个月 → 2025-02.
    expect(rows).toEqual([
      { birth_date: '1965-05-10', month: 2025 * 12 + 6 },
      { birth_date: '1975-01-31', month: 2025 * 12 + 1 },
    ]);
  });
});
