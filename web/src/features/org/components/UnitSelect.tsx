import { Select } from 'antd';
import { useMemo } from 'react';
import { todayInChina } from '../../../shared/as-of.ts';
import { searchUnit } from '../../../shared/pinyin-search.ts';
import { useUser } from '../../auth/session.tsx';
import { useRegionUnits } from '../org.api.ts';

const NO_EXTRA: { value: string; label: string }[] = [];

/** Picks an active unit the user may see by name, pinyin initials or code. */
export function UnitSelect({
  value,
  onChange,
  placeholder = '单位名称、拼音首字母或代码',
  ariaLabel,
  style,
  divisions = false,
  extra = NO_EXTRA,
}: {
  value?: string | undefined;
  onChange?: (code: string | undefined) => void;
  placeholder?: string;
  ariaLabel: string;
  style?: React.CSSProperties;
  /** Internal divisions too (a post can be in one); otherwise units that hold quota only. */
  divisions?: boolean;
  /** Choices that are not units, listed first (e.g. 收回机动编制). */
  extra?: { value: string; label: string }[];
}) {
  const user = useUser();
  const units = useRegionUnits(user.regionCode, todayInChina());
  const options = useMemo(
    () => [
      ...extra.map((e) => ({ ...e, unit: undefined })),
      ...(units.data?.units ?? [])
        .filter((u) => u.active && (divisions || u.kind !== 'internal_division'))
        .map((u) => ({ value: u.code, label: u.name, unit: u })),
    ],
    [units.data, divisions, extra],
  );
  return (
    <Select
      aria-label={ariaLabel}
      allowClear
      showSearch={{
        filterOption: (typed, option) =>
          !!option &&
          (option.unit ? searchUnit(option.unit, typed) !== null : option.label.includes(typed.trim())),
      }}
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
