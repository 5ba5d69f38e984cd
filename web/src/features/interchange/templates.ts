import type { TemplateFile } from '../../shared/labels.ts';

/**
 * An import template made in the browser when the server offers none: a CSV file (UTF-8 with a
 * BOM, so Excel opens it in Chinese) whose header row is the columns' Chinese labels, which the
 * importer accepts as well as the keys (FORMAT.md). Pure.
 */

const BOM = '\uFEFF';

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function templateCsv(file: TemplateFile): string {
  return `${BOM}${file.columns.map((column) => csvCell(column.label)).join(',')}\r\n`;
}

/** What the columns expect, for the notes shown beside a template: required columns and allowed values. */
export function templateNotes(file: TemplateFile): string[] {
  const required = file.columns.filter((c) => c.required).map((c) => c.label);
  const notes = [`必填列：${required.join('、') || '无'}`];
  for (const column of file.columns)
    if (column.values) notes.push(`${column.label}：${Object.values(column.values).join('、')}`);
  return notes;
}
