import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCsvFolder } from './csv-source.ts';
import { type SourceFile, SourceFormatError, type SourceRow } from './source.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bianzhi-csv-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readAll(file: SourceFile): Promise<SourceRow[]> {
  const rows: SourceRow[] = [];
  for await (const row of file.rows()) rows.push(row);
  return rows;
}

async function only(name: string, content: string | Buffer): Promise<SourceFile> {
  await writeFile(join(dir, name), content);
  const files = await openCsvFolder(dir).files();
  expect(files).toHaveLength(1);
  return files[0]!;
}

describe('openCsvFolder', () => {
  it('reads every CSV file of the folder, in name order, and ignores other files', async () => {
    await writeFile(join(dir, 'units.csv'), 'code,name\n');
    await writeFile(join(dir, 'persons.csv'), 'id_number,name\n');
    await writeFile(join(dir, 'planted.json'), '{}');
    const files = await openCsvFolder(dir).files();
    expect(files.map((f) => [f.name, f.label])).toEqual([
      ['persons', 'persons.csv'],
      ['units', 'units.csv'],
    ]);
    expect(files[1]!.header).toEqual(['code', 'name']);
  });

  it('drops a BOM and reads RFC 4180 quoting: commas, newlines and doubled quotes inside quotes', async () => {
    const file = await only(
      'units.csv',
      '\uFEFF机构代码,机构名称\r\n"U1","财政局, 本级"\r\nU2,"""红旗""\n乡"\r\n',
    );
    expect(file.header).toEqual(['机构代码', '机构名称']);
    const rows = await readAll(file);
    expect(rows.map((r) => r.values)).toEqual([
      ['U1', '财政局, 本级'],
      ['U2', '"红旗"\n乡'],
    ]);
    expect(rows[0]!.types).toBeUndefined();
  });

  it('numbers rows as a spreadsheet shows them: a quoted newline stays in its row, blank rows count', async () => {
    const file = await only('units.csv', 'code,name\nA,"two\nlines"\n\n,\nB,after blank\n  \nC,last');
    const rows = await readAll(file);
    expect(rows.map((r) => [r.rowNumber, r.values[0]])).toEqual([
      [2, 'A'],
      [5, 'B'],
      [7, 'C'],
    ]);
  });

  it('trims cells, quoted or not', async () => {
    const file = await only('units.csv', ' code , name \n  U1 ," 财政局 "\n');
    expect(file.header).toEqual(['code', 'name']);
    expect((await readAll(file))[0]!.values).toEqual(['U1', '财政局']);
  });

  it('yields a row with the wrong number of cells, cut or padded to the header, and says how many it had', async () => {
    const file = await only(
      'units.csv',
      'code,name,kind\nU1,财政局\nU2,教育局,government,extra\nU3,卫健委,government,,\n',
    );
    const rows = await readAll(file);
    expect(rows[0]).toEqual({ rowNumber: 2, values: ['U1', '财政局', ''], cellCountMismatch: 2 });
    expect(rows[1]).toEqual({ rowNumber: 3, values: ['U2', '教育局', 'government'], cellCountMismatch: 4 });
    // Trailing empty cells are only trailing commas.
    expect(rows[2]).toEqual({ rowNumber: 4, values: ['U3', '卫健委', 'government'] });
  });

  it('takes the first non-empty row as the header and drops its trailing empty cells', async () => {
    const file = await only('units.csv', '\ncode,name,,\nU1,财政局,,\n');
    expect(file.header).toEqual(['code', 'name']);
    expect(file.headerRow).toBe(2);
    expect(await readAll(file)).toEqual([{ rowNumber: 3, values: ['U1', '财政局'] }]);
  });

  it('gives an empty file an empty header and no rows', async () => {
    const file = await only('units.csv', '');
    expect(file.header).toEqual([]);
    expect(await readAll(file)).toEqual([]);
  });

  it('digests the raw bytes, BOM included, with SM3 once the rows are read', async () => {
    const bytes = Buffer.from('\uFEFFcode,name\r\nU1,财政局\r\n', 'utf8');
    const file = await only('units.csv', bytes);
    expect(() => file.digest()).toThrow();
    await readAll(file);
    expect(file.digest()).toBe(createHash('sm3').update(bytes).digest('hex'));
  });

  it('knows the digest when the rows were left early, or could not be read to the end', async () => {
    const bytes = Buffer.from('code,name\nU0,ok\nU1,"open\nU2,x\n', 'utf8');
    const file = await only('units.csv', bytes);
    for await (const _row of file.rows()) break;
    expect(file.digest()).toBe(createHash('sm3').update(bytes).digest('hex'));
    await expect(readAll(file)).rejects.toBeInstanceOf(SourceFormatError);
    expect(file.digest()).toBe(createHash('sm3').update(bytes).digest('hex'));
  });

  it('reads a file again from the start', async () => {
    const file = await only('units.csv', 'code\nU1\nU2\n');
    expect(await readAll(file)).toEqual(await readAll(file));
  });

  it('streams a large file row by row', async () => {
    const lines = ['id_number,name'];
    for (let i = 0; i < 50_000; i++) lines.push(`11010119900101${String(i).padStart(4, '0')},"张三, ${i}"`);
    const file = await only('persons.csv', `${lines.join('\n')}\n`);
    let count = 0;
    let last: SourceRow | undefined;
    for await (const row of file.rows()) {
      count += 1;
      last = row;
    }
    expect(count).toBe(50_000);
    expect(last).toEqual({ rowNumber: 50_001, values: ['1101011990010149999', '张三, 49999'] });
  });

  it('refuses a file that is not UTF-8, naming it', async () => {
    // "机构" in GBK.
    const file = join(dir, 'units.csv');
    await writeFile(file, Buffer.from([0x63, 0x6f, 0x64, 0x65, 0x2c, 0xbb, 0xfa, 0xb9, 0xb9, 0x0a]));
    const error = await openCsvFolder(dir)
      .files()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceFormatError);
    expect((error as SourceFormatError).file).toBe('units.csv');
    expect((error as SourceFormatError).message).toContain('UTF-8');
  });

  it('refuses a quote left open, naming the row where it starts', async () => {
    const file = await only('units.csv', 'code,name\nU1,ok\nU2,"open\nU3,more\n');
    const error = await readAll(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceFormatError);
    expect(error).toMatchObject({ file: 'units.csv', row: 3, reason: '引号未闭合' });
  });

  it('says so when the folder does not exist', async () => {
    await expect(openCsvFolder(join(dir, 'missing')).files()).rejects.toBeInstanceOf(SourceFormatError);
  });
});
