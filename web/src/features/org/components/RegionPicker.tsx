import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useRegionCode } from '../../../shared/hooks/use-region.ts';
import { type Region, useRegions } from '../org.api.ts';

interface RegionOption {
  value: string;
  title: string;
  children: RegionOption[];
}

function regionTree(regions: Region[]): RegionOption[] {
  const options = new Map(
    regions.map((r) => [r.code, { value: r.code, title: r.name, children: [] as RegionOption[] }]),
  );
  const roots: RegionOption[] = [];
  for (const region of regions) {
    const option = options.get(region.code)!;
    const parent = region.parentCode ? options.get(region.parentCode) : undefined;
    (parent ? parent.children : roots).push(option);
  }
  return roots;
}

/** Picks one of the regions the user sees; shown only when there is more than one. */
export function RegionPicker() {
  const [regionCode, setRegionCode] = useRegionCode();
  const regions = useRegions();
  const tree = useMemo(() => regionTree(regions.data?.regions ?? []), [regions.data]);
  if ((regions.data?.regions.length ?? 0) < 2) return null;
  return (
    <TreeSelect
      aria-label="行政区划"
      style={{ minWidth: 200 }}
      value={regionCode}
      treeData={tree}
      treeDefaultExpandAll
      showSearch
      treeNodeFilterProp="title"
      onChange={(code: string) => setRegionCode(code)}
    />
  );
}
