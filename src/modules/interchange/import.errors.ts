/** One thing wrong in a dataset, where the user can find it: FORMAT.md "Validation". */
export interface ImportError {
  /** The CSV file's name (`persons.csv`) or the sheet's name. */
  file: string;
  /** The spreadsheet row number (header = 1); 0 for the file as a whole. */
  row: number;
  /** The column as the header names it (key or Chinese label); null for the whole row. */
  column: string | null;
  value: string | null;
  reason: string;
}

const MAX_VALUE_LENGTH = 60;

/** One line for a terminal or a log: `persons.csv 第 12 行 公民身份号码「…」：校验码错误`. */
export function formatImportError(e: ImportError): string {
  const where = e.row > 0 ? `${e.file} 第 ${e.row} 行` : e.file;
  const column = e.column === null ? '' : ` ${e.column}`;
  const value = e.value === null || e.value === '' ? '' : `「${shorten(e.value)}」`;
  return `${where}${column}${value}：${e.reason}`;
}

function shorten(value: string): string {
  const chars = Array.from(value);
  return chars.length > MAX_VALUE_LENGTH ? `${chars.slice(0, MAX_VALUE_LENGTH).join('')}…` : value;
}
