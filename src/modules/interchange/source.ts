/**
 * A dataset as the importer reads it, whatever it came from (a CSV folder or a workbook): named
 * files (`units`, `persons` … without `.csv`), each a header and a stream of rows.
 */

import { DomainError } from '../../shared/domain-error.ts';

export type CellType = 'string' | 'number' | 'date';

export interface SourceRow {
  /** The spreadsheet row number: the header is row 1. */
  rowNumber: number;
  /** Cell text, trimmed; dates from workbook date cells already as 'YYYY-MM-DD'. */
  values: string[];
  /** What the cell was in a workbook (a number cell of an ID number has lost digits); absent for CSV. */
  types?: CellType[];
  /**
   * Set when the row does not have as many cells as the header: the number of cells it has. `values`
   * is still as long as the header (padded with '' or cut), so the row can be checked and reported.
   */
  cellCountMismatch?: number;
}

export interface SourceFile {
  /** The dataset file name without extension: `units`, `persons` … */
  name: string;
  /** Where it came from, as error reports name it: `units.csv`, or the sheet name in a workbook. */
  label: string;
  /** The first non-empty row, trimmed; empty for an empty file. */
  header: string[];
  /** The header's row number: 1 unless blank rows precede it. */
  headerRow?: number;
  /**
   * The rows after the header, empty rows skipped. May be read more than once. A workbook streams
   * its sheets in one pass: reading the files' rows in the order files() gives them reads it once,
   * any other order reads it again from the start.
   */
  rows(): AsyncIterable<SourceRow>;
  /** SM3 digest (hex) of the file's bytes, known once rows() has been read (to the end or not). */
  digest(): string;
}

export interface DatasetSource {
  /** The path the user gave. */
  path: string;
  format: 'csv' | 'xlsx';
  files(): Promise<SourceFile[]>;
  /** Lets go of temporary files a workbook's reading left behind; the source can still be read. */
  close?(): Promise<void>;
}

/** A file that cannot be read as rows at all: broken quoting, not UTF-8, not a workbook. */
export class SourceFormatError extends DomainError {
  constructor(
    /** The file's label (`units.csv`, or the workbook's file name). */
    readonly file: string,
    /** The spreadsheet row where reading failed, when known. */
    readonly row: number | null,
    readonly reason: string,
  ) {
    super(
      'interchange.unreadable_file',
      `${file}${row === null ? '' : ` 第 ${row} 行`}：${reason}`,
      'invalid',
    );
    this.name = 'SourceFormatError';
  }
}
