import { type Db, query, sql } from '../../db/database.ts';
import { todayOf } from '../../shared/dates.ts';
import type { Caller } from '../auth/caller.ts';
import { seatActiveOn, unitActiveOn, unitNameSql } from '../org/org.sql.ts';
import { ASPECTS } from '../proposals/proposals.model.ts';
import { createProposalsService, type ProposalsDeps } from '../proposals/proposals.service.ts';

/**
 * The demonstration county's 动议事项, taken through the real workflow after its data are imported
 * (so they are audited like any other): two carried out on the day (a transfer of 2 administrative
 * quota; a new 政务服务管理局 funded from quota taken back into the reserve, with its head post),
 * one decided and waiting, one rejected and one just moved. The units are the county's government
 * departments with the most vacancy, so the transfers always fit.
 */

export const DEMO_NEW_UNIT = { code: 'QYZWFWGLJ', name: '青源县政务服务管理局' } as const;

const appraisal = {
  reasonableness: { score: 86, opinion: '符合机构编制管理规定和职能配置方向' },
  necessity: { score: 90, opinion: '承接职能增加，工作任务明显加重' },
  feasibility: { score: 84, opinion: '通过内部挖潜和调剂可以解决' },
};

/** Government departments of the region by administrative vacancy on the day, most first. */
async function departmentsWithRoom(db: Db, regionCode: string, on: string) {
  return query<{ code: string; name: string; vacancy: number }>(
    db,
    sql`SELECT u.code, ${unitNameSql('u.id', on)} AS name,
        (SELECT coalesce(sum(amount), 0) FROM quota_ledger l WHERE l.unit_id = u.id AND l.kind = 'administrative'
          AND l.effective_on <= ${on}::date)
        - (SELECT count(*) FROM seats s WHERE s.unit_id = u.id AND s.quota_kind = 'administrative'
          AND ${seatActiveOn('s', on)}) AS vacancy
      FROM units u
      JOIN LATERAL (SELECT kind, parent_id FROM unit_versions v WHERE v.unit_id = u.id
        AND (v.valid_from IS NULL OR v.valid_from <= ${on}::date) ORDER BY v.valid_from DESC NULLS LAST LIMIT 1) v ON true
      WHERE u.region_code = ${regionCode} AND v.kind = 'government' AND v.parent_id IS NULL AND ${unitActiveOn('u', on)}
      ORDER BY vacancy DESC, u.code LIMIT 3`,
  );
}

export async function plantDemoProposals(deps: ProposalsDeps, caller: Caller): Promise<void> {
  const proposals = createProposalsService(deps);
  const today = todayOf(deps.clock);
  const regionCode = caller.scope.regionCode;
  const [giver, receiver, lender] = await departmentsWithRoom(deps.database.db, regionCode, today);
  if (!giver || !receiver || !lender || lender.vacancy < 2 || giver.vacancy < 2)
    throw new Error('demo: not enough vacancy among the government departments for the proposals');
  const decide = (id: number, documentNo: string) =>
    proposals.decide(caller, id, {
      outcome: 'approved',
      meeting: '县委编委2026年第2次会议',
      decidedOn: today,
      documentNo,
    });

  const transfer = await proposals.submit(caller, {
    title: `${giver.name}划转行政编制2名至${receiver.name}`,
    reason: `${receiver.name}承接职能增加，${giver.name}编制有空余`,
    changes: [
      {
        kind: 'quota_transfer',
        fromCode: giver.code,
        toCode: receiver.code,
        quotaKind: 'administrative',
        amount: 2,
      },
    ],
  });
  const id1 = transfer.proposal.id;
  await proposals.appraise(caller, id1, appraisal);
  await proposals.consult(caller, id1, { department: 'organization', opinion: '同意' });
  await decide(id1, '青编〔2026〕101号');
  await proposals.implement(caller, id1, { effectiveOn: today });
  // The process check of the one carried out, every aspect confirmed.
  for (const aspect of ASPECTS)
    await proposals.check(caller, id1, { aspect: aspect.code, checked: true, note: '已核对' });

  const office = await proposals.submit(caller, {
    title: `设立${DEMO_NEW_UNIT.name}`,
    reason: '推进政务服务“一网通办”，整合政务服务职责',
    changes: [
      {
        kind: 'quota_decrease',
        unitCode: lender.code,
        quotaKind: 'administrative',
        amount: 2,
        to: 'reserve',
      },
      { kind: 'establish', unit: { ...DEMO_NEW_UNIT, kind: 'government', rank: 'section' } },
      {
        kind: 'quota_increase',
        unitCode: DEMO_NEW_UNIT.code,
        quotaKind: 'administrative',
        amount: 2,
        source: 'reserve',
      },
      { kind: 'posts', unitCode: DEMO_NEW_UNIT.code, level: 'head', amount: 1 },
    ],
  });
  const id2 = office.proposal.id;
  await proposals.appraise(caller, id2, appraisal);
  await decide(id2, '青编〔2026〕102号');
  await proposals.implement(caller, id2, { effectiveOn: today });

  const rename = await proposals.submit(caller, {
    title: `${receiver.name}加挂牌子`,
    reason: '明确对外工作职责',
    changes: [
      {
        kind: 'alias',
        unitCode: receiver.code,
        name: `${receiver.name.replace(/局$/, '')}服务中心`,
        action: 'add',
      },
    ],
  });
  await proposals.appraise(caller, rename.proposal.id, appraisal);
  await decide(rename.proposal.id, '青编〔2026〕103号');

  const refused = await proposals.submit(caller, {
    title: `${giver.name}核增行政编制5名`,
    reason: '业务量增长',
    changes: [
      { kind: 'quota_increase', unitCode: giver.code, quotaKind: 'administrative', amount: 5, source: 'new' },
    ],
  });
  await proposals.appraise(caller, refused.proposal.id, appraisal);
  await proposals.decide(caller, refused.proposal.id, {
    outcome: 'rejected',
    meeting: '县委编委2026年第2次会议',
    decidedOn: today,
    note: '行政编制总量不得突破，可在系统内调剂解决',
  });

  await proposals.submit(caller, {
    title: `${receiver.name}增加副职领导职数1名`,
    reason: '分管领域增加',
    changes: [{ kind: 'posts', unitCode: receiver.code, level: 'deputy', amount: 1 }],
  });
}
