import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appOptionsFor } from '../../../test/support/app-harness.ts';
import { type AuthHeaders, createUser, loginAs } from '../../../test/support/auth.ts';
import { addPost, addQuota, buildRegion, buildSeat, buildUnit } from '../../../test/support/factories.ts';
import { formOf } from '../../../test/support/multipart.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import { type App, buildApp } from '../../app.ts';
import { type Database, query, sql } from '../../db/database.ts';
import { reserveOn } from './proposals.apply.ts';
import { rules } from '../warnings/warnings.registry.ts';
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
  const archive = await unit('QS03', '青山县档案局');
  const stats = await unit('QS04', '青山县统计局');
  const audit = await unit('QS05', '青山县审计局');
  const tourism = await unit('QS06', '青山县旅游局');
  await addQuota(db, finance, { kind: 'administrative', amount: 10, effectiveOn: '2020-01-01' });
  for (let i = 0; i < 6; i++) await buildSeat(db, { unit: finance, quotaKind: 'administrative' });
  await addQuota(db, education, { kind: 'administrative', amount: 4, effectiveOn: '2020-01-01' });
  await addQuota(db, archive, { kind: 'administrative', amount: 2, effectiveOn: '2020-01-01' });
  await addPost(db, archive, { level: 'head', amount: 1, effectiveOn: '2020-01-01' });
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
    expect(await approved('QS04', EFFECTIVE)).toBe(0);
    expect(before.postFigures.find((p) => p.level === 'head')!.posts).toBe(1);
    const posts = async (on: string) =>
      (
        await query<{ sum: number }>(
          database.db,
          sql`SELECT coalesce(sum(l.amount), 0)::int AS sum FROM post_ledger l JOIN units u ON u.id = l.unit_id
            WHERE u.code = 'QS04' AND l.level = 'head' AND l.effective_on <= ${on}::date`,
        )
      )[0]!.sum;
    expect([await posts(BEFORE), await posts(EFFECTIVE)]).toEqual([1, 0]);
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
    expect([await approved('QS03', '2026-07-04'), await approved('QS03', '2026-07-05')]).toEqual([2, 0]);
    expect([await approved('QS07', '2026-07-04'), await approved('QS07', '2026-07-05')]).toEqual([1, 3]);
    expect(
      (await unitAsOf('QS03', '2026-07-05')).postFigures.find((p) => p.level === 'head')?.posts ?? 0,
    ).toBe(0);
    expect((await unitAsOf('QS03', '2026-07-04')).postFigures.find((p) => p.level === 'head')!.posts).toBe(1);

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
    const down = await decided([{ kind: 'downgrade', unitCode: 'QS02', rank: 'section' }]);
    expect((await implement(down, '2026-07-07')).statusCode).toBe(200);
    expect((await unitAsOf('QS02', '2026-07-06')).current!.rank).toBe('vice_division');
    expect((await unitAsOf('QS02', '2026-07-07')).current!.rank).toBe('section');
    const coLocated = await query<{ valid_from: string; partner: string | null }>(
      database.db,
      sql`SELECT v.valid_from::text, p.code AS partner FROM unit_versions v JOIN units u ON u.id = v.unit_id
        LEFT JOIN units p ON p.id = v.co_located_with WHERE u.code = 'QS02' ORDER BY v.valid_from NULLS FIRST`,
    );
    expect(coLocated).toEqual([
      { valid_from: null, partner: null },
      { valid_from: '2026-07-06', partner: 'QS01' },
      { valid_from: '2026-07-07', partner: 'QS01' },
    ]);
  });

  it('核减 cuts quota or takes it back into the reserve, never below the people; 职数 change with their dates', async () => {
    const overCut = await decided([
      { kind: 'quota_decrease', unitCode: 'QS01', quotaKind: 'administrative', amount: 2, to: 'cut' },
    ]);
    expect((await implement(overCut, '2026-07-10')).json().message).toBe(
      '第 1 项（编制核减）：QS01 行政编制实有 6 名，减少 2 名后核定 5 名将超编',
    );
    const reserveBefore = await reserveOn(database.db, region.code, 'administrative', '2026-07-10');
    const id = await decided([
      { kind: 'quota_decrease', unitCode: 'QS02', quotaKind: 'administrative', amount: 2, to: 'cut' },
      { kind: 'quota_decrease', unitCode: 'QS08', quotaKind: 'administrative', amount: 1, to: 'reserve' },
      { kind: 'posts', unitCode: 'QS02', level: 'deputy', amount: 2 },
    ]);
    expect((await implement(id, '2026-07-10')).statusCode).toBe(200);
    expect([await approved('QS02', '2026-07-09'), await approved('QS02', '2026-07-10')]).toEqual([9, 7]);
    expect([await approved('QS08', '2026-07-09'), await approved('QS08', '2026-07-10')]).toEqual([2, 1]);
    expect(await reserveOn(database.db, region.code, 'administrative', '2026-07-10')).toBe(reserveBefore + 1);
    const deputies = async (on: string) =>
      (await unitAsOf('QS02', on)).postFigures.find((p) => p.level === 'deputy')?.posts ?? 0;
    expect([await deputies('2026-07-09'), await deputies('2026-07-10')]).toEqual([0, 2]);
    const tooFew = await decided([{ kind: 'posts', unitCode: 'QS02', level: 'deputy', amount: -3 }]);
    expect((await implement(tooFew, '2026-07-11')).json().message).toBe(
      '第 1 项（领导职数调整）：QS02 现有职数 2 名，实配 0 名，不能核减 3 名',
    );
  });

  it('三定修订 issues a charter version; 职责调整 adds, moves and cancels duties', async () => {
    const id = await decided([
      { kind: 'charter', unitCode: 'QS02', functions: '负责全县教育工作', divisions: ['办公室', '督导室'] },
      { kind: 'duties', unitCode: 'QS02', action: 'add', name: '教师资格认定', category: '行政许可' },
      { kind: 'duties', unitCode: 'QS02', action: 'add', name: '民办学校审批', category: '行政许可' },
      { kind: 'duties', unitCode: 'QS02', action: 'add', name: '校外培训机构检查', category: '行政检查' },
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
      { kind: 'duties', unitCode: 'QS02', action: 'devolve', dutyId: duties[2]!.id, toUnitCode: 'QS05' },
    ]);
    expect((await implement(move, '2026-07-09')).statusCode).toBe(200);
    const active = await query<{ unit: string; name: string }>(
      database.db,
      sql`SELECT u.code AS unit, d.name FROM duties d JOIN units u ON u.id = d.unit_id
        WHERE d.valid_from <= '2026-07-09' AND (d.valid_to IS NULL OR d.valid_to > '2026-07-09') ORDER BY d.id`,
    );
    expect(active).toEqual([
      { unit: 'QS01', name: '民办学校审批' },
      { unit: 'QS05', name: '校外培训机构检查' },
    ]);
    const devolved = (await get('/api/units/QS05/duties?asOf=2026-07-09', reader)).json().duties;
    expect(devolved).toEqual([expect.objectContaining({ originUnitCode: 'QS02', originAction: 'devolve' })]);
    const stillThere = (await get('/api/units/QS02/duties?asOf=2026-07-08', reader)).json().duties;
    expect(stillThere.map((d: { name: string }) => d.name)).toEqual([
      '校外培训机构检查',
      '教师资格认定',
      '民办学校审批',
    ]);
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

describe('charters that lag their changes', () => {
  const staleOn = async (asOf: string) => {
    const rule = rules.find((r) => r.code === 'STALE_CHARTER')!;
    const found = await rule.scan(database.db, { asOf, period: asOf.slice(0, 7) });
    return found
      .map((w) => (w as { unitCode?: string }).unitCode)
      .filter((c) => c === 'QS09' || c === 'QS10');
  };

  it('warns of STALE_CHARTER 180 days after a quota change that came without a 三定修订', async () => {
    for (const code of ['QS09', 'QS10']) {
      const unit = await buildUnit(database.db, { regionCode: region.code, code, name: `青山县${code}` });
      await addQuota(database.db, unit, { kind: 'administrative', amount: 3, effectiveOn: '2020-01-01' });
      await query(
        database.db,
        sql`INSERT INTO charters (region_code, unit_id, issued_on, document_no)
          VALUES (${region.code}, ${unit.id}, '2020-01-01', '青编〔2020〕1号')`,
      );
    }
    const bare = await decided([
      { kind: 'quota_increase', unitCode: 'QS09', quotaKind: 'institutional', amount: 1, source: 'new' },
    ]);
    const revised = await decided([
      { kind: 'quota_increase', unitCode: 'QS10', quotaKind: 'institutional', amount: 1, source: 'new' },
      { kind: 'charter', unitCode: 'QS10', functions: '负责……', divisions: ['办公室'] },
    ]);
    expect((await implement(bare, '2026-07-10')).statusCode).toBe(200);
    expect((await implement(revised, '2026-07-10')).statusCode).toBe(200);
    expect(await staleOn('2027-01-06')).toEqual([]);
    expect(await staleOn('2027-01-07')).toEqual(['QS09']);
  });

  it('shows each charter version with what it set, and the duties a unit holds on a date', async () => {
    const detail = (await get('/api/units/QS10?asOf=2026-07-10', reader)).json();
    expect(detail.charters.map((c: { issuedOn: string }) => c.issuedOn)).toEqual([
      '2020-01-01',
      '2026-07-10',
    ]);
    expect(detail.charters[1]).toMatchObject({
      functions: '负责……',
      divisions: ['办公室'],
      quota: { administrative: 3, institutional: 1 },
      posts: {},
      proposalId: expect.any(Number),
    });
    const duties = (await get('/api/units/QS01/duties?asOf=2026-07-09', reader)).json();
    expect(duties.duties).toEqual([
      expect.objectContaining({
        name: '民办学校审批',
        category: '行政许可',
        originUnitCode: 'QS02',
        originAction: 'move',
      }),
    ]);
    const earlier = (await get('/api/units/QS01/duties?asOf=2026-07-08', reader)).json();
    expect(earlier.duties).toEqual([]);
  });
});

describe('what a change leaves holds from its date on', () => {
  beforeAll(async () => {
    const unit = await buildUnit(database.db, {
      regionCode: region.code,
      code: 'QS11',
      name: '青山县地震局',
      rank: 'section',
    });
    await addQuota(database.db, unit, { kind: 'administrative', amount: 5, effectiveOn: '2020-01-01' });
    await addPost(database.db, unit, { level: 'head', amount: 1, effectiveOn: '2020-01-01' });
    await buildSeat(database.db, { unit, quotaKind: 'administrative', post: { level: 'head' } });
  });

  it('refuses taking quota that a later change has already taken', async () => {
    const later = await decided([
      { kind: 'quota_decrease', unitCode: 'QS11', quotaKind: 'administrative', amount: 3, to: 'cut' },
    ]);
    expect((await implement(later, '2026-09-01')).statusCode).toBe(200);
    const earlier = await decided([
      { kind: 'quota_transfer', fromCode: 'QS11', toCode: 'QS02', quotaKind: 'administrative', amount: 2 },
    ]);
    const refused = await implement(earlier, '2026-08-01');
    expect(refused.json().message).toBe(
      '第 1 项（编制划转）：QS11 行政编制实有 1 名，减少 2 名后核定 0 名将超编',
    );
    expect(await approved('QS11', '2026-09-01')).toBe(2);
  });

  it('refuses drawing on the reserve what a later draw has already taken', async () => {
    const held = await reserveOn(database.db, region.code, 'administrative', '2026-12-31');
    expect(held).toBeGreaterThan(0);
    const later = await decided([
      {
        kind: 'quota_increase',
        unitCode: 'QS02',
        quotaKind: 'administrative',
        amount: held,
        source: 'reserve',
      },
    ]);
    expect((await implement(later, '2026-12-01')).statusCode).toBe(200);
    const earlier = await decided([
      { kind: 'quota_increase', unitCode: 'QS06', quotaKind: 'administrative', amount: 1, source: 'reserve' },
    ]);
    const refused = await implement(earlier, '2026-11-01');
    expect(refused.json().message).toBe(
      `第 1 项（编制核增）：本区划行政编制机动编制 ${held} 名（2026-11-01 之后最少 0 名），不足 1 名`,
    );
    expect(await reserveOn(database.db, region.code, 'administrative', '2026-12-31')).toBe(0);
  });

  it('keeps every version: no change before a later one, none over another proposal’s day', async () => {
    const rename = await decided([{ kind: 'rename', unitCode: 'QS11', name: '青山县防震减灾中心' }]);
    expect((await implement(rename, '2026-09-01')).statusCode).toBe(200);
    const before = await decided([{ kind: 'downgrade', unitCode: 'QS11', rank: 'vice_section' }]);
    expect((await implement(before, '2026-08-15')).json().message).toBe(
      '第 1 项（降格）：QS11 在 2026-09-01 已有沿革记录，本项须在该日或之后生效',
    );
    const sameDay = await decided([{ kind: 'downgrade', unitCode: 'QS11', rank: 'vice_section' }]);
    expect((await implement(sameDay, '2026-09-01')).json().message).toBe(
      '第 1 项（降格）：QS11 在 2026-09-01 已有另一沿革记录，同一日不能再作调整',
    );
    expect((await unitAsOf('QS11', '2026-09-01')).current).toMatchObject({
      name: '青山县防震减灾中心',
      rank: 'section',
    });
  });

  it('refuses cutting a post its holder still fills', async () => {
    const cut = await decided([{ kind: 'posts', unitCode: 'QS11', level: 'head', amount: -1 }]);
    expect((await implement(cut, '2026-09-02')).json().message).toBe(
      '第 1 项（领导职数调整）：QS11 现有职数 1 名，实配 1 名，不能核减 1 名',
    );
  });

  it('tells apart two proposals under one 文号 touching the same figure on the same day', async () => {
    const first = await decided(
      [{ kind: 'quota_increase', unitCode: 'QS06', quotaKind: 'institutional', amount: 1, source: 'new' }],
      clerk,
      '青编〔2026〕88号',
    );
    const second = await decided(
      [{ kind: 'quota_increase', unitCode: 'QS06', quotaKind: 'institutional', amount: 2, source: 'new' }],
      clerk,
      '青编〔2026〕88号',
    );
    expect((await implement(first, '2026-10-01')).statusCode).toBe(200);
    expect((await implement(second, '2026-10-01')).json().message).toBe(
      '第 1 项（编制核增）：QS06 的事业编制在 2026-10-01 已有文号 青编〔2026〕88号 的调整记录：请以另一日期或文号实施',
    );
  });

  it('lets a liaison name only the units in their charge, and refuses a date PostgreSQL cannot hold', async () => {
    const response = await post('/api/proposals', liaison, {
      title: '撤销地震局',
      reason: '—',
      sponsorUnitCode: 'QS02',
      changes: [{ kind: 'abolish', unitCode: 'QS11', quotaTo: 'QS02' }],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toBe(
      '第 1 项（撤销）：单位联络员只能就本单位及所属机构提出动议，QS11 不在其列',
    );
    expect((await get('/api/units/QS01/duties?asOf=0000-01-01', clerk)).statusCode).toBe(400);
    expect((await get('/api/change-statistics?from=0000-01-01&to=2026-01-01', clerk)).statusCode).toBe(400);
  });
});

describe('two implementations at once', () => {
  it('lets only one of two proposals take the reserve’s last quota, ten times over', async () => {
    const unit = await buildUnit(database.db, {
      regionCode: region.code,
      code: 'QS13',
      name: '青山县编制周转池',
    });
    await addQuota(database.db, unit, { kind: 'administrative', amount: 100, effectiveOn: '2020-01-01' });
    for (let trial = 1; trial <= 10; trial++) {
      const on = `2027-02-${String(trial).padStart(2, '0')}`;
      expect(await reserveOn(database.db, region.code, 'administrative', on)).toBe(0);
      const takeBack = await decided([
        { kind: 'quota_decrease', unitCode: 'QS13', quotaKind: 'administrative', amount: 1, to: 'reserve' },
      ]);
      expect((await implement(takeBack, on)).statusCode).toBe(200);
      const draws = await Promise.all(
        ['QS02', 'QS06'].map((unitCode) =>
          decided([
            { kind: 'quota_increase', unitCode, quotaKind: 'administrative', amount: 1, source: 'reserve' },
          ]),
        ),
      );
      const answers = await Promise.all(draws.map((id) => implement(id, on)));
      expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
      expect(await reserveOn(database.db, region.code, 'administrative', on)).toBe(0);
    }
  });
});
