import { Space, Tag, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { Link } from 'react-router';
import type { SearchHit } from '../../../shared/pinyin-search.ts';
import { STATUS_COLORS, statusLabel } from '../../establishment/figure-status.ts';
import type { RegionUnit } from '../org.api.ts';
import type { UnitTotals } from '../unit-figures.ts';
import type { UnitNode } from '../unit-tree.ts';
import { Highlight } from './Highlight.tsx';
import { UnitTags } from './UnitTags.tsx';

interface UnitTreeProps {
  nodes: UnitNode<RegionUnit>[];
  hits: Map<string, SearchHit>;
  totals: Map<string, UnitTotals>;
  expanded: string[];
  onExpand: (codes: string[]) => void;
  link: (path: string) => string;
  height: number;
}

function NodeTitle({
  unit,
  hit,
  totals,
  link,
}: {
  unit: RegionUnit;
  hit: SearchHit | undefined;
  totals: UnitTotals | undefined;
  link: (path: string) => string;
}) {
  const alias = hit?.field === 'alias' ? hit : null;
  return (
    <Space size={4} wrap>
      <Link
        to={link(`/org/units/${encodeURIComponent(unit.code)}`)}
        style={unit.active ? undefined : { color: '#8c8c8c' }}
      >
        <Highlight text={unit.name} indices={hit?.field === 'name' ? hit.indices : undefined} />
      </Link>
      {unit.aliasNames.length > 0 && (
        <Typography.Text type="secondary">
          （加挂：
          {unit.aliasNames.map((name, i) => (
            <span key={name}>
              {i > 0 && '、'}
              <Highlight text={name} indices={alias?.text === name ? alias.indices : undefined} />
            </span>
          ))}
          ）
        </Typography.Text>
      )}
      {hit?.field === 'code' && (
        <Typography.Text type="secondary">
          <Highlight text={unit.code} indices={hit.indices} />
        </Typography.Text>
      )}
      <UnitTags unit={unit} />
      {totals && (totals.approved > 0 || totals.headcount > 0) && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          编制 {totals.approved} · 实有 {totals.headcount}
        </Typography.Text>
      )}
      {totals && (totals.status === 'over' || totals.status === 'full') && (
        <Tag color={STATUS_COLORS[totals.status]}>{statusLabel('quota', totals.status)}</Tag>
      )}
    </Space>
  );
}

function toData(
  nodes: UnitNode<RegionUnit>[],
  props: Pick<UnitTreeProps, 'hits' | 'totals' | 'link'>,
): DataNode[] {
  return nodes.map((node) => ({
    key: node.unit.code,
    title: (
      <NodeTitle
        unit={node.unit}
        hit={props.hits.get(node.unit.code)}
        totals={props.totals.get(node.unit.code)}
        link={props.link}
      />
    ),
    children: node.children.length > 0 ? toData(node.children, props) : undefined,
    isLeaf: node.children.length === 0,
  }));
}

/** The region's units as a tree, each with its tags and counts and a link to its page. */
export function UnitTree({ nodes, hits, totals, expanded, onExpand, link, height }: UnitTreeProps) {
  return (
    <Tree
      aria-label="机构树"
      blockNode
      selectable={false}
      showLine
      height={height}
      treeData={toData(nodes, { hits, totals, link })}
      expandedKeys={expanded}
      onExpand={(keys) => onExpand(keys.map(String))}
    />
  );
}
