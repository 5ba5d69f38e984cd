import { Table, Tag } from 'antd';
import { useMemo } from 'react';
import { QueryState } from '../../../shared/components/states.tsx';
import { labelOf, POST_LEVELS, QUOTA_KINDS } from '../../../shared/labels.ts';
import { usePostLedger, useQuotaLedger } from '../establishment.api.ts';
import { type LedgerEntry, type LedgerRow, ledgerRows, signedAmount } from '../ledger.ts';

function LedgerTable<E extends LedgerEntry>({
  entries,
  keyOf,
  kindTitle,
  kindLabel,
  asOf,
  empty,
}: {
  entries: E[];
  keyOf: (entry: E) => string;
  kindTitle: string;
  kindLabel: (key: string) => string;
  asOf: string;
  empty: string;
}) {
  const rows = useMemo(() => ledgerRows(entries, keyOf, asOf), [entries, keyOf, asOf]);
  return (
    <Table<LedgerRow<E>>
      size="small"
      rowKey={(row) => row.entry.id}
      dataSource={rows}
      pagination={rows.length > 20 ? { pageSize: 20 } : false}
      locale={{ emptyText: empty }}
      rowClassName={(row) => (row.pending ? 'row-pending' : '')}
      columns={[
        { title: '生效日期', key: 'effectiveOn', render: (_, row) => row.entry.effectiveOn },
        { title: kindTitle, key: 'kind', render: (_, row) => kindLabel(keyOf(row.entry)) },
        {
          title: '增减',
          key: 'amount',
          align: 'right',
          render: (_, row) =>
            row.baseline ? `${row.entry.amount}（基数）` : signedAmount(row.entry.amount, false),
        },
        { title: '累计核定', key: 'total', align: 'right', render: (_, row) => row.runningTotal },
        { title: '文号', key: 'documentNo', render: (_, row) => row.entry.documentNo },
        {
          title: '',
          key: 'pending',
          render: (_, row) => (row.pending ? <Tag>截至日期后生效</Tag> : null),
        },
      ]}
    />
  );
}

const byKind = (entry: { kind: string }) => entry.kind;
const byLevel = (entry: { level: string }) => entry.level;

export function QuotaLedgerTable({ code, asOf }: { code: string; asOf: string }) {
  const ledger = useQuotaLedger(code);
  return (
    <QueryState query={ledger} what="编制台账" rows={3}>
      {(data) => (
        <LedgerTable
          entries={data.entries}
          keyOf={byKind}
          kindTitle="编制类型"
          kindLabel={(key) => labelOf(QUOTA_KINDS, key)}
          asOf={asOf}
          empty="编制台账无记录"
        />
      )}
    </QueryState>
  );
}

export function PostLedgerTable({ code, asOf }: { code: string; asOf: string }) {
  const ledger = usePostLedger(code);
  return (
    <QueryState query={ledger} what="领导职数台账" rows={3}>
      {(data) => (
        <LedgerTable
          entries={data.entries}
          keyOf={byLevel}
          kindTitle="职数类别"
          kindLabel={(key) => labelOf(POST_LEVELS, key)}
          asOf={asOf}
          empty="领导职数台账无记录"
        />
      )}
    </QueryState>
  );
}
