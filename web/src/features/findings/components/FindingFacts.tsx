import { Descriptions, Typography } from 'antd';
import { Link } from 'react-router';
import type { FindingDetail } from '../findings.api.ts';
import { FINDING_SOURCE_LABELS } from '../findings-view.ts';
import { SeverityTag, StateTag } from './StateTag.tsx';

/** The facts of a finding: where it is, where it came from, how grave, by when and who answers for it. */
export function FindingFacts({ finding }: { finding: FindingDetail }) {
  const source = FINDING_SOURCE_LABELS[finding.source] ?? finding.source;
  return (
    <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }}>
      <Descriptions.Item label="状态">
        <StateTag state={finding.state} overdue={finding.overdue} />
      </Descriptions.Item>
      <Descriptions.Item label="问题单位">
        {finding.unitCode ? (
          <Link to={`/org/units/${encodeURIComponent(finding.unitCode)}`}>
            {finding.unitName ?? finding.unitCode}
          </Link>
        ) : (
          '—'
        )}
      </Descriptions.Item>
      <Descriptions.Item label="问题来源">
        {source}
        {finding.warningId !== null &&
          `（预警 #${finding.warningId}${finding.rule ? `，${finding.rule}` : ''}）`}
        {finding.sourceRef && `（${finding.sourceRef}）`}
      </Descriptions.Item>
      <Descriptions.Item label="问题类别">{finding.category}</Descriptions.Item>
      <Descriptions.Item label="严重程度">
        <SeverityTag severity={finding.severity} />
      </Descriptions.Item>
      <Descriptions.Item label="整改期限">
        {finding.overdue ? (
          <Typography.Text type="danger" strong>
            {finding.deadline}（已逾期）
          </Typography.Text>
        ) : (
          finding.deadline
        )}
      </Descriptions.Item>
      <Descriptions.Item label="整改责任人">{finding.responsibleName ?? '未指定'}</Descriptions.Item>
      <Descriptions.Item label="登记人">{finding.registeredByName}</Descriptions.Item>
      <Descriptions.Item label="登记日期">{finding.registeredOn}</Descriptions.Item>
      {finding.state === 'deferred' && (
        <Descriptions.Item label="暂缓" span="filled">
          暂缓至 {finding.deferredUntil}：{finding.deferredReason}
        </Descriptions.Item>
      )}
      {finding.closedOn && <Descriptions.Item label="销号日期">{finding.closedOn}</Descriptions.Item>}
      <Descriptions.Item label="问题描述" span="filled">
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
          {finding.description}
        </Typography.Paragraph>
      </Descriptions.Item>
      <Descriptions.Item label="整改措施" span="filled">
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
          {finding.measures ?? '尚未报送'}
        </Typography.Paragraph>
      </Descriptions.Item>
    </Descriptions>
  );
}
