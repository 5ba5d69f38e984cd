import { AutoComplete, Button, Form, Input, Select } from 'antd';
import { useMemo } from 'react';
import {
  AGE_BANDS,
  CATEGORIES,
  optionsOf,
  POST_LEVELS,
  QUOTA_KINDS,
  SEAT_STATUSES,
} from '../../../shared/labels.ts';
import { searchUnit } from '../../../shared/pinyin-search.ts';
import type { RegionUnit } from '../../org/org.api.ts';
import type { RosterFilter } from '../roster.api.ts';
import type { FilterKey } from '../roster-filter.ts';

const EDUCATION = ['研究生', '大学本科', '大学专科', '中专', '高中及以下'].map((value) => ({ value }));

/** The roster's filters: each change goes to the URL at once (the name on Enter). */
export function RosterFilters({
  filter,
  units,
  onChange,
}: {
  filter: RosterFilter;
  units: RegionUnit[];
  onChange: (changes: Partial<Record<FilterKey, string | null>>) => void;
}) {
  const unitOptions = useMemo(
    () =>
      units
        .filter((u) => u.active && u.kind !== 'internal_division')
        .map((u) => ({ value: u.code, label: u.name, unit: u })),
    [units],
  );
  const select = (
    key: FilterKey,
    label: string,
    options: { value: string; label: string }[],
    width = 150,
  ) => (
    <Form.Item label={label} style={{ marginBottom: 8 }}>
      <Select
        aria-label={label}
        allowClear
        placeholder="全部"
        style={{ width }}
        options={options}
        value={filter[key]}
        onChange={(value?: string) => onChange({ [key]: value ?? null })}
      />
    </Form.Item>
  );
  return (
    <Form layout="inline" style={{ marginBottom: 8, rowGap: 8 }}>
      <Form.Item label="姓名" style={{ marginBottom: 8 }}>
        <Input.Search
          aria-label="姓名"
          allowClear
          placeholder="姓名"
          style={{ width: 150 }}
          key={filter.name ?? ''}
          defaultValue={filter.name}
          onSearch={(value) => onChange({ name: value.trim() || null })}
        />
      </Form.Item>
      <Form.Item label="单位" style={{ marginBottom: 8 }}>
        <Select
          aria-label="单位"
          allowClear
          showSearch
          placeholder="全部单位"
          style={{ width: 260 }}
          options={unitOptions}
          value={filter.unit}
          filterOption={(input, option) => (option ? searchUnit(option.unit, input) !== null : false)}
          onChange={(value?: string) => onChange({ unit: value ?? null })}
        />
      </Form.Item>
      {select('quotaKind', '编制类型', optionsOf(QUOTA_KINDS), 170)}
      {select('category', '人员类别', optionsOf(CATEGORIES))}
      {select('status', '在岗状态', optionsOf(SEAT_STATUSES))}
      {select('ageBand', '年龄段', optionsOf(AGE_BANDS))}
      <Form.Item label="学历" style={{ marginBottom: 8 }}>
        <AutoComplete
          aria-label="学历"
          allowClear
          placeholder="全部"
          style={{ width: 130 }}
          options={EDUCATION}
          value={filter.education}
          onChange={(value?: string) => onChange({ education: value || null })}
        />
      </Form.Item>
      {select('postLevel', '领导职务', optionsOf(POST_LEVELS), 160)}
      <Form.Item style={{ marginBottom: 8 }}>
        <Button
          onClick={() =>
            onChange({
              unit: null,
              quotaKind: null,
              category: null,
              status: null,
              ageBand: null,
              education: null,
              postLevel: null,
              name: null,
            })
          }
        >
          清空条件
        </Button>
      </Form.Item>
    </Form>
  );
}
