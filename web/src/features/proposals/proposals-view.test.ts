import { describe, expect, it } from 'vitest';
import type { AspectEntry, Change } from './proposals.api.ts';
import {
  aspectsByStep,
  CHANGE_FIELDS,
  CHANGE_KINDS,
  changeOf,
  eventLabel,
  progressOf,
  tasksFor,
  valuesOf,
  withUnitNames,
} from './proposals-view.ts';

const manager = ['register.read', 'proposals.submit', 'proposals.manage'];

describe('where a proposal stands', () => {
  it('puts the Steps bar on the step under way, waiting when deferred and failed when rejected', () => {
    expect(progressOf('submitted')).toEqual({ current: 1, status: 'process' });
    expect(progressOf('appraised')).toEqual({ current: 2, status: 'process' });
    expect(progressOf('deferred')).toEqual({ current: 2, status: 'wait' });
    expect(progressOf('rejected')).toEqual({ current: 2, status: 'error' });
    expect(progressOf('decided')).toEqual({ current: 3, status: 'process' });
    expect(progressOf('implemented')).toEqual({ current: 3, status: 'finish' });
  });

  it('offers the actions of the state to proposals.manage only', () => {
    expect(tasksFor('submitted', manager)).toEqual(['appraise', 'consult', 'upload', 'check']);
    expect(tasksFor('appraised', manager)).toEqual(['appraise', 'consult', 'upload', 'decide', 'check']);
    expect(tasksFor('deferred', manager)).toEqual(['decide', 'check']);
    expect(tasksFor('decided', manager)).toEqual(['implement', 'check']);
    expect(tasksFor('implemented', manager)).toEqual(['check']);
    expect(tasksFor('appraised', ['register.read', 'proposals.submit'])).toEqual([]);
  });

  it('names the trail’s actions in Chinese', () => {
    expect(eventLabel('decide')).toBe('审议决定');
    expect(eventLabel('something_new')).toBe('something_new');
  });

  it('groups the 12 aspects under their four steps in order', () => {
    const aspect = (code: string, step: string): AspectEntry => ({
      code,
      step,
      label: code,
      checked: false,
      note: null,
      by: null,
      at: null,
      missing: false,
    });
    const groups = aspectsByStep([aspect('D1', 'decision'), aspect('M1', 'motion'), aspect('M2', 'motion')]);
    expect(groups.map((g) => [g.label, g.aspects.map((a) => a.code)])).toEqual([
      ['动议', ['M1', 'M2']],
      ['论证', []],
      ['审议决定', ['D1']],
      ['组织实施', []],
    ]);
  });
});

describe('a change’s form', () => {
  it('asks every kind for its fields', () => {
    expect(Object.keys(CHANGE_FIELDS).sort()).toEqual([...CHANGE_KINDS].sort());
    expect(CHANGE_FIELDS.quota_transfer.map((s) => s.label)).toEqual([
      '划出机构',
      '划入机构',
      '编制类型',
      '数量',
    ]);
  });

  it('makes the payload the API takes, trimming text and leaving out what was not given', () => {
    expect(
      changeOf({
        kind: 'quota_transfer',
        fromCode: 'A',
        toCode: 'B',
        quotaKind: 'administrative',
        amount: 3,
      }),
    ).toEqual({ kind: 'quota_transfer', fromCode: 'A', toCode: 'B', quotaKind: 'administrative', amount: 3 });
    expect(
      changeOf({
        kind: 'quota_increase',
        unitCode: 'A',
        quotaKind: 'institutional',
        amount: 2,
        source: 'new',
        upperDocumentNo: '  ',
      }),
    ).toEqual({
      kind: 'quota_increase',
      unitCode: 'A',
      quotaKind: 'institutional',
      amount: 2,
      source: 'new',
    });
    expect(changeOf({ kind: 'abolish', unitCode: 'A', quotaTo: 'reserve' })).toEqual({
      kind: 'abolish',
      unitCode: 'A',
      quotaTo: 'reserve',
    });
    expect(changeOf({ kind: 'establish', newCode: ' N1 ', name: '数据局', newKind: 'government' })).toEqual({
      kind: 'establish',
      unit: { code: 'N1', name: '数据局', kind: 'government' },
    });
    expect(
      changeOf({ kind: 'charter', unitCode: 'A', functions: '职责', divisions: '办公室\n\n 督导室 ' }),
    ).toEqual({ kind: 'charter', unitCode: 'A', functions: '职责', divisions: ['办公室', '督导室'] });
    expect(
      changeOf({ kind: 'split', fromCode: 'A', newCode: 'N2', name: '文物局', newKind: 'government' }),
    ).toMatchObject({ quotas: [] });
  });

  it('reads a change back into the same values, so an amended decision starts from it', () => {
    const changes: Change[] = [
      { kind: 'quota_transfer', fromCode: 'A', toCode: 'B', quotaKind: 'administrative', amount: 3 },
      { kind: 'posts', unitCode: 'A', level: 'deputy', amount: -1 },
      { kind: 'alias', unitCode: 'A', name: '督导室', action: 'add' },
      { kind: 'duties', unitCode: 'A', action: 'move', dutyId: 4, toUnitCode: 'B' },
      { kind: 'charter', unitCode: 'A', functions: '职责', divisions: ['办公室', '督导室'] },
      { kind: 'establish', unit: { code: 'N1', name: '数据局', kind: 'government', rank: 'section' } },
      {
        kind: 'split',
        fromCode: 'A',
        unit: { code: 'N2', name: '文物局', kind: 'government' },
        quotas: [{ quotaKind: 'administrative', amount: 2 }],
      },
    ];
    for (const change of changes) expect(changeOf(valuesOf(change))).toEqual(change);
  });
});

describe('a change’s summary', () => {
  it('names the units the server gives by code, leaving unknown codes as they are', () => {
    const names = new Map([
      ['A01', '青源县财政局'],
      ['B02', '青源县教育和体育局'],
    ]);
    const nameOf = (code: string) => names.get(code) ?? code;
    expect(withUnitNames('行政编制 3 名从 A01 划转至 B02', nameOf)).toBe(
      '行政编制 3 名从 青源县财政局 划转至 青源县教育和体育局',
    );
    expect(withUnitNames('撤销 C03，编制划入 A01', nameOf)).toBe('撤销 C03，编制划入 青源县财政局');
  });
});
