import { describe, expect, it } from 'vitest';
import { labelledFigures } from './warnings.figures.ts';

describe('the figures of a warning as the dashboard shows them', () => {
  it('labels each figure in Chinese, names coded values and leaves out the subject', () => {
    expect(
      labelledFigures({
        unitCode: 'QS001',
        idNumber: '320902198001010011',
        quotaKind: 'school_staff',
        approved: 2,
        headcount: 3,
        unitCodes: ['QS001', 'QS002'],
        postRank: 'vice_section',
        somethingNew: null,
      }),
    ).toEqual([
      { key: 'quotaKind', label: '编制类型', value: '中小学教职工编制' },
      { key: 'approved', label: '核定数', value: '2' },
      { key: 'headcount', label: '实有人数', value: '3' },
      { key: 'unitCodes', label: '占编单位', value: 'QS001、QS002' },
      { key: 'postRank', label: '职务层次', value: '副科' },
      { key: 'somethingNew', label: 'somethingNew', value: '' },
    ]);
  });
});
