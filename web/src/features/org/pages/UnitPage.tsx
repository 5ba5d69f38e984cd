import { Alert, Card, Col, Row, Space, Tabs, Typography } from 'antd';
import { useCallback, useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { QueryState } from '../../../shared/components/states.tsx';
import { useAsOf } from '../../../shared/hooks/use-as-of.ts';
import { PostFigureTable, QuotaFigureTable } from '../../establishment/components/FigureTables.tsx';
import { PostLedgerTable, QuotaLedgerTable } from '../../establishment/components/LedgerTables.tsx';
import { SeatTable } from '../../roster/components/SeatTable.tsx';
import { CharterList, DutyList } from '../components/CharterList.tsx';
import { ChildUnits } from '../components/ChildUnits.tsx';
import { UnitFacts } from '../components/UnitFacts.tsx';
import { UnitHistory } from '../components/UnitHistory.tsx';
import { UnitTags } from '../components/UnitTags.tsx';
import { type UnitDetail, useRegionFigures, useRegionUnits, useUnitDetail } from '../org.api.ts';
import { totalsByUnit } from '../unit-figures.ts';

function StateNotice({ detail }: { detail: UnitDetail }) {
  const { unit, asOf } = detail;
  if (unit.active) return null;
  const notYet = unit.establishedOn !== null && unit.establishedOn > asOf;
  return (
    <Alert
      type="warning"
      showIcon
      title={
        notYet
          ? `截至 ${asOf}，该机构尚未设立（${unit.establishedOn} 设立）`
          : `截至 ${asOf}，该机构已撤销${unit.abolishedOn ? `（${unit.abolishedOn} 撤销）` : ''}`
      }
    />
  );
}

function UnitView({ detail }: { detail: UnitDetail }) {
  const { link } = useAsOf();
  const { asOf, unit, current } = detail;
  const regionUnits = useRegionUnits(unit.regionCode, asOf);
  const regionFigures = useRegionFigures(unit.regionCode, asOf);
  const units = useMemo(() => regionUnits.data?.units ?? [], [regionUnits.data]);
  const names = useMemo(() => new Map(units.map((u) => [u.code, u.name])), [units]);
  const nameOf = useCallback((code: string | null) => (code ? (names.get(code) ?? code) : '（无）'), [names]);
  const totals = useMemo(() => totalsByUnit(regionFigures.data?.figures ?? []), [regionFigures.data]);
  const children = units.filter((u) => u.parentCode === unit.code);
  const divisions = children.filter((u) => u.kind === 'internal_division');
  const subordinates = children.filter((u) => u.kind !== 'internal_division');
  const name = current?.name ?? detail.versions.at(-1)?.name ?? unit.code;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space wrap align="center">
            <Typography.Title level={3} style={{ margin: 0 }}>
              {name}
            </Typography.Title>
            {current && <UnitTags unit={{ ...current, active: unit.active }} showClass />}
          </Space>
          <StateNotice detail={detail} />
          <UnitFacts
            detail={detail}
            parentName={current?.parentCode ? nameOf(current.parentCode) : null}
            link={link}
          />
        </Space>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={13}>
          <Card title={`编制情况（截至 ${asOf}）`}>
            <QuotaFigureTable figures={detail.quotaFigures} />
          </Card>
        </Col>
        <Col xs={24} xl={11}>
          <Card title={`领导职数（截至 ${asOf}）`}>
            <PostFigureTable figures={detail.postFigures} />
          </Card>
        </Col>
      </Row>
      <Card>
        <Tabs
          items={[
            { key: 'people', label: '在编人员', children: <SeatTable code={unit.code} asOf={asOf} /> },
            { key: 'history', label: '历史沿革', children: <UnitHistory detail={detail} nameOf={nameOf} /> },
            {
              key: 'quotaLedger',
              label: '编制台账',
              children: <QuotaLedgerTable code={unit.code} asOf={asOf} />,
            },
            {
              key: 'postLedger',
              label: '领导职数台账',
              children: <PostLedgerTable code={unit.code} asOf={asOf} />,
            },
            {
              key: 'charters',
              label: `三定规定（${detail.charters.length}）`,
              children: <CharterList charters={detail.charters} />,
            },
            { key: 'duties', label: '权责清单', children: <DutyList code={unit.code} asOf={asOf} /> },
            {
              key: 'divisions',
              label: `内设机构（${divisions.length}）`,
              children: (
                <ChildUnits
                  units={divisions}
                  totals={totals}
                  link={link}
                  empty="无内设机构"
                  institutions={false}
                />
              ),
            },
            {
              key: 'subordinates',
              label: `下属单位（${subordinates.length}）`,
              children: (
                <ChildUnits
                  units={subordinates}
                  totals={totals}
                  link={link}
                  empty="无下属单位"
                  institutions
                />
              ),
            },
          ]}
        />
      </Card>
      <Link to={link('/org/tree')}>返回机构树</Link>
    </Space>
  );
}

/** 单位: one unit as of the chosen date — facts, history, quotas and posts, ledgers, children, people. */
export function UnitPage() {
  const { code = '' } = useParams();
  const { asOf } = useAsOf();
  const detail = useUnitDetail(code, asOf);
  return (
    <QueryState query={detail} what="机构详情" rows={10}>
      {(data) => <UnitView detail={data} />}
    </QueryState>
  );
}
