import { Tag } from 'antd';
import type { ProposalState } from '../../../../../src/modules/proposals/proposals.model.ts';
import { PROPOSAL_STATE_LABELS, STATE_COLORS } from '../proposals-view.ts';

export function StateTag({ state }: { state: ProposalState }) {
  return <Tag color={STATE_COLORS[state]}>{PROPOSAL_STATE_LABELS[state]}</Tag>;
}
