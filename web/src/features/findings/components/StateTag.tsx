import { Tag } from 'antd';
import type { FindingState } from '../../../../../src/modules/findings/findings.model.ts';
import { SEVERITY_COLORS, STATE_COLORS, stateLabel } from '../findings-view.ts';

/** A finding's state in Chinese, with 已逾期 in red beside it when the deadline has passed. */
export function StateTag({ state, overdue = false }: { state: FindingState; overdue?: boolean }) {
  return (
    <>
      <Tag color={STATE_COLORS[state]}>{stateLabel(state)}</Tag>
      {overdue && <Tag color="red">已逾期</Tag>}
    </>
  );
}

export function SeverityTag({ severity }: { severity: string }) {
  return <Tag color={SEVERITY_COLORS[severity] ?? 'default'}>{severity}</Tag>;
}
