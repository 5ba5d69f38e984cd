import { FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { ErrorResult } from '../../../shared/components/states.tsx';
import { useCan, useUser } from '../../auth/session.tsx';
import { FindingFilters } from '../components/FindingFilters.tsx';
import { FindingSummary } from '../components/FindingSummary.tsx';
import { FindingTable } from '../components/FindingTable.tsx';
import { IssueNoticeModal } from '../components/IssueNoticeModal.tsx';
import { NoticeList } from '../components/NoticeList.tsx';
import { RegisterFindingForm } from '../components/RegisterFindingForm.tsx';
import { type Finding, type FindingFilter, useFindings } from '../findings.api.ts';
import { noticeTarget } from '../findings-view.ts';

/** A positive whole number from the URL, or undefined. */
function idParam(value: string | null): number | undefined {
  const id = Number(value);
  return Number.isInteger(id) && id > 0 ? id : undefined;
}

/**
 * 问题台账: counts on top, the filtered ledger, 登记问题 (also opened by `/findings/new?warningId=N`
 * from the warnings pages), and 下发整改通知书 for the ticked findings of one unit.
 */
export function FindingsPage() {
  const user = useUser();
  const manage = useCan('findings.manage');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [params] = useSearchParams();
  const [filter, setFilter] = useState<FindingFilter>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [selected, setSelected] = useState<Finding[]>([]);
  const [issuing, setIssuing] = useState(false);
  const findings = useFindings(filter, page, pageSize);
  const registering = manage && /^\/findings\/new\/?$/.test(pathname);
  const target = noticeTarget(selected);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <FindingSummary />
      </Card>
      <Card
        title="问题台账"
        extra={
          manage && (
            <Space>
              <Tooltip title={'problem' in target ? target.problem : undefined}>
                <Button
                  icon={<FileWordOutlined />}
                  disabled={'problem' in target}
                  onClick={() => setIssuing(true)}
                >
                  下发整改通知书
                </Button>
              </Tooltip>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/findings/new')}>
                登记问题
              </Button>
            </Space>
          )
        }
      >
        <FindingFilters
          filter={filter}
          showUnit={!user.unitCode}
          onChange={(next) => (setFilter(next), setPage(1))}
        />
        {findings.isError ? (
          <ErrorResult error={findings.error} what="问题台账" onRetry={() => void findings.refetch()} />
        ) : (
          <FindingTable
            findings={findings.data?.items ?? []}
            total={findings.data?.total ?? 0}
            page={page}
            pageSize={pageSize}
            loading={findings.isFetching}
            onPage={(next, size) => (setPage(next), setPageSize(size))}
            selection={manage ? { selected, onChange: setSelected } : undefined}
          />
        )}
      </Card>
      <NoticeList />
      <RegisterFindingForm
        open={registering}
        warningId={idParam(params.get('warningId'))}
        onClose={() => void navigate('/findings')}
        onRegistered={(finding) => {
          void message.success(`已登记问题 ${finding.number}`);
          void navigate(`/findings/${finding.id}`);
        }}
      />
      {issuing && 'unitCode' in target && (
        <IssueNoticeModal
          unitCode={target.unitCode}
          findings={selected}
          onClose={(issued) => {
            setIssuing(false);
            if (issued) setSelected([]);
          }}
        />
      )}
    </Space>
  );
}
