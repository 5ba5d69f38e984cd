import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import type { IdCipher } from '../identity/id-cipher.ts';
import type { ColumnSpec, FileSpec } from './dataset.spec.ts';
import type { CellValue, ParsedRow } from './row-parser.ts';

/**
 * Staging: every parsed row of a file lands in a temporary table of its own (dropped at commit),
 * so the checks between rows and files and the merge into the register are set-based SQL, and
 * memory stays bounded whatever the file's size.
 */

/** Files whose rows keep the ID number itself (encrypted), not only its index. */
const KEEPS_ID = new Set(['persons', 'off_quota', 'payroll', 'insurance']);

interface StageColumn {
  name: string;
  pgType: string;
  value(row: ParsedRow, derived: DerivedId | null): CellValue;
}

interface DerivedId {
  idIndex: string;
  idCipher: string | null;
  idMasked: string;
  birthDate: string;
  gender: string;
}

export function stageTable(spec: FileSpec): string {
  return `stage_${spec.name}`;
}

function pgTypeOf(column: ColumnSpec): string {
  switch (column.column.type) {
    case 'int':
      return 'integer';
    case 'decimal':
      return 'numeric';
    case 'date':
      return 'date';
    case 'bool':
      return 'boolean';
    case 'list':
      return 'text[]';
    default:
      return 'text';
  }
}

function stageColumns(spec: FileSpec): StageColumn[] {
  const columns: StageColumn[] = [
    { name: 'row_number', pgType: 'integer', value: (row) => row.rowNumber },
    { name: 'bad', pgType: 'boolean', value: (row) => row.bad },
  ];
  for (const column of spec.columns) {
    if (column.column.type === 'id_number') {
      columns.push({ name: 'id_index', pgType: 'text', value: (_row, id) => id?.idIndex ?? null });
      if (KEEPS_ID.has(spec.name)) {
        columns.push(
          { name: 'id_cipher', pgType: 'text', value: (_row, id) => id?.idCipher ?? null },
          { name: 'id_masked', pgType: 'text', value: (_row, id) => id?.idMasked ?? null },
          { name: 'birth_date', pgType: 'date', value: (_row, id) => id?.birthDate ?? null },
          { name: 'gender', pgType: 'text', value: (_row, id) => id?.gender ?? null },
        );
      } else {
        columns.push({ name: 'id_masked', pgType: 'text', value: (_row, id) => id?.idMasked ?? null });
      }
      continue;
    }
    columns.push({
      name: column.key,
      pgType: pgTypeOf(column),
      value: (row) => row.values[column.key] ?? null,
    });
  }
  return columns;
}

/** Text for one element of a PostgreSQL array literal. */
function arrayLiteral(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

export class StageWriter {
  private readonly columns: StageColumn[];
  private batch: ParsedRow[] = [];
  private derived: (DerivedId | null)[] = [];
  private pending: Promise<void> | undefined;
  rows = 0;

  constructor(
    private readonly tx: Db,
    readonly spec: FileSpec,
    private readonly idCipher: IdCipher,
    private readonly batchSize = 5000,
  ) {
    this.columns = stageColumns(spec);
  }

  async create(): Promise<void> {
    const definition = this.columns.map((c) => `${c.name} ${c.pgType}`).join(', ');
    await this.tx.execute(
      sql.raw(`CREATE TEMP TABLE ${stageTable(this.spec)} (${definition}) ON COMMIT DROP`),
    );
  }

  async add(row: ParsedRow, birth: { birthDate: string; gender: string } | null): Promise<void> {
    const idNumber = row.values.id_number;
    let derived: DerivedId | null = null;
    if (typeof idNumber === 'string' && birth) {
      const keepsId = KEEPS_ID.has(this.spec.name);
      const stored = keepsId ? this.idCipher.protect(idNumber) : null;
      derived = {
        idIndex: stored?.idIndex ?? this.idCipher.index(idNumber),
        idCipher: stored?.idCipher ?? null,
        idMasked: stored?.idMasked ?? `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`,
        ...birth,
      };
    }
    this.batch.push(row);
    this.derived.push(derived);
    this.rows++;
    if (this.batch.length >= this.batchSize) await this.flush();
  }

  /** After the last row: the merge walks the rows in ranges, and the planner needs the table's statistics. */
  async finish(): Promise<void> {
    await this.flush();
    await this.pending;
    const table = stageTable(this.spec);
    await this.tx.execute(sql.raw(`CREATE INDEX ON ${table} (row_number)`));
    await this.tx.execute(sql.raw(`ANALYZE ${table}`));
  }

  /**
   * Sends the batch while the next one is parsed: at most one insert waits behind the one running,
   * so the parsing (this process) and the inserting (the database) overlap.
   */
  async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const previous = this.pending;
    const insert = this.insert(this.batch, this.derived);
    // Awaited at the next flush or at finish; marked handled now so a failure in between is not fatal.
    insert.catch(() => {});
    this.batch = [];
    this.derived = [];
    this.pending = insert;
    await previous;
  }

  private async insert(batch: ParsedRow[], derived: (DerivedId | null)[]): Promise<void> {
    const arrays: SQL[] = this.columns.map((column) => {
      const values = batch.map((row, i) => {
        const value = column.value(row, derived[i] ?? null);
        return Array.isArray(value) ? arrayLiteral(value) : value;
      });
      const elementType = column.pgType === 'text[]' ? 'text' : column.pgType;
      return sql`${sql.param(values)}::${sql.raw(elementType)}[]`;
    });
    const names = this.columns.map((c) => c.name);
    const select = this.columns.map((c, i) => (c.pgType === 'text[]' ? `c${i}::text[]` : `c${i}`)).join(', ');
    const aliases = this.columns.map((_c, i) => `c${i}`).join(', ');
    await this.tx.execute(
      sql`INSERT INTO ${sql.raw(stageTable(this.spec))} (${sql.raw(names.join(', '))}) SELECT ${sql.raw(select)} FROM unnest(${sql.join(arrays, sql`, `)}) AS t(${sql.raw(aliases)})`,
    );
  }
}
