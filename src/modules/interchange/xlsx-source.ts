import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import {
  type CellType,
  type DatasetSource,
  type SourceFile,
  SourceFormatError,
  type SourceRow,
} from './source.ts';

/**
 * A workbook whose sheets are the dataset's files, read with ExcelJS's streaming reader so memory
 * does not grow with the rows (it does hold the workbook's shared-string table, as every xlsx reader
 * must). The reader goes through the sheets once, in the order they are stored: files() reads the
 * workbook once for the headers, and reading the files' rows in the order given reads it once more.
 */
export function openWorkbook(path: string): DatasetSource {
  const label = basename(path);
  let cursor: SheetCursor | undefined;
  return {
    path,
    format: 'xlsx',
    async files() {
      await stat(path).catch(() => {
        throw new SourceFormatError(label, null, '文件不存在');
      });
      const [sheets, digest] = await Promise.all([readHeaders(path, label), sm3OfFile(path)]);
      await cursor?.close();
      const current = new SheetCursor(path, label, sheets);
      cursor = current;
      return sheets.map((sheet, index): SourceFile => ({
        name: sheet.name.trim(),
        label: sheet.name,
        header: sheet.header,
        headerRow: sheet.headerRow,
        rows: () => current.rows(index),
        digest: () => digest,
      }));
    },
    async close() {
      await cursor?.close();
    },
  };
}

interface SheetInfo {
  name: string;
  header: string[];
  headerRow: number;
}

async function readHeaders(path: string, label: string): Promise<SheetInfo[]> {
  const pass = new WorkbookPass(path, label);
  const sheets: SheetInfo[] = [];
  try {
    for (let sheet = await pass.next(); sheet; sheet = await pass.next()) {
      let info: SheetInfo = { name: sheet.name, header: [], headerRow: 1 };
      for await (const row of pass.rows(sheet)) {
        const cells = cellsOf(row, pass.date1904);
        if (cells.length === 0) continue;
        // By position: a blank header cell stays in its place, so the columns after it keep theirs.
        const header = new Array<string>(cells.at(-1)!.column).fill('');
        for (const cell of cells) header[cell.column - 1] = cell.text;
        info = { name: sheet.name, header, headerRow: row.number };
        break;
      }
      pass.skipCurrent();
      sheets.push(info);
    }
  } finally {
    await pass.close();
  }
  return sheets;
}

/**
 * Hands out the rows of one sheet at a time from a shared pass through the workbook while they are
 * asked for in order; a sheet asked for out of order, or while another is being read, gets a pass
 * of its own.
 */
class SheetCursor {
  private shared: WorkbookPass | undefined;

  constructor(
    private readonly path: string,
    private readonly label: string,
    private readonly sheets: SheetInfo[],
  ) {}

  async *rows(index: number): AsyncGenerator<SourceRow> {
    const info = this.sheets[index];
    if (!info) return;
    let pass = this.shared;
    if (!pass || pass.busy || pass.position > index) {
      if (pass && !pass.busy) await pass.close();
      pass = new WorkbookPass(this.path, this.label);
      this.shared = pass;
    }
    pass.busy = true;
    try {
      let sheet = await pass.next();
      while (sheet && pass.position <= index) {
        pass.skipCurrent();
        sheet = await pass.next();
      }
      if (!sheet || sheet.name !== info.name) {
        throw new SourceFormatError(this.label, null, '工作簿在读取过程中被修改，请重新导入');
      }
      const width = info.header.length;
      for await (const row of pass.rows(sheet)) {
        if (row.number <= info.headerRow) continue;
        const source = toSourceRow(row, width, pass.date1904);
        if (source) yield source;
      }
    } finally {
      pass.skipCurrent();
      pass.busy = false;
      if (pass !== this.shared || index === this.sheets.length - 1) await pass.close();
    }
  }

  async close(): Promise<void> {
    if (this.shared && !this.shared.busy) await this.shared.close();
  }
}

interface SheetReader {
  name: string;
  [Symbol.asyncIterator](): AsyncIterator<ExcelJS.Row>;
}

/** ExcelJS's reader as it is, whose private steps `patchReader` wraps. */
interface ReaderInternals {
  sharedStrings?: unknown[];
  properties?: { model?: { date1904?: boolean } };
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
}

