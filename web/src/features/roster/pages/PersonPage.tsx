import { Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { QueryState } from '../../../shared/components/states.tsx';
import { useAsOf } from '../../../shared/hooks/use-as-of.ts';
import { ageOn } from '../../../shared/as-of.ts';
import {
  CATEGORIES,
  ENTRY_TYPES,
  EXIT_TYPES,
  GENDERS,
  labelOf,
  POST_LEVELS,
  QUOTA_KINDS,
  RANKS,
  RETIREMENT_GROUPS,
  SEAT_STATUSES,
} from '../../../shared/labels.ts';
import { type PersonDetail, type PersonSeat, type PersonSecondment, usePerson } from '../roster.api.ts';

function PersonView({ person, asOf }: { person: PersonDetail; asOf: string }) {
  const { link } = useAsOf();
  const unitLink = (code: string, name: string | null | undefined) => (
    <Link to={link(`/org/units/${encodeURIComponent(code)}`)}>{name ?? code}</Link>
  );
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {person.name}
        </Typography.Title>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'gender', label: '性别', children: labelOf(GENDERS, person.gender) },
            {
              key: 'birth',
              label: '出生日期',
              children: `${person.birthDate}（${ageOn(person.birthDate, asOf)} 岁）`,
            },
            { key: 'id', label: '公民身份号码', children: person.idNumber ?? person.idMasked },
            {
              key: 'retirement',
              label: '退休类别',
              children: labelOf(RETIREMENT_GROUPS, person.retirementGroup),
            },
            { key: 'education', label: '学历', children: person.education ?? '—' },
            { key: 'major', label: '专业', children: person.major ?? '—' },
            { key: 'ethnicity', label: '民族', children: person.ethnicity ?? '—' },
            { key: 'political', label: '政治面貌', children: person.politicalStatus ?? '—' },
            { key: 'title', label: '职称', children: person.title ?? '—' },
          ]}
        />
      </Card>
      <Card title="编制记录（入编、调动、出编）">
        <Table<PersonSeat>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={person.seats}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: '编制所在单位', key: 'unit', render: (_, s) => unitLink(s.unitCode, s.unitName) },
            { title: '编制类型', key: 'kind', render: (_, s) => labelOf(QUOTA_KINDS, s.quotaKind) },
            { title: '人员类别', key: 'category', render: (_, s) => labelOf(CATEGORIES, s.category) },
            { title: '入编时间', dataIndex: 'enteredOn' },
            { title: '进入方式', key: 'entry', render: (_, s) => labelOf(ENTRY_TYPES, s.entryType) },
            { title: '出编时间', key: 'exited', render: (_, s) => s.exitedOn ?? '—' },
            { title: '出编方式', key: 'exit', render: (_, s) => labelOf(EXIT_TYPES, s.exitType) },
            { title: '在岗状态', key: 'status', render: (_, s) => labelOf(SEAT_STATUSES, s.status) },
            {
              title: '截至日期',
              key: 'active',
              render: (_, s) => (s.active ? <Tag color="green">在编</Tag> : <Tag>不在编</Tag>),
            },
          ]}
          expandable={{
            rowExpandable: (s) => s.posts.length > 0,
            expandedRowRender: (s) => (
              <Table
                size="small"
                pagination={false}
                rowKey={(p) => `${p.validFrom ?? 'start'}-${p.level ?? 'none'}`}
                dataSource={s.posts}
                columns={[
                  { title: '自', key: 'from', render: (_, p) => p.validFrom ?? '入编时' },
                  { title: '领导职务', key: 'level', render: (_, p) => labelOf(POST_LEVELS, p.level) },
                  { title: '职务层次', key: 'rank', render: (_, p) => labelOf(RANKS, p.rank) },
                  {
                    title: '任职机构',
                    key: 'unit',
                    render: (_, p) => (p.unitCode ? unitLink(p.unitCode, null) : '—'),
                  },
                ]}
              />
            ),
          }}
        />
      </Card>
      <Card title="借调">
        <Table<PersonSecondment>
          size="small"
          rowKey={(x) => `${x.fromUnitCode}-${x.toUnitCode}-${x.startOn}`}
          pagination={false}
          dataSource={person.secondments}
          locale={{ emptyText: '无借调记录' }}
          columns={[
            { title: '派出单位', key: 'from', render: (_, x) => unitLink(x.fromUnitCode, x.fromUnitName) },
            { title: '借入单位', key: 'to', render: (_, x) => unitLink(x.toUnitCode, x.toUnitName) },
            { title: '开始日期', dataIndex: 'startOn' },
            { title: '约定结束日期', dataIndex: 'endOn' },
            { title: '实际结束日期', key: 'returned', render: (_, x) => x.returnedOn ?? '—' },
          ]}
        />
      </Card>
    </Space>
  );
}

/** 人员详情: one person's seats over time, the posts held in each, and secondments. */
export function PersonPage() {
  const { id = '' } = useParams();
  const { asOf } = useAsOf();
  const person = usePerson(id, asOf);
  return (
    <QueryState query={person} what="人员详情" rows={8}>
      {(data) => <PersonView person={data} asOf={asOf} />}
    </QueryState>
  );
}
