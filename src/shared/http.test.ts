import { describe, expect, it } from 'vitest';
import { contentDisposition } from './http.ts';

describe('contentDisposition', () => {
  it('gives a Chinese file name in UTF-8 per RFC 5987, beside an ASCII one', () => {
    expect(contentDisposition('导入错误报告.xlsx', 'import-errors.xlsx')).toBe(
      `attachment; filename="import-errors.xlsx"; filename*=UTF-8''%E5%AF%BC%E5%85%A5%E9%94%99%E8%AF%AF%E6%8A%A5%E5%91%8A.xlsx`,
    );
  });

  it('escapes the characters RFC 5987 does not allow bare, and keeps quotes out of the ASCII name', () => {
    expect(contentDisposition("编制(2026)'*.zip", 'a"b\\c(1).zip')).toBe(
      `attachment; filename="a_b_c(1).zip"; filename*=UTF-8''%E7%BC%96%E5%88%B6%282026%29%27%2A.zip`,
    );
  });
});
