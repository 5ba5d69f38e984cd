import {
  BOOLEANS,
  FUNDINGS,
  labelOf,
  type Labels,
  PUBLIC_CLASSES,
  RANKS,
  UNIT_KINDS,
} from '../../shared/labels.ts';

/** A unit's dated history (沿革) as the unit page lists it: 设立, each change, 撤销. Pure. */

export interface HistoryVersion {
  validFrom: string | null;
  name: string;
  kind: string;
  rank: string | null;
  publicClass: string | null;
  funding: string | null;
  referenceManaged: boolean;
  parentCode: string | null;
  divisionCap: number | null;
  aliasNames: readonly string[];
}

export interface HistoryEvent {
  date: string | null;
  title: string;
  details: string[];
  documentNo: string | null;
  tone: 'start' | 'change' | 'end';
}

const RANK_ORDER = Object.keys(RANKS);

function rankChange(from: string | null, to: string | null): string {
  if (!from || !to) return '规格调整';
  return RANK_ORDER.indexOf(to) < RANK_ORDER.indexOf(from) ? '升格' : '降格';
}

const arrow = (labels: Labels | null, from: string | null, to: string | null) =>
  labels ? `${labelOf(labels, from)} → ${labelOf(labels, to)}` : `${from ?? '—'} → ${to ?? '—'}`;

/** What changed between two consecutive versions, in words, and the headline of the change. */
export function describeChange(
  before: HistoryVersion,
  after: HistoryVersion,
  nameOf: (code: string | null) => string = (code) => code ?? '（无）',
): { title: string; details: string[] } {
  const details: string[] = [];
  const titles: string[] = [];
  if (before.name !== after.name) {
    titles.push('更名');
    details.push(`名称：${before.name} → ${after.name}`);
  }
  if (before.rank !== after.rank) {
    titles.push(rankChange(before.rank, after.rank));
    details.push(`机构规格：${arrow(RANKS, before.rank, after.rank)}`);
  }
  if (before.kind !== after.kind) details.push(`机构类别：${arrow(UNIT_KINDS, before.kind, after.kind)}`);
  if (before.parentCode !== after.parentCode) {
    titles.push('隶属调整');
    details.push(`上级机构：${nameOf(before.parentCode)} → ${nameOf(after.parentCode)}`);
  }
  if (before.publicClass !== after.publicClass)
    details.push(`事业单位类别：${arrow(PUBLIC_CLASSES, before.publicClass, after.publicClass)}`);
  if (before.funding !== after.funding)
    details.push(`经费形式：${arrow(FUNDINGS, before.funding, after.funding)}`);
  if (before.referenceManaged !== after.referenceManaged)
    details.push(
      `参照公务员法管理：${arrow(BOOLEANS, String(before.referenceManaged), String(after.referenceManaged))}`,
    );
  if (before.divisionCap !== after.divisionCap)
    details.push(`内设机构限额：${before.divisionCap ?? '—'} → ${after.divisionCap ?? '—'}`);
  const added = after.aliasNames.filter((name) => !before.aliasNames.includes(name));
  const removed = before.aliasNames.filter((name) => !after.aliasNames.includes(name));
  if (added.length > 0) details.push(`加挂牌子：${added.join('、')}`);
  if (removed.length > 0) details.push(`摘除牌子：${removed.join('、')}`);
  return { title: titles.join('、') || (details.length > 0 ? '调整' : '版本更新'), details };
}

/** The events of a unit's life, earliest first. */
export function unitHistory(
  identity: { establishedOn: string | null; abolishedOn: string | null; documentNo: string | null },
  versions: readonly HistoryVersion[],
  nameOf?: (code: string | null) => string,
): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  const [first, ...later] = versions;
  if (first)
    events.push({
      date: identity.establishedOn ?? first.validFrom,
      title: '设立',
      details: [`名称：${first.name}`],
      documentNo: identity.documentNo,
      tone: 'start',
    });
  let previous = first;
  for (const version of later) {
    if (previous)
      events.push({
        date: version.validFrom,
        ...describeChange(previous, version, nameOf),
        documentNo: null,
        tone: 'change',
      });
    previous = version;
  }
  if (identity.abolishedOn)
    events.push({ date: identity.abolishedOn, title: '撤销', details: [], documentNo: null, tone: 'end' });
  return events;
}
