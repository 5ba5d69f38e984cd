import { Button, Card, DatePicker, Form, Input, Result, Select, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { todayInChina } from '../../../shared/as-of.ts';
import { labelOf, optionsOf, POST_LEVELS, QUOTA_KINDS, RANKS } from '../../../shared/labels.ts';
import { ErrorResult } from '../../../shared/components/states.tsx';
import { useCan } from '../../auth/session.tsx';
import { UnitSelect } from '../../org/components/UnitSelect.tsx';
import type { RosterRow } from '../../roster/roster.api.ts';
import { OverrideSection, RefusalAlert } from '../components/RefusalAlert.tsx';
import {
  type AppointInput,
  type Appointed,
  type AppointmentStep,
  type Override,
  useAppoint,
  useAppointments,
  usePeopleNamed,
  useUnitNames,
} from '../flows.api.ts';
import {
  APPOINTMENT_STATE_COLORS,
  APPOINTMENT_STATE_LABELS,
  type Refusal,
  refusalOf,
} from '../flows-view.ts';

interface Values {
  seatId?: number;
  postLevel?: string;
  postRank?: string;
  postUnitCode?: string;
  validFrom?: Dayjs;
  documentNo?: string;
}

const personLabel = (row: RosterRow) =>
  `${row.name} · ${row.unitName ?? row.unitCode} · ${labelOf(QUOTA_KINDS, row.quotaKind)}${
    row.postLevel ? ` · 现任${labelOf(POST_LEVELS, row.postLevel)}` : ''
  }`;

/** A person in post, found by name in the roster: the value is their seat. */
function SeatPicker({
  value,
  onChange,
  onPicked,
}: {
  value?: number;
  onChange?: (seatId: number | undefined) => void;
  onPicked: (row: RosterRow | undefined) => void;
}) {
  const [name, setName] = useState('');
  const people = usePeopleNamed(name);
  const rows = people.data?.items ?? [];
  return (
    <Select
      aria-label="任职人员"
      allowClear
      showSearch={{ filterOption: false, onSearch: setName }}
      loading={people.isFetching}
      placeholder="输入姓名查找在编人员"
      notFoundContent={name.trim() ? '未找到在编人员' : '请输入姓名'}
      options={rows.map((row) => ({ value: row.seatId, label: personLabel(row) }))}
      value={value}
      onChange={(seatId: number | undefined) => {
        onChange?.(seatId);
        onPicked(rows.find((row) => row.seatId === seatId));
      }}
      style={{ width: 480 }}
      popupMatchSelectWidth={false}
    />
  );
}

/** 任职 requests: awaiting 组织部 (their post held), written (已任职), or returned (nothing written). */
function AppointmentList() {
  const appointments = useAppointments();
  const unitName = useUnitNames();
  if (appointments.isError)
    return (
      <ErrorResult
        error={appointments.error}
        what="任职办理情况"
        onRetry={() => void appointments.refetch()}
      />
    );
  return (
    <Table<AppointmentStep>
      aria-label="任职办理情况"
      size="small"
      rowKey="id"
      loading={appointments.isFetching}
      dataSource={appointments.data ?? []}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: '暂无任职' }}
      pagination={{ pageSize: 20, showTotal: (total) => `共 ${total} 件`, hideOnSinglePage: true }}
      columns={[
        { title: '姓名', dataIndex: 'personName', render: (v: string | null) => v ?? '—' },
        { title: '单位', key: 'unit', render: (_, a) => unitName(a.unitCode) },
        {
          title: '领导职务',
          key: 'post',
          render: (_, a) =>
            `${labelOf(POST_LEVELS, a.postLevel ?? '')}${a.postRank ? `（${labelOf(RANKS, a.postRank)}）` : ''}`,
        },
        { title: '任职日期', dataIndex: 'effectiveOn' },
        { title: '任免文号', dataIndex: 'documentNo', render: (v: string | null) => v ?? '—' },
        {
          title: '状态',
          dataIndex: 'transactionState',
          render: (state: string) => (
            <Tag color={APPOINTMENT_STATE_COLORS[state] ?? 'default'}>
              {labelOf(APPOINTMENT_STATE_LABELS, state)}
            </Tag>
          ),
        },
        { title: '组织部意见', dataIndex: 'note', render: (v: string | null) => v ?? '—' },
      ]}
    />
  );
}

