import { POST_LEVELS, QUOTA_KINDS, RANKS } from '../interchange/dataset.spec.ts';
import { CHANGE_KIND_LABELS } from './proposals.model.ts';
import type { Change } from './proposals.schemas.ts';

/** A change in one line of Chinese, as the proposal's page and its trail show it. */
export function describeChange(change: Change): string {
  const label = CHANGE_KIND_LABELS[change.kind];
  const kind = (k: string) => QUOTA_KINDS[k] ?? k;
  switch (change.kind) {
    case 'establish':
      return `${label} ${change.unit.name}（${change.unit.code}）`;
    case 'abolish':
      return `${label} ${change.unitCode}，编制${change.quotaTo === 'reserve' ? '收回机动编制' : `划入 ${change.quotaTo}`}`;
    case 'merge':
      return `${change.unitCode} 并入 ${change.intoCode}`;
    case 'split':
      return `从 ${change.fromCode} 分设 ${change.unit.name}（${change.unit.code}）${change.quotas
        .map((q) => `，${kind(q.quotaKind)} ${q.amount} 名`)
        .join('')}`;
    case 'rename':
      return `${change.unitCode} ${label}为“${change.name}”`;
    case 'upgrade':
    case 'downgrade':
      return `${change.unitCode} ${label}为${RANKS[change.rank] ?? change.rank}`;
    case 'alias':
      return `${change.unitCode} ${change.action === 'add' ? '加挂' : '摘除'}“${change.name}”牌子`;
    case 'co_locate':
      return `${change.unitCode} 与 ${change.withCode} 合署办公`;
    case 'duties': {
      const verb = { add: '增加', move: '划转', devolve: '下放', cancel: '取消' }[change.action];
      const what = change.name ?? `事项 #${change.dutyId ?? ''}`;
      return `${change.unitCode} ${verb}${what}${change.toUnitCode ? ` 至 ${change.toUnitCode}` : ''}`;
    }
    case 'quota_increase':
      return `${change.unitCode} 核增${kind(change.quotaKind)} ${change.amount} 名（${change.source === 'reserve' ? '使用机动编制' : '新增'}）`;
    case 'quota_decrease':
      return `${change.unitCode} 核减${kind(change.quotaKind)} ${change.amount} 名（${change.to === 'reserve' ? '收回机动编制' : '核销'}）`;
    case 'quota_transfer':
      return `${kind(change.quotaKind)} ${change.amount} 名从 ${change.fromCode} 划转至 ${change.toCode}`;
    case 'posts':
      return `${change.unitCode} ${POST_LEVELS[change.level] ?? change.level}${change.amount > 0 ? '增加' : '核减'} ${Math.abs(change.amount)} 名`;
    case 'charter':
      return `修订 ${change.unitCode} 三定规定（内设机构 ${change.divisions.length} 个）`;
  }
}

/** The unit codes a change refers to that must exist already, and the ones it creates. */
export function codesOf(change: Change): { refers: string[]; creates: string[] } {
  switch (change.kind) {
    case 'establish':
      return { refers: change.unit.parentCode ? [change.unit.parentCode] : [], creates: [change.unit.code] };
    case 'split':
      return {
        refers: [change.fromCode, ...(change.unit.parentCode ? [change.unit.parentCode] : [])],
        creates: [change.unit.code],
      };
    case 'abolish':
      return {
        refers: [change.unitCode, ...(change.quotaTo === 'reserve' ? [] : [change.quotaTo])],
        creates: [],
      };
    case 'merge':
      return { refers: [change.unitCode, change.intoCode], creates: [] };
    case 'quota_transfer':
      return { refers: [change.fromCode, change.toCode], creates: [] };
    case 'co_locate':
      return { refers: [change.unitCode, change.withCode], creates: [] };
    case 'duties':
      return { refers: [change.unitCode, ...(change.toUnitCode ? [change.toUnitCode] : [])], creates: [] };
    default:
      return { refers: [change.unitCode], creates: [] };
  }
}
