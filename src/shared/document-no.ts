/**
 * 文号 (document numbers) as the offices write them: `{区划简称}{机关代字}〔年〕N号`, e.g.
 * 青山编办整改〔2026〕1号 or 青山编核〔2026〕3号. The short name is the region's name without its
 * administrative suffix.
 */
export function regionPrefix(regionName: string): string {
  const short = regionName.replace(/(自治县|自治州|自治区|特别行政区|县|市|区|省|旗|盟)$/u, '');
  return short.length >= 1 ? short : regionName;
}
