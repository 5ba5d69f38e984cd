import { Card, Space, Table, type TableProps, Typography } from 'antd';
import { useCallback } from 'react';
import { Link, useSearchParams } from 'react-router';
import { isNotProvided } from '../../../shared/api/client.ts';
import { DownloadButton } from '../../../shared/components/DownloadButton.tsx';
import { ErrorResult, NotProvided } from '../../../shared/components/states.tsx';
import { useAsOf } from '../../../shared/hooks/use-as-of.ts';
import { useRegionCode } from '../../../shared/hooks/use-region.ts';
import {
  CATEGORIES,
  GENDERS,
  labelOf,
  POST_LEVELS,
  QUOTA_KINDS,
  SEAT_STATUSES,
} from '../../../shared/labels.ts';
import { RegionPicker } from '../../org/components/RegionPicker.tsx';
import { useRegionUnits } from '../../org/org.api.ts';
import { RosterFilters } from '../components/RosterFilters.tsx';
import { type RosterRow, type RosterSort, rosterQuery, useRoster } from '../roster.api.ts';
import { type FilterKey, filterFromSearch, searchWithFilter } from '../roster-filter.ts';

const SORTABLE: Record<string, RosterSort> = {
  name: 'name',
  unit: 'unit',
  enteredOn: 'enteredOn',
  age: 'birthDate',
};
// Age runs against birth date: the youngest first is the latest birth date first.
const INVERTED = new Set(['age']);

/** 人员名册: the region's people in seats on the as-of date, filtered, sorted and paged by the server. */
export function RosterPage() {
  const { asOf, link } = useAsOf();
  const [regionCode] = useRegionCode();
  const [params, setParams] = useSearchParams();
  const filter = filterFromSearch(params, regionCode, asOf);
  const roster = useRoster(filter);
  const units = useRegionUnits(regionCode, asOf);
  const change = useCallback(
    (changes: Parameters<typeof searchWithFilter>[1]) =>
      setParams((current) => searchWithFilter(current, changes)),
    [setParams],
  );

  if (roster.isError && isNotProvided(roster.error))
    return (
      <Card title="人员名册">
        <NotProvided what="区域人员名册" />
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          在此之前，可在 <Link to={link('/org/tree')}>机构树</Link> 中打开单位页面，查看该单位的在编人员。
        </Typography.Paragraph>
      </Card>
    );

  const onTableChange: TableProps<RosterRow>['onChange'] = (pagination, _filters, sorter) => {
    const single = Array.isArray(sorter) ? sorter[0] : sorter;
    const column = String(single?.columnKey);
    const sort = single?.order ? SORTABLE[column] : undefined;
    const descending = sort ? (single?.order === 'descend') !== INVERTED.has(column) : false;
    const changes: Parameters<typeof searchWithFilter>[1] = {
      sort: sort ?? null,
      descending: descending || null,
      pageSize: pagination.pageSize ?? filter.pageSize,
    };
    const sortChanged = (sort ?? undefined) !== filter.sort || !!changes.descending !== !!filter.descending;
    if (!sortChanged && (pagination.pageSize ?? filter.pageSize) === filter.pageSize)
      changes.page = pagination.current ?? 1;
    change(changes);
  };
  const order = (key: string) =>
    SORTABLE[key] === filter.sort
      ? !!filter.descending !== INVERTED.has(key)
        ? ('descend' as const)
        : ('ascend' as const)
      : null;

  return (
    <Card
      title={`人员名册（截至 ${asOf}）`}
      extra={
        <Space>
          <RegionPicker />
          <DownloadButton path={`/api/roster/export${rosterQuery(filter, false)}`} filename="人员名册.xlsx">
            导出 Excel
          </DownloadButton>
        </Space>
      }
    >
      <RosterFilters
        filter={filter}
        units={units.data?.units ?? []}
        onChange={(changes: Partial<Record<FilterKey, string | null>>) => change(changes)}
      />
      {roster.isError ? (
        <ErrorResult error={roster.error} what="人员名册" onRetry={() => void roster.refetch()} />
      ) : (
        <Table<RosterRow>
          aria-label="人员名册"
          size="small"
          rowKey="seatId"
          loading={roster.isFetching}
          dataSource={roster.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '没有符合条件的人员' }}
          onChange={onTableChange}
          pagination={{
            current: filter.page,
            pageSize: filter.pageSize,
            total: roster.data?.total ?? 0,
            pageSizeOptions: [20, 50, 100, 200],
            showSizeChanger: true,
            showTotal: (total) => `共 ${total} 人`,
          }}
          columns={[
            {
              title: '姓名',
              key: 'name',
              sorter: true,
              sortOrder: order('name'),
              render: (_, r) => <Link to={link(`/roster/persons/${r.personId}`)}>{r.name}</Link>,
            },
            { title: '性别', key: 'gender', render: (_, r) => labelOf(GENDERS, r.gender) },
            {
              title: '年龄',
              key: 'age',
              sorter: true,
              sortOrder: order('age'),
              align: 'right',
              render: (_, r) => r.age,
            },
            { title: '公民身份号码', key: 'id', render: (_, r) => r.idNumber ?? r.idMasked },
            {
              title: '编制所在单位',
              key: 'unit',
              sorter: true,
              sortOrder: order('unit'),
              render: (_, r) => (
                <Link to={link(`/org/units/${encodeURIComponent(r.unitCode)}`)}>
                  {r.unitName ?? r.unitCode}
                </Link>
              ),
            },
            { title: '编制类型', key: 'quotaKind', render: (_, r) => labelOf(QUOTA_KINDS, r.quotaKind) },
            { title: '人员类别', key: 'category', render: (_, r) => labelOf(CATEGORIES, r.category) },
            {
              title: '入编时间',
              key: 'enteredOn',
              sorter: true,
              sortOrder: order('enteredOn'),
              render: (_, r) => r.enteredOn,
            },
            { title: '领导职务', key: 'postLevel', render: (_, r) => labelOf(POST_LEVELS, r.postLevel) },
            { title: '在岗状态', key: 'status', render: (_, r) => labelOf(SEAT_STATUSES, r.status) },
            { title: '学历', key: 'education', render: (_, r) => r.education ?? '—' },
          ]}
        />
      )}
    </Card>
  );
}
