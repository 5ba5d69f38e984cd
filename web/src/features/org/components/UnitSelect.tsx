import { Select } from 'antd';
import { useMemo } from 'react';
import { todayInChina } from '../../../shared/as-of.ts';
import { searchUnit } from '../../../shared/pinyin-search.ts';
import { useUser } from '../../auth/session.tsx';
import { useRegionUnits } from '../org.api.ts';

/** Picks an active unit the user may see by name, pinyin initials or code. */
export function UnitSelect({
  value,
  onChange,
  placeholder = '单位名称、拼音首字母或代码',
  ariaLabel,
  style,
  divisions = false,
}: {
  value?: string | undefined;
  onChange?: (code: string | undefined) => void;
  placeholder?: string;
  ariaLabel: string;
  style?: React.CSSProperties;
  /** Internal divisions too (a post can be in one); otherwise units that hold quota only. */
  divisions?: boolean;
}) {
  const user = useUser();
  const units = useRegionUnits(user.regionCode, todayInChina());
  const options = useMemo(
    () =>
      (units.data?.units ?? [])
        .filter((u) => u.active && (divisions || u.kind !== 'internal_division'))
        .map((u) => ({ value: u.code, label: u.name, unit: u })),
    [units.data, divisions],
  );
  return (
    <Select
      aria-label={ariaLabel}
      allowClear
      showSearch={{ filterOption: (typed, option) => !!option && searchUnit(option.unit, typed) !== null }}
      loading={units.isPending}
      placeholder={placeholder}
      options={options}
      value={value}
      onChange={(code: string | undefined) => onChange?.(code)}
      style={style}
      popupMatchSelectWidth={false}
    />
  );
}
