import { Table, Typography } from 'antd';
import { labelOf, POST_LEVELS, QUOTA_KINDS } from '../../../shared/labels.ts';
import type { PostFigure, QuotaFigure } from '../../org/org.api.ts';
import { FigureTag } from './FigureTag.tsx';

const vacancyText = (vacancy: number) =>
  vacancy < 0 ? <Typography.Text type="danger">{vacancy}</Typography.Text> : vacancy;

/** 编制情况: approved, headcount, reserved approvals and vacancy by quota kind, 超编 red and 满编 yellow. */
export function QuotaFigureTable({ figures }: { figures: QuotaFigure[] }) {
  const total = figures.reduce(
    (sum, f) => ({
      approved: sum.approved + f.approved,
      headcount: sum.headcount + f.headcount,
      reserved: sum.reserved + f.reserved,
    }),
    { approved: 0, headcount: 0, reserved: 0 },
  );
  return (
    <Table<QuotaFigure>
      aria-label="编制情况"
      size="small"
      pagination={false}
      rowKey="kind"
      dataSource={figures}
      locale={{ emptyText: '未核定编制' }}
      columns={[
        { title: '编制类型', dataIndex: 'kind', render: (kind: string) => labelOf(QUOTA_KINDS, kind) },
        { title: '核定编制', dataIndex: 'approved', align: 'right' },
        { title: '实有人数', dataIndex: 'headcount', align: 'right' },
        { title: '已核准待入编', dataIndex: 'reserved', align: 'right' },
        { title: '空编', dataIndex: 'vacancy', align: 'right', render: vacancyText },
        {
          title: '状态',
          key: 'status',
          render: (_, f) => <FigureTag kind="quota" approved={f.approved} used={f.headcount} />,
        },
      ]}
      summary={() =>
        figures.length > 1 ? (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              {total.approved}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              {total.headcount}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">
              {total.reserved}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right">
              {vacancyText(total.approved - total.headcount - total.reserved)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={5} />
          </Table.Summary.Row>
        ) : null
      }
    />
  );
}

/** 领导职数: posts approved and filled by level, 超职数 red and 满配 yellow. */
export function PostFigureTable({ figures }: { figures: PostFigure[] }) {
  return (
    <Table<PostFigure>
      aria-label="领导职数"
      size="small"
      pagination={false}
      rowKey="level"
      dataSource={figures}
      locale={{ emptyText: '未核定领导职数' }}
      columns={[
        { title: '职数类别', dataIndex: 'level', render: (level: string) => labelOf(POST_LEVELS, level) },
        { title: '核定职数', dataIndex: 'posts', align: 'right' },
        { title: '实配', dataIndex: 'leaders', align: 'right' },
        { title: '空缺', dataIndex: 'vacancy', align: 'right', render: vacancyText },
        {
          title: '状态',
          key: 'status',
          render: (_, f) => <FigureTag kind="post" approved={f.posts} used={f.leaders} />,
        },
      ]}
    />
  );
}
