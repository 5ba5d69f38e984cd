import { Card, Col, Row, Space, Typography } from 'antd';
import { useParams } from 'react-router';
import { NotFoundResult, QueryState } from '../../../shared/components/states.tsx';
import { useUser } from '../../auth/session.tsx';
import { EvidenceList } from '../components/EvidenceList.tsx';
import { FindingFacts } from '../components/FindingFacts.tsx';
import { FindingTimeline } from '../components/FindingTimeline.tsx';
import { RectificationPanel } from '../components/RectificationPanel.tsx';
import { ReviewPanel } from '../components/ReviewPanel.tsx';
import { type FindingDetail, useFinding } from '../findings.api.ts';
import { tasksFor } from '../findings-view.ts';

function FindingView({ finding }: { finding: FindingDetail }) {
  const user = useUser();
  const tasks = tasksFor(finding.state, user.permissions);
  const reviewing = tasks.some((t) => t !== 'rectify');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Typography.Title level={3} style={{ margin: 0 }}>{`问题 ${finding.number}`}</Typography.Title>
        }
      >
        <FindingFacts finding={finding} />
      </Card>
      {tasks.includes('rectify') && (
        <Card title="整改" size="small">
          {/* Keyed by state so the measures box starts from what was last saved. */}
          <RectificationPanel key={finding.state} finding={finding} />
        </Card>
      )}
      {reviewing && (
        <Card title="核验与处理" size="small">
          <ReviewPanel finding={finding} tasks={tasks} />
        </Card>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card title="办理经过" size="small">
            <FindingTimeline events={finding.events} />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title="佐证材料" size="small">
            <EvidenceList findingId={finding.id} evidence={finding.evidence} />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}

/** 问题详情: the facts, what the caller may do in the finding's state, its history and evidence. */
export function FindingPage() {
  const id = Number(useParams().id);
  if (!Number.isInteger(id) || id <= 0) return <NotFoundResult title="未找到" detail="问题编号无效" />;
  return <FindingLoader id={id} />;
}

function FindingLoader({ id }: { id: number }) {
  const finding = useFinding(id);
  return (
    <QueryState query={finding} what="问题详情" rows={10}>
      {(data) => <FindingView finding={data} />}
    </QueryState>
  );
}
