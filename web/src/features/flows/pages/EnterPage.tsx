import { Button, Card, DatePicker, Form, Input, Radio, Result, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { todayInChina } from '../../../shared/as-of.ts';
import { CATEGORIES, labelOf, optionsOf, QUOTA_KINDS } from '../../../shared/labels.ts';
import { useCan } from '../../auth/session.tsx';
import { useGrantableOptions } from '../components/GrantApprovalModal.tsx';
import { OverrideSection, RefusalAlert } from '../components/RefusalAlert.tsx';
import {
  type Entered,
  type EnterInput,
  type Override,
  useApprovals,
  useEnter,
  usePlans,
  useUnitNames,
} from '../flows.api.ts';
import { categoriesFor, CHANNEL_LABELS, idNumberProblem, type Refusal, refusalOf } from '../flows-view.ts';

type Basis = 'approval' | 'planLine';

interface Values {
  basis: Basis;
  approvalId?: number;
  planLineId?: number;
  idNumber?: string;
  name?: string;
  category?: string;
  enteredOn?: Dayjs;
  education?: string;
  documentNo?: string;
}

function positive(value: string | null): number | undefined {
  const id = Number(value);
  return Number.isInteger(id) && id > 0 ? id : undefined;
}

/** The quota kind the hire will take: the chosen approval's, or the chosen plan line's. */
function useKindOf(values: { basis?: Basis; approvalId?: number; planLineId?: number }) {
  const approvals = useApprovals({ state: 'reserved' });
  const plans = usePlans({ state: 'approved', year: Number(todayInChina().slice(0, 4)) });
  return useMemo(() => {
    if (values.basis === 'approval')
      return approvals.data?.find((a) => a.id === values.approvalId)?.quotaKind;
    return plans.data?.flatMap((p) => p.lines).find((l) => l.id === values.planLineId)?.quotaKind;
  }, [values.basis, values.approvalId, values.planLineId, approvals.data, plans.data]);
}

function EnteredResult({ entered, name, onNext }: { entered: Entered; name: string; onNext: () => void }) {
  const unitName = useUnitNames();
  return (
    <Result
      status="success"
      title={`${name} 已入编`}
      subTitle={`${unitName(entered.unitCode)}，席位 #${entered.seatId}${
        entered.approvalNumber ? `，用编核准 ${entered.approvalNumber}` : ''
      }`}
      extra={
        <Space wrap>
          <Link to={`/org/units/${encodeURIComponent(entered.unitCode)}`}>
            <Button type="primary">查看单位编制情况</Button>
          </Link>
          {entered.findingId !== null && (
            <Link to={`/findings/${entered.findingId}`}>
              <Button>查看登记的问题</Button>
            </Link>
          )}
          <Button onClick={onNext}>继续办理入编</Button>
        </Space>
      }
    />
  );
}

/**
 * 入编: a person seated on a reserved 用编核准 (or on one granted from a plan line at once). The
 * server checks the rules first (超编、一人多编、混编混岗…); a refusal shows its explanation, and a user
 * with the override permission may then let it through with a reason and a document.
 */
export function EnterPage() {
  const [params] = useSearchParams();
  const canOverride = useCan('flows.override');
  const [form] = Form.useForm<Values>();
  const basis = Form.useWatch('basis', form) ?? 'approval';
  const approvalId = Form.useWatch('approvalId', form);
  const planLineId = Form.useWatch('planLineId', form);
  const kind = useKindOf({ basis, approvalId, planLineId });
  const approvals = useApprovals({ state: 'reserved' });
  const unitName = useUnitNames();
  const lines = useGrantableOptions();
  const enter = useEnter();
  const [sent, setSent] = useState<EnterInput | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [entered, setEntered] = useState<Entered | null>(null);
  const today = todayInChina();
  // The usual category of the kind, until the user picks one.
  useEffect(() => {
    if (kind && !form.getFieldValue('category')) form.setFieldValue('category', categoriesFor(kind)[0]);
  }, [kind, form]);

  const approvalOptions = (approvals.data ?? []).map((a) => ({
    value: a.id,
    label: `${a.number} · ${unitName(a.unitCode)} · ${labelOf(QUOTA_KINDS, a.quotaKind)} · ${labelOf(
      CHANNEL_LABELS,
      a.channel,
    )}${a.personName ? ` · ${a.personName}` : ''}`,
  }));

  const send = (input: EnterInput) => {
    setSent(input);
    setRefusal(null);
    enter.mutate(input, { onSuccess: setEntered, onError: (e) => setRefusal(refusalOf(e)) });
  };

  const submit = (values: Values) =>
    send({
      ...(values.basis === 'approval'
        ? { approvalId: values.approvalId }
        : { planLineId: values.planLineId }),
      idNumber: values.idNumber!.trim().toUpperCase(),
      name: values.name!.trim(),
      category: values.category!,
      enteredOn: values.enteredOn!.format('YYYY-MM-DD'),
      education: values.education?.trim() || undefined,
      documentNo: values.documentNo?.trim() || undefined,
    });

  const withOverride = (override: Override) => sent && send({ ...sent, override });

  if (entered && sent)
    return (
      <Card title="入编">
        <EnteredResult
          entered={entered}
          name={sent.name}
          onNext={() => {
            setEntered(null);
            setSent(null);
            form.resetFields();
          }}
        />
      </Card>
    );

  const allowed = kind ? categoriesFor(kind) : [];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title="入编">
        <Form<Values>
          form={form}
          name="enter"
          layout="vertical"
          style={{ maxWidth: 720 }}
          initialValues={{
            basis: params.get('planLineId') ? 'planLine' : 'approval',
            approvalId: positive(params.get('approvalId')),
            planLineId: positive(params.get('planLineId')),
            enteredOn: dayjs(today),
          }}
          onValuesChange={(changed: Partial<Values>) => {
            if ('basis' in changed || 'approvalId' in changed || 'planLineId' in changed) setRefusal(null);
          }}
          onFinish={submit}
        >
          <Form.Item label="入编依据" name="basis">
            <Radio.Group
              optionType="button"
              options={[
                { value: 'approval', label: '用编核准' },
                { value: 'planLine', label: '用编计划（当场核准）' },
              ]}
            />
          </Form.Item>
          {basis === 'approval' ? (
            <Form.Item
              label="用编核准"
              name="approvalId"
              rules={[{ required: true, message: '请选择一份待入编的用编核准' }]}
            >
              <Select
                aria-label="用编核准"
                options={approvalOptions}
                loading={approvals.isPending}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="核准文号 · 单位 · 编制类型"
                notFoundContent="没有待入编的用编核准"
              />
            </Form.Item>
          ) : (
            <Form.Item
              label="用编计划明细"
              name="planLineId"
              rules={[{ required: true, message: '请选择已批准的用编计划明细' }]}
              extra="当场核准用编一名并入编"
            >
              <Select
                aria-label="用编计划明细"
                options={lines.options}
                loading={lines.loading}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="单位 · 编制类型 · 补充渠道"
                notFoundContent="没有可核准的用编计划"
              />
            </Form.Item>
          )}
          <Space align="start" wrap>
            <Form.Item
              label="公民身份号码"
              name="idNumber"
              validateTrigger="onBlur"
              rules={[
                { required: true, whitespace: true, message: '请填写公民身份号码' },
                {
                  validator: (_, value: string | undefined) => {
                    const problem = value ? idNumberProblem(value, today) : null;
                    return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
                  },
                },
              ]}
            >
              <Input aria-label="公民身份号码" maxLength={18} style={{ width: 240 }} />
            </Form.Item>
            <Form.Item
              label="姓名"
              name="name"
              rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}
            >
              <Input aria-label="姓名" maxLength={50} style={{ width: 160 }} />
            </Form.Item>
          </Space>
          <Space align="start" wrap>
            <Form.Item
              label="人员类别"
              name="category"
              rules={[{ required: true, message: '请选择人员类别' }]}
              extra={
                kind
                  ? `${labelOf(QUOTA_KINDS, kind)}可用：${allowed.map((c) => labelOf(CATEGORIES, c)).join('、')}`
                  : undefined
              }
            >
              <Select aria-label="人员类别" options={optionsOf(CATEGORIES)} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item
              label="入编日期"
              name="enteredOn"
              rules={[{ required: true, message: '请选择入编日期' }]}
            >
              <DatePicker aria-label="入编日期" />
            </Form.Item>
            <Form.Item label="学历" name="education">
              <Input aria-label="学历" maxLength={20} style={{ width: 140 }} placeholder="如：大学" />
            </Form.Item>
          </Space>
          <Form.Item label="入编文号" name="documentNo" extra="不填则以用编核准文号为准">
            <Input aria-label="入编文号" maxLength={200} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={enter.isPending && !sent?.override}>
            办理入编
          </Button>
        </Form>
      </Card>
      {refusal && <RefusalAlert refusal={refusal} />}
      {refusal?.overridable && canOverride && (
        <OverrideSection pending={enter.isPending} onSubmit={withOverride} />
      )}
    </Space>
  );
}
