import { Descriptions } from 'antd';
import { Link } from 'react-router';
import { BOOLEANS, FUNDINGS, labelOf, PUBLIC_CLASSES, RANKS, UNIT_KINDS } from '../../../shared/labels.ts';
import type { UnitDetail } from '../org.api.ts';

/** 基本情况: the unit's facts as they stood on the as-of date. */
export function UnitFacts({
  detail,
  parentName,
  link,
}: {
  detail: UnitDetail;
  parentName: string | null;
  link: (path: string) => string;
}) {
  const { unit, current } = detail;
  const institution = current?.kind === 'public_institution';
  const items = [
    { key: 'code', label: '机构代码', children: unit.code },
    { key: 'kind', label: '机构类别', children: labelOf(UNIT_KINDS, current?.kind) },
    { key: 'rank', label: '机构规格', children: labelOf(RANKS, current?.rank) },
    ...(institution
      ? [
          { key: 'class', label: '事业单位类别', children: labelOf(PUBLIC_CLASSES, current?.publicClass) },
          { key: 'funding', label: '经费形式', children: labelOf(FUNDINGS, current?.funding) },
          {
            key: 'ref',
            label: '参照公务员法管理',
            children: labelOf(BOOLEANS, String(current?.referenceManaged ?? false)),
          },
        ]
      : []),
    {
      key: 'parent',
      label: '上级机构',
      children: current?.parentCode ? (
        <Link to={link(`/org/units/${encodeURIComponent(current.parentCode)}`)}>
          {parentName ?? current.parentCode}
        </Link>
      ) : (
        '—'
      ),
    },
    { key: 'established', label: '设立日期', children: unit.establishedOn ?? '—' },
    { key: 'document', label: '批准文号', children: unit.documentNo ?? '—' },
    ...(unit.abolishedOn ? [{ key: 'abolished', label: '撤销日期', children: unit.abolishedOn }] : []),
    { key: 'divisionCap', label: '内设机构限额', children: current?.divisionCap ?? '—' },
    { key: 'alias', label: '加挂牌子', children: current?.aliasNames.join('、') || '—' },
    { key: 'sortOrder', label: '排序号', children: current?.sortOrder ?? '—' },
  ];
  return <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} items={items} />;
}
