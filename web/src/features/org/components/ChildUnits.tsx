import { Table, Tag } from 'antd';
import { Link } from 'react-router';
import { FUNDINGS, labelOf, PUBLIC_CLASSES, RANKS, UNIT_KINDS } from '../../../shared/labels.ts';
import { STATUS_COLORS, statusLabel } from '../../establishment/figure-status.ts';
import type { RegionUnit } from '../org.api.ts';
import type { UnitTotals } from '../unit-figures.ts';
import { compareOfficial } from '../unit-tree.ts';

/** 内设机构 or 下属单位 of a unit: its children in official order, each linking to its page. */
export function ChildUnits({
  units,
  totals,
  link,
  empty,
  institutions,
}: {
  units: RegionUnit[];
  totals: Map<string, UnitTotals>;
  link: (path: string) => string;
  empty: string;
  institutions: boolean;
}) {
  const sorted = [...units].sort(compareOfficial);
  return (
    <Table<RegionUnit>
      size="small"
      rowKey="code"
      pagination={false}
      dataSource={sorted}
      locale={{ emptyText: empty }}
      columns={[
        { title: '排序号', dataIndex: 'sortOrder', width: 80, render: (v: number | null) => v ?? '—' },
        {
          title: '名称',
          key: 'name',
          render: (_, u) => (
            <>
              <Link to={link(`/org/units/${encodeURIComponent(u.code)}`)}>{u.name}</Link>
              {!u.active && (
                <Tag color="red" style={{ marginLeft: 8 }}>
                  已撤销
                </Tag>
              )}
            </>
          ),
        },
        ...(institutions
          ? [
              {
                title: '类别',
                key: 'kind',
                render: (_: unknown, u: RegionUnit) => labelOf(UNIT_KINDS, u.kind),
              },
              {
                title: '事业单位类别',
                key: 'class',
                render: (_: unknown, u: RegionUnit) => labelOf(PUBLIC_CLASSES, u.publicClass),
              },
              {
                title: '经费形式',
                key: 'funding',
                render: (_: unknown, u: RegionUnit) => labelOf(FUNDINGS, u.funding),
              },
            ]
          : []),
        { title: '规格', key: 'rank', render: (_, u) => labelOf(RANKS, u.rank) },
        ...(institutions
          ? [
              {
                title: '编制 / 实有',
                key: 'figures',
                render: (_: unknown, u: RegionUnit) => {
                  const total = totals.get(u.code);
                  if (!total) return '—';
                  return (
                    <>
                      {total.approved} / {total.headcount}
                      {(total.status === 'over' || total.status === 'full') && (
                        <Tag color={STATUS_COLORS[total.status]} style={{ marginLeft: 8 }}>
                          {statusLabel('quota', total.status)}
                        </Tag>
                      )}
                    </>
                  );
                },
              },
            ]
          : []),
        { title: '设立日期', dataIndex: 'establishedOn', render: (v: string | null) => v ?? '—' },
      ]}
    />
  );
}
