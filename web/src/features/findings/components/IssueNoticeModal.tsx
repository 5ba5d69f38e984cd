import { Alert, DatePicker, Descriptions, Form, Modal, Result } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { DownloadButton } from '../../../shared/components/DownloadButton.tsx';
import { type Finding, type Notice, noticeDocxPath, useIssueNotice } from '../findings.api.ts';

/** 下发整改通知书 for findings of one unit: the deadline (default: the latest of theirs), then the 文号. */
export function IssueNoticeModal({
  unitCode,
  findings,
  onClose,
}: {
  unitCode: string;
  findings: Finding[];
  onClose: (issued: boolean) => void;
}) {
  const issue = useIssueNotice();
  const [deadline, setDeadline] = useState<Dayjs | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const unitName = findings[0]?.unitName ?? unitCode;

  const send = () =>
    issue.mutate(
      {
        unitCode,
        findingIds: findings.map((f) => f.id),
        ...(deadline ? { deadline: deadline.format('YYYY-MM-DD') } : {}),
      },
      { onSuccess: setNotice },
    );

  return (
    <Modal
      open
      title="下发整改通知书"
      okText={notice ? '完成' : '下发'}
      cancelButtonProps={notice ? { style: { display: 'none' } } : {}}
      confirmLoading={issue.isPending}
      onOk={() => (notice ? onClose(true) : send())}
      onCancel={() => onClose(notice !== null)}
      width={600}
    >
      {notice ? (
        <Result
          status="success"
          title={`已下发整改通知书 ${notice.documentNo}`}
          subTitle={`${notice.unitName}，${notice.findings.length} 个问题，整改期限 ${notice.deadline}`}
          extra={
            <DownloadButton
              path={noticeDocxPath(notice.id)}
              filename={`整改通知书-${notice.documentNo}.docx`}
            >
              下载通知书（Word）
            </DownloadButton>
          }
        />
      ) : (
        <>
          <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
            <Descriptions.Item label="单位">{unitName}</Descriptions.Item>
            <Descriptions.Item label="问题">{findings.map((f) => f.number).join('、')}</Descriptions.Item>
          </Descriptions>
          <Form layout="vertical">
            <Form.Item label="整改期限" extra="不填则取所列问题中最晚的整改期限">
              <DatePicker value={deadline} onChange={setDeadline} style={{ width: '100%' }} />
            </Form.Item>
          </Form>
          {issue.isError && <Alert type="error" showIcon title={issue.error.message} />}
        </>
      )}
    </Modal>
  );
}
