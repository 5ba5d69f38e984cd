import { Card, Col, Descriptions, List, Row, Space, Steps, Typography } from 'antd';
import { useParams } from 'react-router';
import { NotFoundResult, QueryState } from '../../../shared/components/states.tsx';
import { useUser } from '../../auth/session.tsx';
import { useUnitNames } from '../../flows/flows.api.ts';
import { AppraisalForm, AppraisalView } from '../components/AppraisalPanel.tsx';
import { Checklist } from '../components/Checklist.tsx';
import { ConsultationPanel } from '../components/ConsultationPanel.tsx';
import { DecisionForm } from '../components/DecisionPanel.tsx';
import { FilesPanel } from '../components/FilesPanel.tsx';
import { ImplementPanel } from '../components/ImplementPanel.tsx';
import { ProposalTimeline } from '../components/ProposalTimeline.tsx';
import { StateTag } from '../components/StateTag.tsx';
import { type Proposal, type ProposalDetail, useProposal } from '../proposals.api.ts';
import {
  DECISION_OUTCOME_LABELS,
  PROCESS_STEP_LABELS,
  PROCESS_STEPS,
  progressOf,
  tasksFor,
  withUnitNames,
} from '../proposals-view.ts';

function Facts({ proposal }: { proposal: Proposal }) {
  const decided = proposal.outcome !== null;
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2, xl: 3 }}
      items={[
        { key: 'sponsor', label: '提出单位', children: proposal.sponsorUnitName ?? '编办' },
        { key: 'submitted', label: '动议', children: `${proposal.submittedOn} · ${proposal.submittedBy}` },
        { key: 'appraised', label: '论证日期', children: proposal.appraisedOn ?? '—' },
        { key: 'reason', label: '动议理由', span: 'filled', children: proposal.reason },
        ...(decided
          ? [
              {
                key: 'outcome',
                label: '审议结果',
                children: DECISION_OUTCOME_LABELS[proposal.outcome!],
              },
              {
                key: 'meeting',
                label: '会议',
                children: `${proposal.meeting ?? '—'}（${proposal.decidedOn ?? ''}）`,
              },
              { key: 'documentNo', label: '决定文号', children: proposal.documentNo ?? '—' },
            ]
          : []),
        ...(proposal.decisionNote
          ? [{ key: 'note', label: '决定说明', children: proposal.decisionNote }]
          : []),
        ...(proposal.effectiveOn
          ? [{ key: 'effective', label: '生效日期', children: proposal.effectiveOn }]
          : []),
      ]}
    />
  );
}

function Changes({ detail }: { detail: ProposalDetail }) {
  const nameOf = useUnitNames();
  return (
    <>
      <List
        size="small"
        aria-label="调整事项"
        dataSource={detail.changes}
        renderItem={(c) => (
          <List.Item data-testid="proposal-change">
            第 {c.seq} 项（{c.label}）：{withUnitNames(c.summary, nameOf)}
          </List.Item>
        )}
      />
      {detail.superseded.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          修改前的事项：{detail.superseded.map((c) => withUnitNames(c.summary, nameOf)).join('；')}
        </Typography.Paragraph>
      )}
    </>
  );
}

function ProposalView({ detail }: { detail: ProposalDetail }) {
  const user = useUser();
  const { proposal } = detail;
  const tasks = tasksFor(proposal.state, user.permissions);
  const progress = progressOf(proposal.state);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {proposal.title}
            </Typography.Title>
            <Typography.Text type="secondary">{proposal.number}</Typography.Text>
            <StateTag state={proposal.state} />
          </Space>
        }
      >
        <Steps
          aria-label="办理环节"
          current={progress.current}
          status={progress.status}
          items={PROCESS_STEPS.map((step) => ({ title: PROCESS_STEP_LABELS[step] }))}
          style={{ marginBottom: 24 }}
        />
        <Facts proposal={proposal} />
      </Card>
      <Card title="调整事项" size="small">
        <Changes detail={detail} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title="论证" size="small">
            {tasks.includes('appraise') ? (
              <AppraisalForm proposal={proposal} />
            ) : (
              <AppraisalView proposal={proposal} />
            )}
            {!proposal.appraisal && !tasks.includes('appraise') && (
              <Typography.Text type="secondary">尚未论证</Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card title="征求部门意见" size="small">
              <ConsultationPanel
                proposalId={proposal.id}
                consultations={detail.consultations}
                canRecord={tasks.includes('consult')}
              />
            </Card>
            <Card title="调研报告等材料" size="small">
              <FilesPanel
                proposalId={proposal.id}
                files={detail.files}
                canUpload={tasks.includes('upload')}
              />
            </Card>
          </Space>
        </Col>
      </Row>
      {tasks.includes('decide') && (
        <Card title="审议决定" size="small">
          <DecisionForm detail={detail} />
        </Card>
      )}
      {tasks.includes('implement') && (
        <Card title="组织实施" size="small">
          <ImplementPanel proposalId={proposal.id} />
        </Card>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={`过程检查（缺项 ${proposal.missingAspects} 项）`} size="small">
            <Checklist
              proposalId={proposal.id}
              checklist={detail.checklist}
              canCheck={tasks.includes('check')}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title="全程记录" size="small">
            <ProposalTimeline events={detail.events} />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}

/** 动议事项详情: the changes, where it stands, and each step's record and action. */
export function ProposalPage() {
  const id = Number(useParams().id);
  if (!Number.isInteger(id) || id <= 0) return <NotFoundResult title="未找到" detail="动议事项编号无效" />;
  return <ProposalLoader id={id} />;
}

function ProposalLoader({ id }: { id: number }) {
  const proposal = useProposal(id);
  return (
    <QueryState query={proposal} what="动议事项" rows={10}>
      {(data) => <ProposalView detail={data} />}
    </QueryState>
  );
}
