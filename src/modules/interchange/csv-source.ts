import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline, Transform } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { type DatasetSource, type SourceFile, SourceFormatError, type SourceRow } from './source.ts';

/** A record this long is a quote left open swallowing the rest of the file, not data. */
const MAX_RECORD_BYTES = 1 << 20;

/** A folder of `*.csv` files (UTF-8, a BOM allowed, RFC 4180 quoting); other files are ignored. */
export function openCsvFolder(path: string): DatasetSource {
  return {
    path,
    format: 'csv',
    async files() {
      const entries = await readdir(path, { withFileTypes: true }).catch((error: unknown) => {
        throw fileSystemError(path, error);
      });
      const names = entries
        .filter((entry) => entry.isFile() && /\.csv$/i.test(entry.name))
        .map((entry) => entry.name)
        .sort();
      return Promise.all(names.map((name) => openCsvFile(join(path, name), name)));
    },
  };
}

async function openCsvFile(filePath: string, label: string): Promise<SourceFile> {
  let header: string[] = [];
  let headerRow = 1;
  for await (const record of records(filePath, label)) {
    header = withoutTrailingEmpty(record.cells);
    headerRow = record.rowNumber;
    break;
  }
  let digest: string | undefined;
  return {
    name: label.replace(/\.csv$/i, ''),
    label,
    header,
    headerRow,
    async *rows() {
      const hash = createHash('sm3');
      let whole = false;
      try {
        for await (const record of records(filePath, label, hash)) {
          if (record.rowNumber > headerRow) yield toRow(record.cells, record.rowNumber, header.length);
        }
        digest = hash.digest('hex');
        whole = true;
      } finally {
        // Left early (a reader that has seen enough errors, a broken quote): the digest still names the file.
        if (!whole) digest = await sm3OfFile(filePath).catch(() => digest);
      }
    },
    digest() {
      if (digest === undefined) throw new Error(`${label}: the digest is known once rows() has been read`);
      return digest;
    },
  };
}

interface CsvRecord {
  cells: string[];
  /** Records are counted as a spreadsheet shows them: blank lines included, quoted newlines not. */
  rowNumber: number;
}

/** The file's non-empty records, trimmed; `hash` sees every byte as it streams past. */
async function* records(filePath: string, label: string, hash?: Hash): AsyncGenerator<CsvRecord> {
  const parser = parse({
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    trim: true,
    skip_empty_lines: false,
    max_record_size: MAX_RECORD_BYTES,
  });
  pipeline(createReadStream(filePath), utf8Check(label, hash), parser, () => {});
  let count = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      count += 1;
      const cells = record.map((cell) => cell.trim());
      if (cells.some((cell) => cell !== '')) yield { cells, rowNumber: count };
    }
  } catch (error) {
    throw readError(label, count + 1, error);
  }
}

/**
 * Passes the bytes on unchanged, failing on the first that is not UTF-8: Excel on a Chinese Windows
 * saves "CSV" as GBK, which would otherwise arrive as mojibake and fail every check downstream.
 */
function utf8Check(label: string, hash: Hash | undefined): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const notUtf8 = () =>
    new SourceFormatError(
      label,
      null,
      '不是 UTF-8 编码（可能是 GBK）：请在 Excel 中另存为「CSV UTF-8（逗号分隔）」',
    );
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash?.update(chunk);
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        done(notUtf8());
        return;
      }
      done(null, chunk);
    },
    flush(done) {
      try {
        decoder.decode();
      } catch {
        done(notUtf8());
        return;
      }
      done();
    },
  });
}

async function sm3OfFile(filePath: string): Promise<string> {
  const hash = createHash('sm3');
  for await (const chunk of createReadStream(filePath)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function toRow(cells: string[], rowNumber: number, width: number): SourceRow {
  // Cells past the header that are empty (a trailing comma) carry nothing and are not a mismatch.
  const count = cells.length > width ? Math.max(width, withoutTrailingEmpty(cells).length) : cells.length;
  if (count === width) return { rowNumber, values: cells.slice(0, width) };
  const values = cells.slice(0, width);
  while (values.length < width) values.push('');
  return { rowNumber, values, cellCountMismatch: count };
}

function withoutTrailingEmpty(cells: string[]): string[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1] === '') end -= 1;
  return cells.slice(0, end);
}

const CSV_REASONS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: '引号未闭合',
  CSV_INVALID_CLOSING_QUOTE: '引号后紧跟了其他字符（字段内的引号应写成两个引号 ""）',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: '引号后紧跟了其他字符（字段内的引号应写成两个引号 ""）',
  CSV_MAX_RECORD_SIZE: '一行超过 1 MB：可能有引号未闭合',
};

function readError(label: string, row: number, error: unknown): Error {
  if (error instanceof SourceFormatError) return error;
  if (error instanceof CsvError)
    return new SourceFormatError(label, row, CSV_REASONS[error.code] ?? error.message);
  return fileSystemError(label, error);
}

function fileSystemError(label: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return new SourceFormatError(label, null, '文件或文件夹不存在');
  if (code === 'ENOTDIR') return new SourceFormatError(label, null, '不是文件夹：CSV 数据集是一个文件夹');
  return error instanceof Error ? error : new Error(String(error));
}
