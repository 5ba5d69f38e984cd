import { Checkbox, Select, Space } from 'antd';
import type { FindingFilter } from '../findings.api.ts';
import { SEVERITY_OPTIONS, SOURCE_OPTIONS, STATE_OPTIONS } from '../findings-view.ts';
import { UnitSelect } from '../../org/components/UnitSelect.tsx';

/** The ledger's filters: state, unit, source, severity, overdue only. */
export function FindingFilters({
  filter,
  onChange,
  showUnit,
}: {
  filter: FindingFilter;
  onChange: (filter: FindingFilter) => void;
  /** A unit liaison sees one unit only: no unit filter. */
  showUnit: boolean;
}) {
  const set = (changes: Partial<FindingFilter>) => onChange({ ...filter, ...changes });
  return (
    <Space wrap style={{ marginBottom: 16 }}>
      <Select
        aria-label="按状态筛选"
        placeholder="状态"
        allowClear
        style={{ width: 120 }}
        options={STATE_OPTIONS}
        value={filter.state}
        onChange={(state: FindingFilter['state']) => set({ state })}
      />
      {showUnit && (
        <UnitSelect
          ariaLabel="按单位筛选"
          placeholder="单位"
          style={{ width: 240 }}
          value={filter.unit}
          onChange={(unit) => set({ unit })}
        />
      )}
      <Select
        aria-label="按来源筛选"
        placeholder="来源"
        allowClear
        style={{ width: 120 }}
        options={SOURCE_OPTIONS}
        value={filter.source}
        onChange={(source: FindingFilter['source']) => set({ source })}
      />
      <Select
        aria-label="按严重程度筛选"
        placeholder="严重程度"
        allowClear
        style={{ width: 120 }}
        options={SEVERITY_OPTIONS}
        value={filter.severity}
        onChange={(severity: FindingFilter['severity']) => set({ severity })}
      />
      <Checkbox
        checked={filter.overdue === true}
        onChange={(e) => set({ overdue: e.target.checked ? true : undefined })}
      >
        只看已逾期
      </Checkbox>
    </Space>
  );
}
