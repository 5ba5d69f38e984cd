import { Timeline, Typography } from 'antd';
import { beijingTime } from '../../findings/findings-view.ts';
import type { ProposalEvent } from '../proposals.api.ts';
import { eventLabel, PROPOSAL_STATE_LABELS } from '../proposals-view.ts';

const COLORS: Record<string, string> = { implement: 'green', decide: 'purple', check: 'gray' };
const stateLabel = (state: string) =>
  PROPOSAL_STATE_LABELS[state as keyof typeof PROPOSAL_STATE_LABELS] ?? state;

/** 全程有痕: every step of the proposal, oldest first, by whom and what state it led to. */
export function ProposalTimeline({ events }: { events: ProposalEvent[] }) {
  return (
    <Timeline
      aria-label="全程记录"
      items={events.map((event, index) => ({
        key: index,
        color: COLORS[event.action] ?? 'blue',
        title: beijingTime(event.at),
        content: (
          <div data-testid="proposal-event">
            <Typography.Text strong>{eventLabel(event.action)}</Typography.Text>
            <Typography.Text type="secondary">
              {' '}
              · {event.actor}
              {event.toState && event.toState !== event.fromState ? ` · ${stateLabel(event.toState)}` : ''}
            </Typography.Text>
          </div>
        ),
      }))}
    />
  );
}
