import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import type { ReactNode } from 'react';
import {
  type Labels,
  optionsOf,
  POST_LEVELS,
  QUOTA_KINDS,
  RANKS,
  UNIT_KINDS,
} from '../../../shared/labels.ts';
import { UnitSelect } from '../../org/components/UnitSelect.tsx';
import {
  CHANGE_FIELDS,
  CHANGE_KIND_LABELS,
  CHOICES,
  type ChangeField,
  type ChangeValues,
  type FieldSpec,
  RESERVE_CHOICE,
  UNIT_FIELDS,
} from '../proposals-view.ts';

const KIND_OPTIONS = optionsOf(CHANGE_KIND_LABELS);

const ENUMERATIONS: Partial<Record<ChangeField, Labels>> = {
  quotaKind: QUOTA_KINDS,
  level: POST_LEVELS,
  rank: RANKS,
  newKind: UNIT_KINDS,
  ...CHOICES,
};

/** The input of one field, labelled `第 n 项<label>` for screen readers and tests. */
function FieldInput({
  spec,
  kind,
  ariaLabel,
  ...control
}: {
  spec: FieldSpec;
  kind: string;
  ariaLabel: string;
  /** `value` and `onChange`, given by the Form.Item. */
  [control: string]: unknown;
}): ReactNode {
  const { field } = spec;
  if (UNIT_FIELDS.includes(field))
    return (
      <UnitSelect
        ariaLabel={ariaLabel}
        {...control}
        extra={field === 'quotaTo' ? [RESERVE_CHOICE] : undefined}
      />
    );
  const labels = ENUMERATIONS[field];
  if (labels)
    return (
      <Select aria-label={ariaLabel} {...control} options={optionsOf(labels)} allowClear={spec.optional} />
    );
  if (field === 'amount')
    return (
      <InputNumber
        aria-label={ariaLabel}
        {...control}
        precision={0}
        min={kind === 'posts' ? -100 : 1}
        max={kind === 'posts' ? 100 : 100_000}
        style={{ width: '100%' }}
      />
    );
  if (field === 'dutyId')
    return (
      <InputNumber aria-label={ariaLabel} {...control} precision={0} min={1} style={{ width: '100%' }} />
    );
  if (field === 'functions' || field === 'divisions')
    return (
      <Input.TextArea
        aria-label={ariaLabel}
        {...control}
        rows={3}
        maxLength={field === 'functions' ? 20_000 : 5_000}
      />
    );
  return <Input aria-label={ariaLabel} {...control} maxLength={200} />;
}

function ChangeFields({ index }: { index: number }) {
  const kind = Form.useWatch<ChangeValues['kind']>(['changes', index, 'kind']);
  const n = index + 1;
  return (
    <Row gutter={12}>
      <Col xs={24} md={8}>
        <Form.Item
          name={[index, 'kind']}
          label="事项类别"
          rules={[{ required: true, message: '请选择调整事项的类别' }]}
        >
          <Select
            aria-label={`第 ${n} 项事项类别`}
            options={KIND_OPTIONS}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
      </Col>
      {kind &&
        CHANGE_FIELDS[kind].map((spec) => {
          const wide = spec.field === 'functions' || spec.field === 'divisions';
          return (
            <Col key={spec.field} xs={24} md={wide ? 24 : 8}>
              <Form.Item
                name={[index, spec.field]}
                label={spec.label}
                rules={
                  spec.optional
                    ? []
                    : [
                        {
                          required: true,
                          ...(wide || spec.field === 'name' ? { whitespace: true } : {}),
                          message: `请填写${spec.label}`,
                        },
                      ]
                }
              >
                <FieldInput spec={spec} kind={kind} ariaLabel={`第 ${n} 项${spec.label}`} />
              </Form.Item>
            </Col>
          );
        })}
    </Row>
  );
}

/** The changes of a proposal (动议 or 修改后同意): each a kind and the fields it asks for. */
export function ChangeList() {
  return (
    <Form.List
      name="changes"
      rules={[
        {
          validator: async (_, changes?: unknown[]) => {
            if (!changes || changes.length === 0) throw new Error('至少填写一项调整事项');
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map((field, index) => (
            <Card
              key={field.key}
              size="small"
              title={`第 ${index + 1} 项`}
              style={{ marginBottom: 12 }}
              extra={
                fields.length > 1 && (
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={`删除第 ${index + 1} 项`}
                    onClick={() => remove(field.name)}
                  />
                )
              }
            >
              <ChangeFields index={field.name} />
            </Card>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block>
            增加调整事项
          </Button>
          <Form.ErrorList errors={errors} />
        </>
      )}
    </Form.List>
  );
}
