import { Button, Col, Descriptions, Form, Input, InputNumber, Row } from 'antd';
import { type AppraisalInput, type Proposal, useAppraise } from '../proposals.api.ts';
import { APPRAISAL_CRITERIA, APPRAISAL_CRITERION_LABELS } from '../proposals-view.ts';
import { ActionError } from './ActionError.tsx';

/** 论证 as recorded: each criterion's score and opinion. */
export function AppraisalView({ proposal }: { proposal: Proposal }) {
  if (!proposal.appraisal) return null;
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      items={APPRAISAL_CRITERIA.map((c) => {
        const entry = proposal.appraisal?.[c];
        return {
          key: c,
          label: APPRAISAL_CRITERION_LABELS[c],
          children: entry ? `${entry.score} 分 · ${entry.opinion}` : '—',
        };
      })}
    />
  );
}

/** 论证: 合理性、必要性、可行性, each a score 0–100 and an opinion; may be recorded again before the decision. */
export function AppraisalForm({ proposal }: { proposal: Proposal }) {
  const appraise = useAppraise(proposal.id);
  return (
    <Form<AppraisalInput>
      name="appraisal"
      layout="vertical"
      initialValues={proposal.appraisal ?? undefined}
      onFinish={(values) =>
        appraise.mutate(
          Object.fromEntries(
            APPRAISAL_CRITERIA.map((c) => [c, { score: values[c].score, opinion: values[c].opinion.trim() }]),
          ) as AppraisalInput,
        )
      }
    >
      {APPRAISAL_CRITERIA.map((c) => {
        const label = APPRAISAL_CRITERION_LABELS[c];
        return (
          <Row key={c} gutter={12}>
            <Col xs={24} md={6}>
              <Form.Item
                label={`${label}评分`}
                name={[c, 'score']}
                rules={[{ required: true, message: `请给出${label}评分` }]}
              >
                <InputNumber
                  aria-label={`${label}评分`}
                  min={0}
                  max={100}
                  precision={0}
                  style={{ width: '100%' }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={18}>
              <Form.Item
                label={`${label}意见`}
                name={[c, 'opinion']}
                rules={[{ required: true, whitespace: true, message: `请填写${label}意见` }]}
              >
                <Input.TextArea aria-label={`${label}意见`} rows={1} autoSize maxLength={5000} />
              </Form.Item>
            </Col>
          </Row>
        );
      })}
      <Button type="primary" htmlType="submit" loading={appraise.isPending}>
        {proposal.appraisal ? '更新论证' : '记录论证'}
      </Button>
      <ActionError error={appraise.error} title="未能记录论证" />
    </Form>
  );
}
