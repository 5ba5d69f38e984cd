import { Tag } from 'antd';
import { type FigureKind, figureStatus, STATUS_COLORS, statusLabel } from '../figure-status.ts';

export function FigureTag({ kind, approved, used }: { kind: FigureKind; approved: number; used: number }) {
  const status = figureStatus(approved, used);
  return <Tag color={STATUS_COLORS[status]}>{statusLabel(kind, status)}</Tag>;
}
