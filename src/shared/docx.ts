import { ZipFile } from 'yazl';

/**
 * A small writer of Word documents (.docx, Office Open XML): headings, paragraphs and tables are
 * enough for the notices and forms an office issues. Written by hand because the npm `docx`
 * package's types do not resolve under NodeNext; the output is checked by a parser in the tests.
 */

export type Block =
  | {
      kind: 'paragraph';
      text: string;
      align?: 'left' | 'center' | 'right';
      bold?: boolean;
      size?: number;
      indent?: boolean;
    }
  | { kind: 'table'; header: string[]; rows: string[][] };

export interface DocxDocument {
  title: string;
  creator: string;
  blocks: Block[];
}

const FONT = '仿宋_GB2312';

/** A4 (11906) less the left and right margins (1588 + 1474), in twentieths of a point. */
const TEXT_WIDTH = 11906 - 1588 - 1474;

export function escapeXml(value: string): string {
  return (
    value
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // Characters XML 1.0 cannot carry at all.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
  );
}

/** A run of text; `size` in points (Word counts half-points). */
function run(text: string, bold: boolean, size: number): string {
  const props =
    `<w:rPr><w:rFonts w:ascii="${FONT}" w:eastAsia="${FONT}" w:hAnsi="${FONT}"/>` +
    `${bold ? '<w:b/>' : ''}<w:sz w:val="${size * 2}"/><w:szCs w:val="${size * 2}"/></w:rPr>`;
  return `<w:r>${props}<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`;
}

function paragraph(block: Extract<Block, { kind: 'paragraph' }>): string {
  // In the schema's order: ind before jc.
  const props = [
    // Two characters of first-line indent, as official documents have.
    block.indent ? `<w:ind w:firstLine="${(block.size ?? 16) * 40}"/>` : '',
    block.align && block.align !== 'left' ? `<w:jc w:val="${block.align}"/>` : '',
  ].join('');
  return `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ''}${run(block.text, block.bold ?? false, block.size ?? 16)}</w:p>`;
}

function cell(text: string, bold: boolean): string {
  return `<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/></w:tcPr><w:p>${run(text, bold, 12)}</w:p></w:tc>`;
}

function table(block: Extract<Block, { kind: 'table' }>): string {
  const border = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`;
  const borders = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('');
  const header = `<w:tr><w:trPr><w:tblHeader/></w:trPr>${block.header.map((h) => cell(h, true)).join('')}</w:tr>`;
  const rows = block.rows
    .map((row) => `<w:tr>${row.map((value) => cell(value, false)).join('')}</w:tr>`)
    .join('');
  // The grid the schema requires: the text width (A4 less the margins, in twentieths of a point) shared out.
  const width = Math.floor(TEXT_WIDTH / block.header.length);
  const grid = `<w:tblGrid>${block.header.map(() => `<w:gridCol w:w="${width}"/>`).join('')}</w:tblGrid>`;
  return (
    `<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>${borders}</w:tblBorders></w:tblPr>` +
    `${grid}${header}${rows}</w:tbl>`
  );
}

function documentXml(blocks: Block[]): string {
  const body = blocks.map((block) => (block.kind === 'table' ? table(block) : paragraph(block))).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    `<w:body>${body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>` +
    '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/>' +
    '</w:sectPr></w:body></w:document>'
  );
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
  '</Types>';

const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  '</Relationships>';

const DOCUMENT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';

function coreXml(doc: DocxDocument): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/">' +
    `<dc:title>${escapeXml(doc.title)}</dc:title><dc:creator>${escapeXml(doc.creator)}</dc:creator>` +
    '</cp:coreProperties>'
  );
}

/** The document as the bytes of a .docx file. */
export function renderDocx(doc: DocxDocument): Promise<Buffer> {
  const zip = new ZipFile();
  // A fixed date keeps the same document byte-for-byte the same.
  const options = { mtime: new Date('2000-01-01T00:00:00Z') };
  zip.addBuffer(Buffer.from(CONTENT_TYPES), '[Content_Types].xml', options);
  zip.addBuffer(Buffer.from(ROOT_RELS), '_rels/.rels', options);
  zip.addBuffer(Buffer.from(coreXml(doc)), 'docProps/core.xml', options);
  zip.addBuffer(Buffer.from(documentXml(doc.blocks)), 'word/document.xml', options);
  zip.addBuffer(Buffer.from(DOCUMENT_RELS), 'word/_rels/document.xml.rels', options);
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}
