import { Timeline, Typography } from 'antd';
import type { FindingEvent } from '../findings.api.ts';
import { actionLabel, beijingTime, stateLabel } from '../findings-view.ts';

const COLORS: Record<string, string> = { verify: 'green', return: 'red', reopen: 'red', defer: 'gray' };

/** Every step of the finding, oldest first: what was done, by whom, when, with the reason given. */
export function FindingTimeline({ events }: { events: FindingEvent[] }) {
  return (
    <Timeline
      aria-label="办理经过"
      items={events.map((event) => ({
        key: event.id,
        color: COLORS[event.action] ?? 'blue',
        title: beijingTime(event.at),
        content: (
          <div data-testid="finding-event">
            <Typography.Text strong>{actionLabel(event.action)}</Typography.Text>
            <Typography.Text type="secondary">
              {' '}
              · {event.actor === 'system' ? '系统' : event.actor} · {stateLabel(event.toState)}
            </Typography.Text>
            {event.note && <Typography.Paragraph style={{ margin: 0 }}>{event.note}</Typography.Paragraph>}
          </div>
        ),
      }))}
    />
  );
}
