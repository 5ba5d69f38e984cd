import { isIsoDate, isPeriod } from '../../shared/dates.ts';
import { checkIdNumber } from '../identity/id-number.ts';
import { checkUnitCode } from '../identity/unit-code.ts';
import type { ColumnSpec, FileSpec } from './dataset.spec.ts';
import type { ImportError } from './import.errors.ts';
import type { SourceFile, SourceRow } from './source.ts';

export type CellValue = string | number | boolean | string[] | null;

/** The columns a file's header names, in the order of its cells. */
export interface ResolvedHeader {
  spec: FileSpec;
  /** For each header cell, the column it names (undefined for an unknown cell, already reported). */
  cells: (ColumnSpec | undefined)[];
  present: Set<string>;
}

/** Maps header cells (keys or Chinese labels) to columns; an unknown or repeated column is an error. */
export function resolveHeader(
  spec: FileSpec,
  file: SourceFile,
): { header: ResolvedHeader; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const cells: (ColumnSpec | undefined)[] = [];
  const present = new Set<string>();
  const headerRow = file.headerRow ?? 1;
  for (const [i, cell] of file.header.entries()) {
    const name = cell.trim();
    const column = spec.columns.find((c) => c.key === name || c.label === name);
    cells.push(column && !present.has(column.key) ? column : undefined);
    if (!column) {
      errors.push({
        file: file.label,
        row: headerRow,
        column: name,
        value: name,
        reason:
          name === ''
            ? `表头第 ${i + 1} 列为空：请填写列名或删除该列`
            : `未知的列「${name}」（${spec.label}文件）`,
      });
      continue;
    }
    if (present.has(column.key)) {
      errors.push({
        file: file.label,
        row: headerRow,
        column: name,
        value: name,
        reason: `列「${column.label}」重复出现`,
      });
      continue;
    }
    present.add(column.key);
  }
  for (const column of spec.columns) {
    if (column.required && !present.has(column.key)) {
      errors.push({
        file: file.label,
        row: headerRow,
        column: column.key,
        value: null,
        reason: `缺少必需的列「${column.label}」(${column.key})`,
      });
    }
  }
  return { header: { spec, cells, present }, errors };
}

export interface ParsedRow {
  rowNumber: number;
  values: Record<string, CellValue>;
  /** The row had an error in some field; its key may still be usable for reference checks. */
  bad: boolean;
  /** A key column failed: the row cannot be staged at all. */
  keyBad: boolean;
}

export interface ParseContext {
  today: string;
}

/** Parses one row against the file's columns, collecting every field error. */
export function parseRow(
  header: ResolvedHeader,
  row: SourceRow,
  file: SourceFile,
  context: ParseContext,
  errors: ImportError[],
): ParsedRow {
  const values: Record<string, CellValue> = {};
  let bad = false;
  let keyBad = false;
  const fail = (column: ColumnSpec, value: string | null, reason: string) => {
    errors.push({ file: file.label, row: row.rowNumber, column: column.key, value, reason });
    bad = true;
    if (header.spec.key.includes(column.key)) keyBad = true;
  };
  if (row.cellCountMismatch !== undefined) {
    errors.push({
      file: file.label,
      row: row.rowNumber,
      column: null,
      value: null,
      reason: `该行有 ${row.cellCountMismatch} 个单元格，与表头的 ${header.cells.length} 列不符`,
    });
    bad = true;
  }
  for (let i = 0; i < header.cells.length; i++) {
    const column = header.cells[i];
    if (!column) continue;
    const raw = (row.values[i] ?? '').trim();
    if (raw === '') {
      if (column.notEmpty) fail(column, null, `「${column.label}」不能为空`);
      values[column.key] = null;
      continue;
    }
    const parsed = parseCell(column, raw, row.types?.[i], context);
    if (parsed.ok) values[column.key] = parsed.value;
    else {
      values[column.key] = null;
      fail(column, raw, parsed.reason);
    }
  }
  return { rowNumber: row.rowNumber, values, bad, keyBad };
}

type CellResult = { ok: true; value: CellValue } | { ok: false; reason: string };

function parseCell(
  column: ColumnSpec,
  raw: string,
  type: string | undefined,
  context: ParseContext,
): CellResult {
  const spec = column.column;
  switch (spec.type) {
    case 'text':
      return raw.length > 500 ? { ok: false, reason: '内容过长（超过500字）' } : { ok: true, value: raw };
    case 'int': {
      if (!/^[+-]?\d{1,9}$/.test(raw)) return { ok: false, reason: `「${column.label}」应为整数` };
      return { ok: true, value: Number(raw) };
    }
    case 'decimal':
      if (!/^[+-]?\d{1,12}(\.\d{1,2})?$/.test(raw))
        return { ok: false, reason: `「${column.label}」应为金额（最多两位小数）` };
      return { ok: true, value: raw };
    case 'date':
      if (!isIsoDate(raw)) return { ok: false, reason: `「${column.label}」应为有效日期（YYYY-MM-DD）` };
      return { ok: true, value: raw };
    case 'period':
      // Excel turns a typed 2026-06 into the date 2026-06-01: the month is what was meant.
      if (type === 'date' && /^\d{4}-\d{2}-01$/.test(raw)) return { ok: true, value: raw.slice(0, 7) };
      if (!isPeriod(raw)) return { ok: false, reason: `「${column.label}」应为有效的年月（YYYY-MM）` };
      return { ok: true, value: raw };
    case 'bool': {
      const value = ({ true: true, false: false, 是: true, 否: false } as Record<string, boolean>)[
        raw.toLowerCase()
      ];
      return value === undefined
        ? { ok: false, reason: `「${column.label}」应为 true/false 或 是/否` }
        : { ok: true, value };
    }
    case 'list':
      return {
        ok: true,
        value: raw
          .split(/[;；]/)
          .map((s) => s.trim())
          .filter(Boolean),
      };
    case 'enum': {
      if (spec.values[raw] !== undefined) return { ok: true, value: raw };
      const key = Object.keys(spec.values).find((k) => spec.values[k] === raw);
      if (key) return { ok: true, value: key };
      const allowed = Object.entries(spec.values)
        .map(([k, v]) => `${k}（${v}）`)
        .join('、');
      return { ok: false, reason: `「${column.label}」的值无效，应为：${allowed}` };
    }
    case 'id_number': {
      if (type === 'number')
        return { ok: false, reason: '公民身份号码必须是文本单元格（数字单元格会丢失位数）' };
      const check = checkIdNumber(raw, context.today);
      return check.ok ? { ok: true, value: check.idNumber } : { ok: false, reason: check.reason };
    }
    case 'unit_code': {
      const check = checkUnitCode(raw);
      return check.ok ? { ok: true, value: check.code } : { ok: false, reason: check.reason };
    }
    case 'region_code':
      return /^\d{6}$/.test(raw)
        ? { ok: true, value: raw }
        : { ok: false, reason: '区划代码应为6位数字（GB/T 2260）' };
  }
}
