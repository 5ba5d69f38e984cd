import { Table } from 'antd';
import { useState } from 'react';
import { ErrorResult } from '../../../shared/components/states.tsx';
import {
  CATEGORIES,
  ENTRY_TYPES,
  GENDERS,
  labelOf,
  POST_LEVELS,
  QUOTA_KINDS,
  SEAT_STATUSES,
} from '../../../shared/labels.ts';
import { type Seat, useUnitSeats } from '../roster.api.ts';

/** The people holding a seat of the unit on the as-of date, a page at a time from the server. */
export function SeatTable({ code, asOf }: { code: string; asOf: string }) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const seats = useUnitSeats(code, asOf, page, pageSize);
  if (seats.isError)
    return <ErrorResult error={seats.error} what="在编人员" onRetry={() => void seats.refetch()} />;
  return (
    <Table<Seat>
      aria-label="在编人员"
      size="small"
      loading={seats.isFetching}
      rowKey={(seat) => `${seat.person.idMasked}-${seat.quotaKind}-${seat.enteredOn}`}
      dataSource={seats.data?.items ?? []}
      locale={{ emptyText: '截至该日无在编人员' }}
      scroll={{ x: 'max-content' }}
      pagination={{
        current: page,
        pageSize,
        total: seats.data?.total ?? 0,
        showSizeChanger: true,
        showTotal: (total) => `共 ${total} 人`,
        onChange: (next, size) => {
          setPage(size === pageSize ? next : 1);
          setPageSize(size);
        },
      }}
      columns={[
        { title: '姓名', key: 'name', render: (_, s) => s.person.name },
        { title: '性别', key: 'gender', render: (_, s) => labelOf(GENDERS, s.person.gender) },
        { title: '出生日期', key: 'birthDate', render: (_, s) => s.person.birthDate },
        { title: '公民身份号码', key: 'id', render: (_, s) => s.person.idNumber ?? s.person.idMasked },
        { title: '编制类型', dataIndex: 'quotaKind', render: (v: string) => labelOf(QUOTA_KINDS, v) },
        { title: '人员类别', dataIndex: 'category', render: (v: string) => labelOf(CATEGORIES, v) },
        { title: '入编时间', dataIndex: 'enteredOn' },
        { title: '进入方式', dataIndex: 'entryType', render: (v: string) => labelOf(ENTRY_TYPES, v) },
        { title: '领导职务', key: 'post', render: (_, s) => labelOf(POST_LEVELS, s.post?.level) },
        { title: '在岗状态', dataIndex: 'status', render: (v: string) => labelOf(SEAT_STATUSES, v) },
        { title: '学历', key: 'education', render: (_, s) => s.person.education ?? '—' },
      ]}
    />
  );
}