/** One pass through the workbook's sheets, in stored order. */
class WorkbookPass {
  /** How many sheets have been handed out. */
  position = 0;
  busy = false;
  private readonly sheets: AsyncIterator<SheetReader>;
  private readonly internals: ReaderInternals;
  private readonly input: PassThrough;
  private inputError: Error | undefined;
  private current: AsyncIterable<Buffer | string> | undefined;
  private done = false;

  constructor(
    path: string,
    private readonly label: string,
  ) {
    // A read error must reach the unzipper as a truncated file, or it would wait forever.
    this.input = new PassThrough();
    const file = createReadStream(path);
    file.on('error', (error) => {
      this.inputError = error;
      this.input.end();
    });
    file.pipe(this.input);
    const pipe = this.input.pipe.bind(this.input);
    // The reader pipes its input into the unzipper once: that is where the unzipper can be reached.
    this.input.pipe = <T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }): T => {
      holdEndUntilRead(destination as unknown as Readable);
      return pipe(destination, options);
    };
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(this.input, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
    this.internals = reader as unknown as ReaderInternals;
    patchReader(this.internals, (raw) => {
      this.current = raw;
    });
    this.sheets = (reader as unknown as AsyncIterable<SheetReader>)[Symbol.asyncIterator]();
  }

  get date1904(): boolean {
    return this.internals.properties?.model?.date1904 === true;
  }

  async next(): Promise<SheetReader | undefined> {
    if (this.done) return undefined;
    const step = await this.guard(() => this.sheets.next());
    if (step.done) {
      this.done = true;
      return undefined;
    }
    this.position += 1;
    return step.value;
  }

  async *rows(sheet: SheetReader): AsyncGenerator<ExcelJS.Row> {
    const rows = sheet[Symbol.asyncIterator]();
    try {
      for (;;) {
        const step = await this.guard(() => rows.next());
        if (step.done) return;
        yield step.value;
      }
    } finally {
      await rows.return?.();
    }
  }

  /** Lets go of the current sheet's extracted file without reading it. */
  skipCurrent(): void {
    const raw = this.current as Partial<Readable> | undefined;
    raw?.destroy?.();
    this.current = undefined;
  }

  /** Goes through the remaining sheets unread, so ExcelJS removes its temporary files. */
  async close(): Promise<void> {
    try {
      while (await this.next()) this.skipCurrent();
    } catch {
      // Already reported to whoever was reading; nothing is left to clean up.
    }
    this.input.destroy();
  }

  private async guard<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      this.done = true;
      if (error instanceof SourceFormatError) throw error;
      const cause = this.inputError ?? error;
      const message = cause instanceof Error ? cause.message : String(cause);
      throw new SourceFormatError(this.label, null, `不是可读取的 .xlsx 工作簿（${message}）`);
    }
  }
}

/**
 * Two workarounds inside ExcelJS 4.4's reader. It decodes each inflated chunk on its own, so a
 * Chinese character split across chunks becomes U+FFFD (exceljs#2063): we hand it whole characters.
 * And once it has the shared strings it parses the next sheet straight away, even when the workbook
 * and styles parts come later in the archive (a missing workbook part throws, dates read as numbers):
 * hiding the shared strings until the first sheet is parsed makes it set every sheet aside in a
 * temporary file until the whole archive has been read, as it already does for Excel's own files.
 */
function patchReader(
  reader: ReaderInternals,
  onSheetSource: (raw: AsyncIterable<Buffer | string>) => void,
): void {
  const parseWorkbook = reader._parseWorkbook.bind(reader);
  const parseSharedStrings = reader._parseSharedStrings.bind(reader);
  const parseWorksheet = reader._parseWorksheet.bind(reader);
  let strings: unknown[] | undefined;
  reader._parseWorkbook = (entry) => {
    entry.setEncoding('utf8');
    return parseWorkbook(entry);
  };
  reader._parseSharedStrings = async function* (entry) {
    entry.setEncoding('utf8');
    yield* parseSharedStrings(entry);
    strings = reader.sharedStrings;
    reader.sharedStrings = undefined;
  };
  reader._parseWorksheet = (iterator, sheetNo) => {
    if (strings) reader.sharedStrings = strings;
    onSheetSource(iterator);
    return parseWorksheet(wholeCharacters(iterator), sheetNo);
  };
}