/**
 * 任职: a person in post appointed to a leadership post from a date, on the appointment document.
 * The server refuses one past the unit's posts (超职数) or above its rank (超规格) with the rule's
 * explanation; a user with the override permission may then let it through. An accepted request
 * awaits 组织部 (待组织部审批), holding its post, and is written when 组织部 confirms it.
 */
export function AppointPage() {
  const canOverride = useCan('flows.override');
  const [form] = Form.useForm<Values>();
  const appoint = useAppoint();
  const [person, setPerson] = useState<RosterRow | undefined>();
  const [sent, setSent] = useState<AppointInput | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [appointed, setAppointed] = useState<Appointed | null>(null);

  const send = (input: AppointInput) => {
    setSent(input);
    setRefusal(null);
    appoint.mutate(input, { onSuccess: setAppointed, onError: (e) => setRefusal(refusalOf(e)) });
  };

  const submit = (values: Values) =>
    send({
      seatId: values.seatId!,
      postLevel: values.postLevel!,
      postRank: values.postRank!,
      postUnitCode: values.postUnitCode || undefined,
      validFrom: values.validFrom!.format('YYYY-MM-DD'),
      documentNo: values.documentNo!.trim(),
    });

  if (appointed && sent)
    return (
      <Card title="任职">
        <Result
          status="info"
          title={`${person?.name ?? `席位 #${sent.seatId}`} 拟任${labelOf(POST_LEVELS, sent.postLevel)}（${labelOf(
            RANKS,
            sent.postRank,
          )}），待组织部审批`}
          subTitle={`自 ${sent.validFrom} 起，文号 ${sent.documentNo}；组织部确认后写入，期间占用该职数`}
          extra={
            <Space wrap>
              {person && (
                <Link to={`/roster/persons/${person.personId}`}>
                  <Button type="primary">查看人员</Button>
                </Link>
              )}
              {appointed.findingId !== null && (
                <Link to={`/findings/${appointed.findingId}`}>
                  <Button>查看登记的问题</Button>
                </Link>
              )}
              <Button
                onClick={() => {
                  setAppointed(null);
                  setSent(null);
                  setPerson(undefined);
                }}
              >
                继续办理任职
              </Button>
            </Space>
          }
        />
      </Card>
    );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title="任职">
        <Form<Values>
          form={form}
          name="appoint"
          layout="vertical"
          style={{ maxWidth: 720 }}
          initialValues={{ validFrom: dayjs(todayInChina()) }}
          onValuesChange={() => setRefusal(null)}
          onFinish={submit}
        >
          <Form.Item label="任职人员" name="seatId" rules={[{ required: true, message: '请选择任职人员' }]}>
            <SeatPicker onPicked={setPerson} />
          </Form.Item>
          <Space align="start" wrap>
            <Form.Item
              label="领导职务"
              name="postLevel"
              rules={[{ required: true, message: '请选择领导职务' }]}
            >
              <Select aria-label="领导职务" options={optionsOf(POST_LEVELS)} style={{ width: 180 }} />
            </Form.Item>
            <Form.Item
              label="职务层次"
              name="postRank"
              rules={[{ required: true, message: '请选择职务层次' }]}
            >
              <Select aria-label="职务层次" options={optionsOf(RANKS)} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item
              label="任职日期"
              name="validFrom"
              rules={[{ required: true, message: '请选择任职日期' }]}
            >
              <DatePicker aria-label="任职日期" />
            </Form.Item>
          </Space>
          <Form.Item
            label="任职机构"
            name="postUnitCode"
            extra={`不选则为编制所在单位${person ? `（${person.unitName ?? person.unitCode}）` : ''}；任内设机构职务时选择内设机构`}
          >
            <UnitSelect ariaLabel="任职机构" divisions style={{ width: 360 }} />
          </Form.Item>
          <Form.Item
            label="任免文号"
            name="documentNo"
            rules={[{ required: true, whitespace: true, message: '请填写任免文件文号' }]}
          >
            <Input aria-label="任免文号" maxLength={200} style={{ width: 360 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={appoint.isPending && !sent?.override}>
            办理任职
          </Button>
        </Form>
      </Card>
      {refusal && <RefusalAlert refusal={refusal} />}
      {refusal?.overridable && canOverride && (
        <OverrideSection
          pending={appoint.isPending}
          onSubmit={(override: Override) => sent && send({ ...sent, override })}
        />
      )}
      <Card title="任职办理情况">
        <AppointmentList />
      </Card>
    </Space>
  );
}
