import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appOptionsFor } from '../../../test/support/app-harness.ts';
import { type AuthHeaders, createUser, loginAs } from '../../../test/support/auth.ts';
import { addPost, addQuota, buildRegion, buildSeat, buildUnit } from '../../../test/support/factories.ts';
import { formOf } from '../../../test/support/multipart.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import { type App, buildApp } from '../../app.ts';
import { type Database, query, sql } from '../../db/database.ts';
import { reserveOn } from './proposals.apply.ts';
import type { Change } from './proposals.schemas.ts';

/**
 * 动议事项 end to end through the API: every kind of change from proposal to the units and ledgers
 * as of the day before and the day of its effect; rejected and deferred proposals change nothing; a
 * change that cannot be applied refuses the whole proposal.
 */

const TODAY = '2026-06-30';
const EFFECTIVE = '2026-07-01';
const BEFORE = TODAY;
const clock = () => new Date(`${TODAY}T04:00:00Z`);

let database: Database;
let app: App;
let region: { code: string };
let clerk: AuthHeaders;
let liaison: AuthHeaders;
let reader: AuthHeaders;

beforeAll(async () => {
  database = await createTestDatabase();
  app = buildApp(appOptionsFor(database, clock));
  await app.ready();
  region = await buildRegion(database.db, { name: '青山县' });
  const db = database.db;
  const unit = (code: string, name: string, extra: object = {}) =>
    buildUnit(db, { regionCode: region.code, code, name, kind: 'government', rank: 'section', ...extra });
  const finance = await unit('QS01', '青山县财政局');
  const education = await unit('QS02', '青山县教育局');
  await unit('QS03', '青山县档案局');
  const stats = await unit('QS04', '青山县统计局');
  const audit = await unit('QS05', '青山县审计局');
  const tourism = await unit('QS06', '青山县旅游局');
  await addQuota(db, finance, { kind: 'administrative', amount: 10, effectiveOn: '2020-01-01' });
  for (let i = 0; i < 6; i++) await buildSeat(db, { unit: finance, quotaKind: 'administrative' });
  await addQuota(db, education, { kind: 'administrative', amount: 4, effectiveOn: '2020-01-01' });
  await addQuota(db, stats, { kind: 'administrative', amount: 3, effectiveOn: '2020-01-01' });
  await addPost(db, stats, { level: 'head', amount: 1, effectiveOn: '2020-01-01' });
  await addQuota(db, audit, { kind: 'administrative', amount: 2, effectiveOn: '2020-01-01' });
  await buildSeat(db, { unit: audit, quotaKind: 'administrative' });
  await addQuota(db, tourism, { kind: 'administrative', amount: 5, effectiveOn: '2020-01-01' });
  clerk = await loginAs(app, await createUser(database, { roles: ['clerk'], regionCode: region.code }));
  liaison = await loginAs(
    app,
    await createUser(database, { roles: ['unit_liaison'], regionCode: region.code, unitCode: 'QS02' }),
  );
  reader = await loginAs(app, await createUser(database, { roles: ['leader'], regionCode: region.code }));
}, 120_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const post = (url: string, headers: AuthHeaders, payload: object) =>
  app.inject({ method: 'POST', url, headers, payload });
const get = (url: string, headers: AuthHeaders) => app.inject({ method: 'GET', url, headers });

interface UnitView {
  current: { name: string; rank: string | null; aliasNames: string[] } | null;
  quotaFigures: { kind: string; approved: number }[];
  postFigures: { level: string; posts: number }[];
}

async function unitAsOf(code: string, asOf: string): Promise<UnitView & { status: number }> {
  const response = await get(`/api/units/${code}?asOf=${asOf}`, clerk);
  return { status: response.statusCode, ...(response.json() as UnitView) };
}

async function approved(code: string, asOf: string, kind = 'administrative') {
  const view = await unitAsOf(code, asOf);
  return view.quotaFigures.find((q) => q.kind === kind)?.approved ?? 0;
}

const appraisal = {
  reasonableness: { score: 85, opinion: '符合职能配置要求' },
  necessity: { score: 90, opinion: '业务量增长明显' },
  feasibility: { score: 80, opinion: '内部调剂可以解决' },
};

/** Raises a proposal and takes it through appraisal and an approving decision. */
async function decided(changes: Change[], by: AuthHeaders = clerk, documentNo?: string) {
  const submitted = await post('/api/proposals', by, { title: '调整', reason: '工作需要', changes });
  expect(submitted.statusCode, submitted.body).toBe(201);
  const id = submitted.json().proposal.id as number;
  expect((await post(`/api/proposals/${id}/appraisal`, clerk, appraisal)).statusCode).toBe(200);
  const decision = await post(`/api/proposals/${id}/decision`, clerk, {
    outcome: 'approved',
    meeting: '县编委2026年第3次会议',
    decidedOn: TODAY,
    documentNo: documentNo ?? `青编〔2026〕${id}号`,
  });
  expect(decision.statusCode, decision.body).toBe(200);
  return id;
}

const implement = (id: number, effectiveOn = EFFECTIVE) =>
  post(`/api/proposals/${id}/implementation`, clerk, { effectiveOn });

describe('a quota transfer from motion to implementation', () => {
  let id: number;

  it('records the motion, the appraisal, a department’s opinion, the research report and the decision', async () => {
    const submitted = await post('/api/proposals', clerk, {
      title: '财政局划转 3 名行政编制至教育局',
      reason: '教育督导职责划入教育局',
      changes: [
        { kind: 'quota_transfer', fromCode: 'QS01', toCode: 'QS02', quotaKind: 'administrative', amount: 3 },
      ],
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const body = submitted.json();
    id = body.proposal.id;
    expect(body.proposal).toMatchObject({ number: 'DY2026-0001', state: 'submitted', submittedOn: TODAY });
    expect(body.changes[0].summary).toBe('行政编制 3 名从 QS01 划转至 QS02');
    // Deciding before the appraisal is refused.
    const early = await post(`/api/proposals/${id}/decision`, clerk, {
      outcome: 'approved',
      meeting: 'x',
      decidedOn: TODAY,
      documentNo: '青编〔2026〕1号',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toBe('动议事项已动议，不能审议决定');

    expect((await post(`/api/proposals/${id}/appraisal`, liaison, appraisal)).statusCode).toBe(403);
    const appraised = await post(`/api/proposals/${id}/appraisal`, clerk, appraisal);
    expect(appraised.json().proposal).toMatchObject({ state: 'appraised', appraisedOn: TODAY });
    const consulted = await post(`/api/proposals/${id}/consultations`, clerk, {
      department: 'finance',
      opinion: '同意',
    });
    expect(consulted.json().consultations).toEqual([
      { department: 'finance', opinion: '同意', recordedOn: TODAY, actor: expect.any(String) },
    ]);
    const form = await formOf([{ name: '调研报告.pdf', content: '%PDF-1.4 调研' }]);
    const upload = await app.inject({
      method: 'POST',
      url: `/api/proposals/${id}/files`,
      payload: form.payload,
      headers: { ...clerk, ...form.headers },
    });
    expect(upload.statusCode, upload.body).toBe(200);
    const [file] = upload.json().files;
    expect(file).toMatchObject({ fileName: '调研报告.pdf', sm3: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const download = await get(`/api/proposals/${id}/files/${file.id}`, reader);
    expect(download.rawPayload.toString()).toBe('%PDF-1.4 调研');

    const missingDocument = await post(`/api/proposals/${id}/decision`, clerk, {
      outcome: 'approved',
      meeting: '县编委2026年第3次会议',
      decidedOn: TODAY,
    });
    expect(missingDocument.statusCode).toBe(400);
    const decision = await post(`/api/proposals/${id}/decision`, clerk, {
      outcome: 'approved',
      meeting: '县编委2026年第3次会议',
      decidedOn: TODAY,
      documentNo: '青编〔2026〕7号',
    });
    expect(decision.json().proposal).toMatchObject({
      state: 'decided',
      outcome: 'approved',
      documentNo: '青编〔2026〕7号',
    });
    // Deciding changes nothing yet.
    expect(await approved('QS01', EFFECTIVE)).toBe(10);
  });

  it('writes both units’ ledgers on the effective date, linked to the decision', async () => {
    const done = await implement(id);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().proposal).toMatchObject({ state: 'implemented', effectiveOn: EFFECTIVE });
    expect(await approved('QS01', BEFORE)).toBe(10);
    expect(await approved('QS02', BEFORE)).toBe(4);
    expect(await approved('QS01', EFFECTIVE)).toBe(7);
    expect(await approved('QS02', EFFECTIVE)).toBe(7);
    const rows = await query<{ unit: string; amount: number; document_no: string; change: string }>(
      database.db,
      sql`SELECT u.code AS unit, l.amount, l.document_no, l.change FROM quota_ledger l JOIN units u ON u.id = l.unit_id
        WHERE l.proposal_id = ${id} ORDER BY l.amount`,
    );
    expect(rows).toEqual([
      { unit: 'QS01', amount: -3, document_no: '青编〔2026〕7号', change: 'transfer' },
      { unit: 'QS02', amount: 3, document_no: '青编〔2026〕7号', change: 'transfer' },
    ]);
    expect((await implement(id)).statusCode).toBe(409);
    const events = (await get(`/api/proposals/${id}`, reader)).json().events as { action: string }[];
    expect(events.map((e) => e.action)).toEqual([
      'submit',
      'appraise',
      'consult',
      'file',
      'decide',
      'implement',
    ]);
  });

  it('refuses a transfer that would leave the giver over its quota, and writes nothing', async () => {
    // QS01 now has 7 with 6 people: moving 2 would leave 5 for 6.
    const proposal = await decided([
      { kind: 'quota_transfer', fromCode: 'QS04', toCode: 'QS02', quotaKind: 'administrative', amount: 1 },
      { kind: 'quota_transfer', fromCode: 'QS01', toCode: 'QS02', quotaKind: 'administrative', amount: 2 },
    ]);
    const refused = await implement(proposal);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe(
      '第 2 项（编制划转）：QS01 行政编制实有 6 名，减少 2 名后核定 5 名将超编',
    );
    expect(await approved('QS04', EFFECTIVE)).toBe(3);
    expect((await get(`/api/proposals/${proposal}`, clerk)).json().proposal.state).toBe('decided');
  });
});

describe('decisions that change nothing', () => {
  it('a rejected proposal is closed and writes nothing', async () => {
    const submitted = await post('/api/proposals', clerk, {
      title: '旅游局核增编制',
      reason: '—',
      changes: [
        { kind: 'quota_increase', unitCode: 'QS06', quotaKind: 'institutional', amount: 2, source: 'new' },
      ],
    });
    const id = submitted.json().proposal.id;
    await post(`/api/proposals/${id}/appraisal`, clerk, appraisal);
    const rejected = await post(`/api/proposals/${id}/decision`, clerk, {
      outcome: 'rejected',
      meeting: '县编委2026年第3次会议',
      decidedOn: TODAY,
      note: '不符合总量控制要求',
    });
    expect(rejected.json().proposal.state).toBe('rejected');
    expect((await implement(id)).statusCode).toBe(409);
    expect(await approved('QS06', EFFECTIVE, 'institutional')).toBe(0);
  });

  it('a deferred proposal waits, writes nothing, and may be decided at a later meeting', async () => {
    const submitted = await post('/api/proposals', clerk, {
      title: '旅游局更名',
      reason: '文旅融合',
      changes: [{ kind: 'rename', unitCode: 'QS06', name: '青山县文化和旅游局' }],
    });
    const id = submitted.json().proposal.id;
    await post(`/api/proposals/${id}/appraisal`, clerk, appraisal);
    const deferred = await post(`/api/proposals/${id}/decision`, clerk, {
      outcome: 'deferred',
      meeting: '县编委2026年第3次会议',
      decidedOn: TODAY,
    });
    expect(deferred.json().proposal.state).toBe('deferred');
    expect((await implement(id)).statusCode).toBe(409);
    expect((await unitAsOf('QS06', EFFECTIVE)).current!.name).toBe('青山县旅游局');
    const later = await post(`/api/proposals/${id}/decision`, clerk, {
      outcome: 'approved',
      meeting: '县编委2026年第4次会议',
      decidedOn: TODAY,
      documentNo: '青编〔2026〕21号',
    });
    expect(later.json().proposal.state).toBe('decided');
    expect((await implement(id)).statusCode).toBe(200);
    expect((await unitAsOf('QS06', BEFORE)).current!.name).toBe('青山县旅游局');
    expect((await unitAsOf('QS06', EFFECTIVE)).current!.name).toBe('青山县文化和旅游局');
  });

  it('an amended decision replaces the changes, keeping the ones it replaced', async () => {
    const submitted = await post('/api/proposals', clerk, {
      title: '审计局核增编制',
      reason: '审计全覆盖',
      changes: [
        { kind: 'quota_increase', unitCode: 'QS05', quotaKind: 'institutional', amount: 5, source: 'new' },
      ],
    });
    const id = submitted.json().proposal.id;
    await post(`/api/proposals/${id}/appraisal`, clerk, appraisal);
    const amended = await post(`/api/proposals/${id}/decision`, clerk, {
      outcome: 'amended',
      meeting: '县编委2026年第3次会议',
      decidedOn: TODAY,
      documentNo: '青编〔2026〕22号',
      changes: [
        { kind: 'quota_increase', unitCode: 'QS05', quotaKind: 'institutional', amount: 2, source: 'new' },
      ],
    });
    expect(amended.statusCode, amended.body).toBe(200);
    expect(amended.json().changes.map((c: { summary: string }) => c.summary)).toEqual([
      'QS05 核增事业编制 2 名（新增）',
    ]);
    expect(amended.json().superseded.map((c: { summary: string }) => c.summary)).toEqual([
      'QS05 核增事业编制 5 名（新增）',
    ]);
    await implement(id);
    expect(await approved('QS05', EFFECTIVE, 'institutional')).toBe(2);
  });
});

describe('every kind of change, as of the day before and the day of its effect', () => {
  it('核增 of administrative quota needs an upper-level document; with one it is written', async () => {
    const without = await decided([
      { kind: 'quota_increase', unitCode: 'QS02', quotaKind: 'administrative', amount: 2, source: 'new' },
    ]);
    const refused = await implement(without);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe(
      '第 1 项（编制核增）：行政编制总量不得突破：新增须有上级机构编制部门批准文号，或使用机动编制',
    );
    const withDocument = await decided([
      {
        kind: 'quota_increase',
        unitCode: 'QS02',
        quotaKind: 'administrative',
        amount: 2,
        source: 'new',
        upperDocumentNo: '市编办〔2026〕5号',
      },
    ]);
    expect((await implement(withDocument, '2026-07-02')).statusCode).toBe(200);
    expect(await approved('QS02', EFFECTIVE)).toBe(7);
    expect(await approved('QS02', '2026-07-02')).toBe(9);
  });

  it('撤销 sends the quota to the reserve and ends the posts; the reserve then funds another unit', async () => {
    const abolish = await decided([{ kind: 'abolish', unitCode: 'QS04', quotaTo: 'reserve' }]);
    expect((await implement(abolish)).statusCode).toBe(200);
    const before = await unitAsOf('QS04', BEFORE);
    expect(before.quotaFigures.find((q) => q.kind === 'administrative')!.approved).toBe(3);
    expect(before.postFigures.find((p) => p.level === 'head')!.posts).toBe(1);
    expect(await approved('QS04', EFFECTIVE)).toBe(0);
    expect((await unitAsOf('QS04', EFFECTIVE)).postFigures.find((p) => p.level === 'head')?.posts ?? 0).toBe(
      0,
    );
    const [unit] = await query<{ abolished_on: string }>(
      database.db,
      sql`SELECT abolished_on::text FROM units WHERE code = 'QS04'`,
    );
    expect(unit!.abolished_on).toBe(EFFECTIVE);
    expect(await reserveOn(database.db, region.code, 'administrative', BEFORE)).toBe(0);
    expect(await reserveOn(database.db, region.code, 'administrative', EFFECTIVE)).toBe(3);

    const tooMuch = await decided([
      { kind: 'quota_increase', unitCode: 'QS06', quotaKind: 'administrative', amount: 4, source: 'reserve' },
    ]);
    const refused = await implement(tooMuch, '2026-07-03');
    expect(refused.json().message).toBe('第 1 项（编制核增）：本区划行政编制机动编制 3 名，不足 4 名');
    const draw = await decided([
      { kind: 'quota_increase', unitCode: 'QS06', quotaKind: 'administrative', amount: 2, source: 'reserve' },
    ]);
    expect((await implement(draw, '2026-07-03')).statusCode).toBe(200);
    expect(await approved('QS06', '2026-07-03')).toBe(7);
    expect(await reserveOn(database.db, region.code, 'administrative', '2026-07-03')).toBe(1);
  });

  it('撤销 of a unit with people is refused until they are placed', async () => {
    const id = await decided([{ kind: 'abolish', unitCode: 'QS05', quotaTo: 'QS01' }]);
    const refused = await implement(id);
    expect(refused.json().message).toBe('第 1 项（撤销）：QS05 尚有在编人员 1 名，须先安置');
    expect((await unitAsOf('QS05', EFFECTIVE)).status).toBe(200);
  });

  it('设立 with quota from the reserve, then 合并 into it and 分设 from it', async () => {
    const id = await decided([
      {
        kind: 'establish',
        unit: { code: 'QS07', name: '青山县数据局', kind: 'government', rank: 'section' },
      },
      { kind: 'quota_increase', unitCode: 'QS07', quotaKind: 'administrative', amount: 1, source: 'reserve' },
      { kind: 'posts', unitCode: 'QS07', level: 'head', amount: 1 },
    ]);
    expect((await implement(id, '2026-07-04')).statusCode).toBe(200);
    expect((await unitAsOf('QS07', '2026-07-03')).current).toBeNull();
    const created = await unitAsOf('QS07', '2026-07-04');
    expect(created.current!.name).toBe('青山县数据局');
    expect(created.quotaFigures.find((q) => q.kind === 'administrative')!.approved).toBe(1);
    expect(created.postFigures.find((p) => p.level === 'head')!.posts).toBe(1);

    const merge = await decided([{ kind: 'merge', unitCode: 'QS03', intoCode: 'QS07' }]);
    expect((await implement(merge, '2026-07-05')).statusCode).toBe(200);

    const split = await decided([
      {
        kind: 'split',
        fromCode: 'QS06',
        unit: { code: 'QS08', name: '青山县文物局', kind: 'government', rank: 'section' },
        quotas: [{ quotaKind: 'administrative', amount: 2 }],
      },
    ]);
    expect((await implement(split, '2026-07-05')).statusCode).toBe(200);
    expect(await approved('QS06', '2026-07-04')).toBe(7);
    expect(await approved('QS06', '2026-07-05')).toBe(5);
    expect(await approved('QS08', '2026-07-05')).toBe(2);
  });

  it('升格, 降格, 加挂牌子 and 合署 are new versions from the effective date', async () => {
    const up = await decided([
      { kind: 'upgrade', unitCode: 'QS02', rank: 'vice_division' },
      { kind: 'alias', unitCode: 'QS02', name: '青山县教育督导室', action: 'add' },
      { kind: 'co_locate', unitCode: 'QS02', withCode: 'QS01' },
    ]);
    expect((await implement(up, '2026-07-06')).statusCode).toBe(200);
    const before = await unitAsOf('QS02', '2026-07-05');
    const after = await unitAsOf('QS02', '2026-07-06');
    expect(before.current).toMatchObject({ rank: 'section', aliasNames: [] });
    expect(after.current).toMatchObject({ rank: 'vice_division', aliasNames: ['青山县教育督导室'] });
    const wrongWay = await decided([{ kind: 'downgrade', unitCode: 'QS02', rank: 'division' }]);
    const refused = await implement(wrongWay, '2026-07-07');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toMatch(/^第 1 项（降格）：QS02 现为 vice_division，division 不是降格/);
  });

  it('三定修订 issues a charter version; 职责调整 adds, moves and cancels duties', async () => {
    const id = await decided([
      { kind: 'charter', unitCode: 'QS02', functions: '负责全县教育工作', divisions: ['办公室', '督导室'] },
      { kind: 'duties', unitCode: 'QS02', action: 'add', name: '教师资格认定', category: '行政许可' },
      { kind: 'duties', unitCode: 'QS02', action: 'add', name: '民办学校审批', category: '行政许可' },
    ]);
    expect((await implement(id, '2026-07-08')).statusCode).toBe(200);
    const [charter] = await query<{ divisions: string[]; document_no: string }>(
      database.db,
      sql`SELECT divisions, document_no FROM charters WHERE proposal_id = ${id}`,
    );
    expect(charter!.divisions).toEqual(['办公室', '督导室']);
    const duties = await query<{ id: number; name: string }>(
      database.db,
      sql`SELECT id, name FROM duties WHERE proposal_id = ${id} ORDER BY id`,
    );
    const move = await decided([
      { kind: 'duties', unitCode: 'QS02', action: 'move', dutyId: duties[1]!.id, toUnitCode: 'QS01' },
      { kind: 'duties', unitCode: 'QS02', action: 'cancel', dutyId: duties[0]!.id },
    ]);
    expect((await implement(move, '2026-07-09')).statusCode).toBe(200);
    const active = await query<{ unit: string; name: string }>(
      database.db,
      sql`SELECT u.code AS unit, d.name FROM duties d JOIN units u ON u.id = d.unit_id
        WHERE d.valid_from <= '2026-07-09' AND (d.valid_to IS NULL OR d.valid_to > '2026-07-09') ORDER BY d.id`,
    );
    expect(active).toEqual([{ unit: 'QS01', name: '民办学校审批' }]);
  });
});

describe('the process check and who sees what', () => {
  it('flags the aspects of the steps passed that nobody checked', async () => {
    const submitted = await post('/api/proposals', liaison, {
      title: '教育局核增职数',
      reason: '督导职能',
      sponsorUnitCode: 'QS02',
      changes: [{ kind: 'posts', unitCode: 'QS02', level: 'deputy', amount: 1 }],
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const id = submitted.json().proposal.id;
    expect(submitted.json().proposal.missingAspects).toBe(3);
    const checked = await post(`/api/proposals/${id}/checklist`, clerk, {
      aspect: 'M1',
      checked: true,
      note: '已对照',
    });
    const m1 = checked.json().checklist.find((a: { code: string }) => a.code === 'M1');
    expect(m1).toMatchObject({ checked: true, note: '已对照', missing: false });
    expect(checked.json().proposal.missingAspects).toBe(2);
    await post(`/api/proposals/${id}/appraisal`, clerk, appraisal);
    expect((await get(`/api/proposals/${id}`, clerk)).json().proposal.missingAspects).toBe(5);
    // The liaison sees their unit's proposal and no other.
    const mine = (await get('/api/proposals', liaison)).json().items as { id: number }[];
    expect(mine.map((p) => p.id)).toEqual([id]);
    expect(
      (
        await post('/api/proposals', liaison, {
          title: 'x',
          reason: 'y',
          changes: [{ kind: 'rename', unitCode: 'QS02', name: 'z' }],
        })
      ).statusCode,
    ).toBe(400);
  });
});
