import JSZip from 'jszip';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { escapeXml, renderDocx } from './docx.ts';

describe('renderDocx', () => {
  it('writes a Word document a parser reads back: paragraphs, a table, escaped text', async () => {
    const buffer = await renderDocx({
      title: '测试',
      creator: '青山县编办',
      blocks: [
        { kind: 'paragraph', text: '整改通知书', align: 'center', bold: true },
        { kind: 'paragraph', text: 'A & B <C> "D"\u0001', indent: true },
        { kind: 'table', header: ['序号', '问题'], rows: [['1', '超编 2 名']] },
      ],
    });
    expect(buffer.subarray(0, 2).toString()).toBe('PK');
    const { value, messages } = await mammoth.extractRawText({ buffer });
    expect(messages).toEqual([]);
    expect(value).toContain('整改通知书');
    expect(value).toContain('A & B <C> "D"');
    const html = (await mammoth.convertToHtml({ buffer })).value;
    expect(html).toContain('<table><thead><tr><th><p><strong>序号</strong></p></th>');
    expect(html).toContain('<td><p>超编 2 名</p></td>');
    expect(await renderDocx({ title: '测试', creator: 'x', blocks: [] })).toEqual(
      await renderDocx({ title: '测试', creator: 'x', blocks: [] }),
    );
  });

  it('escapes what XML cannot carry as text', () => {
    expect(escapeXml('<a href="x">&\u0007\uffff')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;');
  });

  it('gives every table the grid the schema requires, and paragraph properties in schema order', async () => {
    const buffer = await renderDocx({
      title: 't',
      creator: 'c',
      blocks: [
        { kind: 'paragraph', text: 'x', indent: true, align: 'center' },
        { kind: 'table', header: ['a', 'b', 'c'], rows: [['1', '2', '3']] },
      ],
    });
    const zip = await JSZip.loadAsync(buffer);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toMatch(/<w:tblPr>.*<\/w:tblPr><w:tblGrid>(<w:gridCol w:w="\d+"\/>){3}<\/w:tblGrid><w:tr>/);
    expect(xml).toContain('<w:pPr><w:ind w:firstLine="640"/><w:jc w:val="center"/></w:pPr>');
    expect(Object.keys(zip.files).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'docProps/core.xml',
      'word/_rels/document.xml.rels',
      'word/document.xml',
    ]);
  });
});