/**
 * unzipper announces 'end' as soon as it has parsed the whole archive, even while entries it has
 * found still wait in its buffer; ExcelJS stops taking entries at 'end', so the parts stored after
 * the sheets (the workbook part that names them, the styles) are lost whenever the sheets took a
 * while to set aside: a workbook of five sheets or more without shared strings, as ExcelJS's own
 * streaming writer makes them. Held back, 'end' comes once the last entry has been taken.
 */
function holdEndUntilRead(zip: Readable): void {
  const emit = zip.emit.bind(zip) as (event: string | symbol, ...args: unknown[]) => boolean;
  let held = false;
  zip.emit = (event: string | symbol, ...args: unknown[]): boolean => {
    if (event === 'end' && zip.readableLength > 0) {
      held = true;
      return false;
    }
    const listened = emit(event, ...args);
    if (held && event === 'data' && zip.readableLength === 0) {
      held = false;
      emit('end');
    }
    return listened;
  };
}

async function* wholeCharacters(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

interface CellText {
  column: number;
  text: string;
  type: CellType;
}

/** The row's non-empty cells, left to right. */
function cellsOf(row: ExcelJS.Row, date1904: boolean): CellText[] {
  const cells: CellText[] = [];
  row.eachCell((cell, column) => {
    const [text, type] = cellText(cell, date1904);
    if (text !== '') cells.push({ column, text, type });
  });
  return cells;
}

function toSourceRow(row: ExcelJS.Row, width: number, date1904: boolean): SourceRow | undefined {
  const cells = cellsOf(row, date1904);
  if (cells.length === 0) return undefined;
  const values = new Array<string>(width).fill('');
  const types = new Array<CellType>(width).fill('string');
  let last = 0;
  for (const cell of cells) {
    last = cell.column;
    if (cell.column > width) continue;
    values[cell.column - 1] = cell.text;
    types[cell.column - 1] = cell.type;
  }
  return last > width
    ? { rowNumber: row.number, values, types, cellCountMismatch: last }
    : { rowNumber: row.number, values, types };
}

function cellText(cell: ExcelJS.Cell, date1904: boolean): [string, CellType] {
  const value = cell.value;
  if (value === null || value === undefined) return ['', 'string'];
  if (typeof value === 'string') return [value.trim(), 'string'];
  if (typeof value === 'number') return [numberText(value), 'number'];
  if (typeof value === 'boolean') return [String(value), 'string'];
  if (value instanceof Date) return [dateText(value), 'date'];
  if ('richText' in value)
    return [
      value.richText
        .map((run) => run.text ?? '')
        .join('')
        .trim(),
      'string',
    ];
  if ('error' in value) return [value.error, 'string'];
  if ('hyperlink' in value) return [String(value.text ?? '').trim(), 'string'];
  const result = value.result;
  // A formula without a cached result (or with an error) keeps its text, for the report to show.
  const formula = `=${value.formula ?? ('sharedFormula' in value ? value.sharedFormula : '')}`;
  if (result === undefined || (typeof result === 'number' && Number.isNaN(result)))
    return [formula, 'string'];
  if (typeof result === 'number') {
    // ExcelJS converts date-formatted values to dates, but not formula results.
    return isDateFormat(cell.numFmt)
      ? [dateText(serialToDate(result, date1904)), 'date']
      : [numberText(result), 'number'];
  }
  if (typeof result === 'string') return [result.trim(), 'string'];
  if (typeof result === 'boolean') return [String(result), 'string'];
  if (result instanceof Date) return [dateText(result), 'date'];
  return [result.error, 'string'];
}

/** Excel shows 15 significant digits; the file may carry binary noise past them (24.299999999999997). */
function numberText(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
}

function dateText(date: Date): string {
  return Number.isNaN(date.getTime()) ? String(date) : date.toISOString().slice(0, 10);
}

function serialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

/** As ExcelJS decides it: a format with date or time letters outside quotes and brackets. */
function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  return /[ymdhMsb]/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

async function sm3OfFile(path: string): Promise<string> {
  const hash = createHash('sm3');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
