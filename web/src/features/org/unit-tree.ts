import { type SearchHit, searchUnit } from '../../shared/pinyin-search.ts';

/** The unit tree of a region in official order (排序号), and its search. Pure: no React, no I/O. */

export interface TreeUnit {
  code: string;
  name: string;
  aliasNames: readonly string[];
  parentCode: string | null;
  sortOrder: number | null;
  kind: string;
}

export interface UnitNode<U extends TreeUnit> {
  unit: U;
  children: UnitNode<U>[];
}

const collator = new Intl.Collator('zh-Hans-CN');

/**
 * Official order among siblings: internal divisions before subordinate institutions (as a 三定
 * lists them), then 排序号 (units without one last), then name, then code.
 */
export function compareOfficial(a: TreeUnit, b: TreeUnit): number {
  const group = (u: TreeUnit) => (u.kind === 'internal_division' ? 0 : 1);
  return (
    group(a) - group(b) ||
    (a.sortOrder ?? Number.MAX_SAFE_INTEGER) - (b.sortOrder ?? Number.MAX_SAFE_INTEGER) ||
    collator.compare(a.name, b.name) ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}

/** Units into a forest: a unit whose parent is not in the list is a root. */
export function buildUnitTree<U extends TreeUnit>(units: readonly U[]): UnitNode<U>[] {
  const nodes = new Map(units.map((unit) => [unit.code, { unit, children: [] as UnitNode<U>[] }]));
  const roots: UnitNode<U>[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentCode ? nodes.get(node.unit.parentCode) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: UnitNode<U>[]) => {
    list.sort((a, b) => compareOfficial(a.unit, b.unit));
    for (const node of list) sort(node.children);
  };
  sort(roots);
  return roots;
}

export interface FilteredTree<U extends TreeUnit> {
  nodes: UnitNode<U>[];
  /** Codes of the units to expand so every match shows. */
  expanded: string[];
  hits: Map<string, SearchHit>;
}

/**
 * The tree cut down to the units that match the query and their ancestors (and, under a match,
 * its whole subtree stays reachable). An empty query keeps everything and expands nothing.
 */
export function filterUnitTree<U extends TreeUnit>(roots: UnitNode<U>[], query: string): FilteredTree<U> {
  const hits = new Map<string, SearchHit>();
  const expanded: string[] = [];
  if (query.trim() === '') return { nodes: roots, expanded, hits };
  const visit = (node: UnitNode<U>): UnitNode<U> | null => {
    const hit = searchUnit(node.unit, query);
    if (hit) hits.set(node.unit.code, hit);
    const children = node.children.map(visit).filter((child): child is UnitNode<U> => child !== null);
    if (children.length > 0) expanded.push(node.unit.code);
    if (hit) return { unit: node.unit, children: children.length > 0 ? children : node.children };
    return children.length > 0 ? { unit: node.unit, children } : null;
  };
  const nodes = roots.map(visit).filter((node): node is UnitNode<U> => node !== null);
  return { nodes, expanded, hits };
}

/** How many units a subtree holds below its root. */
export function descendantCount(node: UnitNode<TreeUnit>): number {
  return node.children.reduce((sum, child) => sum + 1 + descendantCount(child), 0);
}

/** The chain of ancestors' codes of a unit, nearest last: what to expand to show it. */
export function ancestorsOf(units: readonly TreeUnit[], code: string): string[] {
  const byCode = new Map(units.map((unit) => [unit.code, unit]));
  const chain: string[] = [];
  let parent = byCode.get(code)?.parentCode ?? null;
  while (parent && byCode.has(parent) && !chain.includes(parent)) {
    chain.unshift(parent);
    parent = byCode.get(parent)?.parentCode ?? null;
  }
  return chain;
}
