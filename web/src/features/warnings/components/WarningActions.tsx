import { Space } from 'antd';
import { Link } from 'react-router';
import { useAsOf } from '../../../shared/hooks/use-as-of.ts';
import { useCan } from '../../auth/session.tsx';
import type { DrillWarning } from '../warnings.api.ts';

/**
 * The 操作 column of a warning row: where it leads (the unit, the person) and, for a warning a scan
 * has stored, 登记问题 — the 问题台账 form preset to it.
 */
export function WarningActions({ warning }: { warning: DrillWarning }) {
  const { link } = useAsOf();
  const mayRegister = useCan('findings.manage');
  return (
    <Space size={4} wrap>
      {warning.unitCode && (
        <Link to={link(`/org/units/${encodeURIComponent(warning.unitCode)}`)}>单位详情</Link>
      )}
      {warning.personId !== null && <Link to={link(`/roster/persons/${warning.personId}`)}>人员详情</Link>}
      {mayRegister && warning.warningId !== null && (
        <Link to={`/findings/new?warningId=${warning.warningId}`}>登记问题</Link>
      )}
    </Space>
  );
}
