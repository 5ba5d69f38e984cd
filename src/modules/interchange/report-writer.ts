import { once } from 'node:events';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import ExcelJS from 'exceljs';
import { DomainError } from '../../shared/domain-error.ts';
import { fileSpec } from './dataset.spec.ts';
import { MAX_SHEET_ROWS, sheetBacklog } from './dataset-writer.ts';
import type { ImportError } from './import.errors.ts';
import type { DatasetSource, SourceFile, SourceRow } from './source.ts';

/**
 * Cell notes past this many per sheet only fill the cell (the summary sheet lists every reason): a
 * sheet's notes are drawings numbered in one block of 1,024 shape ids, see `ownNoteIds`.
 */
export const MAX_NOTES_PER_SHEET = 1_000;

const SUMMARY_SHEET = '错误汇总';
const BAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const EXCEL_ROWS = MAX_SHEET_ROWS + 1;

/**
 * The report of a rejected import (FORMAT.md "Validation"): `{ "errors": [...], "count": N }` when
 * `path` ends in `.json`; when it ends in `.xlsx`, a `错误汇总` sheet listing every error, then a copy
 * of each input file with the bad cells filled red and the reason in a note (a whole-row error marks
 * the row's first cell). The copy streams, so it costs little memory whatever the dataset's size, but
 * a sheet stops at Excel's 1,048,576 rows.
 */
export async function writeErrorReport(
  path: string,
  source: DatasetSource,
  errors: ImportError[],
): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  if (/\.json$/i.test(path)) return writeJson(path, errors);
  if (/\.xlsx$/i.test(path)) return writeWorkbook(path, source, errors);
  throw new DomainError('interchange.report_format', `错误报告须为 .json 或 .xlsx 文件：${path}`, 'invalid');
}

async function writeJson(path: string, errors: ImportError[]): Promise<void> {
  const out = createWriteStream(path);
  const failed = new Promise<never>((_resolve, reject) => out.on('error', reject));
  failed.catch(() => {});
  const write = async (text: string) => {
    if (!out.write(text)) await Promise.race([once(out, 'drain'), failed]);
  };
  await write('{"errors":[');
  for (const [i, e] of errors.entries()) {
    const error = { file: e.file, row: e.row, column: e.column, value: e.value, reason: e.reason };
    await write(`${i === 0 ? '' : ','}\n${JSON.stringify(error)}`);
  }
  await write(`\n],"count":${errors.length}}\n`);
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
}

interface Mark {
  row: number;
  /** 1-based column of the marked cell. */
  column: number;
  reasons: string[];
}

async function writeWorkbook(path: string, source: DatasetSource, errors: ImportError[]): Promise<void> {
  // A source that cannot be read at all still gets its summary.
  const files = await source.files().catch(() => [] as SourceFile[]);
  const output = createWriteStream(path);
  const failed = new Promise<never>((_resolve, reject) => output.on('error', reject));
  failed.catch(() => {});
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: false,
  });
  const columns = new Map(files.map((file) => [file.label, columnIndex(file)]));
  const marks = new Map(files.map((file) => [file.label, new Map<string, Mark>()]));
  for (const error of errors) {
    const place = placeOf(error, columns.get(error.file));
    const fileMarks = marks.get(error.file);
    if (!place || !fileMarks) continue;
    const key = `${place.row}:${place.column}`;
    const mark = fileMarks.get(key);
    if (mark) mark.reasons.push(place.reason);
    else fileMarks.set(key, { ...place, reasons: [place.reason] });
  }
  const notesCut = [...marks.values()].some((fileMarks) => fileMarks.size > MAX_NOTES_PER_SHEET);
  writeSummary(workbook, errors, columns, notesCut);
  const names = new Set([SUMMARY_SHEET]);
  for (const [i, file] of files.entries()) {
    const sheet = workbook.addWorksheet(sheetName(file.name, names), {
      views: [{ state: 'frozen', ySplit: file.headerRow ?? 1 }],
    });
    ownNoteIds(sheet, i + 1);
    await copyFile(sheet, file, marks.get(file.label) ?? new Map(), failed);
  }
  await Promise.race([workbook.commit(), failed]);
}

/** The cell an error marks: its own, or the row's first when it names no column of the header. */
function placeOf(
  error: ImportError,
  columns: Map<string, number> | undefined,
): { row: number; column: number; reason: string } | undefined {
  if (!columns || error.row < 1 || error.row > EXCEL_ROWS) return undefined;
  const found = error.column === null ? undefined : columns.get(error.column);
  if (found !== undefined) return { row: error.row, column: found + 1, reason: error.reason };
  const reason = error.column === null ? error.reason : `${error.column}：${error.reason}`;
  return { row: error.row, column: 1, reason };
}

