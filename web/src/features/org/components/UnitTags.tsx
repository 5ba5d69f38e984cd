import { Tag } from 'antd';
import { labelOf, PUBLIC_CLASSES, RANKS, UNIT_KINDS } from '../../../shared/labels.ts';

const KIND_COLORS: Record<string, string> = {
  public_institution: 'cyan',
  internal_division: 'default',
  township: 'purple',
  subdistrict: 'purple',
  coordination_body: 'orange',
};

/** Kind, rank (and class for a public institution), and 已撤销 for a unit no longer in being. */
export function UnitTags({
  unit,
  showClass = false,
}: {
  unit: { kind: string; rank: string | null; publicClass?: string | null; active: boolean };
  showClass?: boolean;
}) {
  return (
    <>
      <Tag color={KIND_COLORS[unit.kind] ?? 'blue'}>{labelOf(UNIT_KINDS, unit.kind)}</Tag>
      {unit.rank && <Tag>{labelOf(RANKS, unit.rank)}</Tag>}
      {showClass && unit.publicClass && <Tag>{labelOf(PUBLIC_CLASSES, unit.publicClass)}</Tag>}
      {!unit.active && <Tag color="red">已撤销</Tag>}
    </>
  );
}
