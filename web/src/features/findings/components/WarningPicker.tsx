import { Select } from 'antd';
import { useMemo } from 'react';
import { type OpenWarning, useOpenWarnings } from '../findings.api.ts';
import { warningMatches, warningText } from '../findings-view.ts';

/** Picks an open warning, searched by its number, rule, unit code or message. */
export function WarningPicker({
  value,
  onChange,
}: {
  value?: number | undefined;
  onChange?: (id: number | undefined) => void;
}) {
  const warnings = useOpenWarnings(true);
  const options = useMemo(() => {
    const items = warnings.data?.items ?? [];
    const list = items.map((w) => ({ value: w.id, label: warningText(w), warning: w as OpenWarning | null }));
    // A warning preset from a link but not among the open ones listed still shows its number.
    if (value !== undefined && !items.some((w) => w.id === value))
      list.unshift({ value, label: `预警 #${value}`, warning: null });
    return list;
  }, [warnings.data, value]);
  return (
    <Select
      aria-label="预警"
      placeholder="输入规则、单位代码或预警内容查找"
      loading={warnings.isPending}
      showSearch={{
        filterOption: (typed, option) => !!option?.warning && warningMatches(option.warning, typed),
      }}
      options={options}
      value={value}
      onChange={(id: number | undefined) => onChange?.(id)}
      notFoundContent={warnings.isError ? '预警列表加载失败' : '没有符合的未消除预警'}
    />
  );
}