/** Header cells by their text, and by the key and label of the column they name. */
function columnIndex(file: SourceFile): Map<string, number> {
  const columns = new Map<string, number>();
  const spec = fileSpec(file.name);
  file.header.forEach((title, i) => {
    if (!columns.has(title)) columns.set(title, i);
    const column = spec?.columns.find((c) => c.key === title || c.label === title);
    if (column && !columns.has(column.key)) columns.set(column.key, i);
    if (column && !columns.has(column.label)) columns.set(column.label, i);
  });
  return columns;
}

function writeSummary(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  errors: ImportError[],
  columns: Map<string, Map<string, number>>,
  notesCut: boolean,
): void {
  const sheet = workbook.addWorksheet(SUMMARY_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [{ width: 18 }, { width: 8 }, { width: 18 }, { width: 8 }, { width: 24 }, { width: 60 }];
  const header = sheet.addRow(['文件', '行', '列', '单元格', '值', '原因']);
  header.font = { bold: true };
  header.commit();
  const listed = errors.slice(0, MAX_SHEET_ROWS - 2);
  for (const e of listed) {
    const place = placeOf(e, columns.get(e.file));
    const cell = place ? `${columnLetters(place.column)}${place.row}` : '';
    sheet.addRow([e.file, e.row > 0 ? e.row : null, e.column, cell, e.value, e.reason]).commit();
  }
  if (errors.length > listed.length) {
    sheet.addRow([`另有 ${errors.length - listed.length} 条错误未列出：请用 JSON 报告查看全部`]).commit();
  }
  if (notesCut) {
    sheet
      .addRow([`每个工作表最多 ${MAX_NOTES_PER_SHEET} 条批注，其余出错的单元格只标红，原因见本表`])
      .commit();
  }
  sheet.commit();
}

async function copyFile(
  sheet: ExcelJS.Worksheet,
  file: SourceFile,
  marks: Map<string, Mark>,
  failed: Promise<never>,
): Promise<void> {
  sheet.columns = file.header.map(() => ({ width: 16 }));
  let notes = 0;
  const put = (rowNumber: number, values: (string | number)[]) => {
    const row = sheet.getRow(rowNumber);
    row.values = values;
    for (let column = 1; column <= Math.max(values.length, 1); column++) {
      const mark = marks.get(`${rowNumber}:${column}`);
      if (!mark) continue;
      const cell = row.getCell(column);
      cell.fill = BAD_FILL;
      if (notes < MAX_NOTES_PER_SHEET) {
        cell.note = mark.reasons.join('\n');
        notes += 1;
      }
    }
    row.commit();
  };
  const headerRow = file.headerRow ?? 1;
  put(headerRow, file.header);
  const rows = file.rows()[Symbol.asyncIterator]();
  try {
    for (;;) {
      // A file that stops being readable is copied up to there: the importer's errors say why.
      const step = await rows.next().catch(() => undefined);
      if (!step || step.done || step.value.rowNumber > EXCEL_ROWS) break;
      put(step.value.rowNumber, cellValues(step.value));
      await sheetBacklog(sheet, failed);
    }
  } finally {
    await rows.return?.().catch(() => {});
  }
  sheet.commit();
}

/** The copy keeps what was a number cell a number, so the user sees the cell they typed. */
function cellValues(row: SourceRow): (string | number)[] {
  return row.values.map((value, i) => {
    if (row.types?.[i] !== 'number') return value;
    const number = Number(value);
    return Number.isFinite(number) ? number : value;
  });
}

interface NotesWriter {
  vmlStream: { write(chunk: unknown, ...rest: unknown[]): unknown };
  _writeOpen(): void;
  _writeComment(comment: unknown, index: number): void;
}

/**
 * ExcelJS numbers every sheet's note drawings in the same block of shape ids, and Excel reports a
 * workbook with notes on two sheets as damaged (exceljs#3070): give each sheet a block of its own.
 */
function ownNoteIds(sheet: ExcelJS.Worksheet, block: number): void {
  const writer = (sheet as unknown as { _sheetCommentsWriter: NotesWriter })._sheetCommentsWriter;
  const writeOpen = writer._writeOpen.bind(writer);
  const writeComment = writer._writeComment.bind(writer);
  writer._writeOpen = () => {
    const vml = writer.vmlStream;
    const write = vml.write;
    vml.write = (chunk, ...rest) =>
      write.call(
        vml,
        typeof chunk === 'string' ? chunk.replace('data="1"', `data="${block}"`) : chunk,
        ...rest,
      );
    try {
      writeOpen();
    } finally {
      vml.write = write;
    }
  };
  // Shape ids are 1025 + index: block n holds n × 1024 + 1 …
  writer._writeComment = (comment, index) => writeComment(comment, (block - 1) * 1024 + index);
}

/** Excel's sheet names: at most 31 characters, none of `[]:*?/\`, unique. */
function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet';
  let candidate = base;
  for (let i = 2; taken.has(candidate); i++) candidate = `${base.slice(0, 28)}(${i})`;
  taken.add(candidate);
  return candidate;
}

function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
