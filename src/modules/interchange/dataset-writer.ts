import { type EventEmitter, once } from 'node:events';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { DomainError } from '../../shared/domain-error.ts';

export interface DatasetFileWriter {
  /** One row, as long as the header; null is an empty cell. Await the promise when there is one. */
  write(values: (string | null)[]): Promise<void> | void;
  close(): Promise<void>;
}

export interface DatasetWriter {
  /** Starts `name.csv`, or the sheet `name`; in a workbook, one file at a time. */
  file(name: string, header: string[]): DatasetFileWriter;
  /** Closes what is still open and finishes the folder or the workbook. */
  close(): Promise<void>;
}

/** The rows a sheet can hold below its header (FORMAT.md: larger datasets travel as CSV). */
export const MAX_SHEET_ROWS = 1_048_575;

/**
 * Writes a dataset as FORMAT.md describes it, streaming: a folder of CSV files (UTF-8 with a BOM, so
 * Excel opens the Chinese correctly; RFC 4180 quoting) or one `.xlsx` workbook of text cells.
 */
export function createDatasetWriter(path: string, options: { format: 'csv' | 'xlsx' }): DatasetWriter {
  return options.format === 'csv' ? csvFolderWriter(path) : workbookWriter(path);
}

function csvFolderWriter(folder: string): DatasetWriter {
  mkdirSync(folder, { recursive: true });
  const open = new Set<DatasetFileWriter>();
  return {
    file(name, header) {
      const csv = stringify({ bom: true, record_delimiter: '\r\n' });
      const finished = pipeline(csv, createWriteStream(join(folder, `${name}.csv`)));
      // Reported by write() or close(); this only keeps an early failure from going unhandled.
      finished.catch(() => {});
      const write = (values: (string | null)[]): Promise<void> | undefined => {
        if (csv.write(values.map((value) => value ?? ''))) return undefined;
        return Promise.race([once(csv, 'drain').then(() => {}), finished]);
      };
      // The header fits any buffer: nothing to wait for.
      void write(header);
      const writer: DatasetFileWriter = {
        write,
        async close() {
          if (!open.delete(writer)) return;
          csv.end();
          await finished;
        },
      };
      open.add(writer);
      return writer;
    },
    async close() {
      await Promise.all([...open].map((writer) => writer.close()));
    },
  };
}

function workbookWriter(path: string): DatasetWriter {
  mkdirSync(dirname(path), { recursive: true });
  const output = createWriteStream(path);
  // The output's failure ends every wait on the sheet's buffer; close() reports it.
  const failed = new Promise<never>((_resolve, reject) => output.on('error', reject));
  failed.catch(() => {});
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: false,
  });
  let open: { name: string; close(): Promise<void> } | undefined;
  return {
    file(name, header) {
      if (open)
        throw new Error(`sheet "${open.name}" is still open: a workbook is written one sheet at a time`);
      const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
      // Text format everywhere, so what Excel's user types stays text too: an ID number typed into a
      // General cell becomes a number and loses its last digits.
      sheet.columns = header.map((title) => ({ width: columnWidth(title), style: { numFmt: '@' } }));
      const headerRow = sheet.addRow(header);
      headerRow.font = { bold: true };
      headerRow.commit();
      let rows = 0;
      const writer = {
        name,
        write(values: (string | null)[]): Promise<void> | undefined {
          rows += 1;
          if (rows > MAX_SHEET_ROWS) {
            throw new DomainError(
              'interchange.sheet_too_large',
              `工作表「${name}」超过 ${MAX_SHEET_ROWS} 行：请导出为 CSV 文件夹`,
              'invalid',
            );
          }
          sheet.addRow(values).commit();
          return sheetBacklog(sheet, failed);
        },
        async close() {
          if (open !== writer) return;
          open = undefined;
          sheet.commit();
        },
      };
      open = writer;
      return writer;
    },
    async close() {
      await open?.close();
      await Promise.race([workbook.commit(), failed]);
    },
  };
}

/**
 * ExcelJS's sheet buffer ignores backpressure: it pipes each 64 KB batch into the zip's input
 * without waiting. That input is a plain (readable-stream) PassThrough: wait for it to drain before
 * writing on. Only the sheet the zip is taking in drains, hence one sheet at a time.
 */
export function sheetBacklog(sheet: ExcelJS.Worksheet, failed: Promise<never>): Promise<void> | undefined {
  const pipe = (sheet as unknown as { stream: { pipes?: ZipInput[] } }).stream.pipes?.[0];
  if (!pipe?._writableState?.needDrain) return undefined;
  return Promise.race([once(pipe, 'drain').then(() => {}), failed]);
}

type ZipInput = EventEmitter & { _writableState?: { needDrain?: boolean } };

function columnWidth(title: string): number {
  if (/id_number|身份/.test(title)) return 22;
  const wide = Array.from(title).reduce((sum, char) => sum + (char.charCodeAt(0) > 0xff ? 2 : 1), 0);
  return Math.min(40, Math.max(12, wide + 2));
}
