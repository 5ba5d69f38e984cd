import { describe, expect, it } from 'vitest';
import { DATASET_FILES } from '../../shared/labels.ts';
import { templateCsv, templateNotes } from './templates.ts';

const file = (name: string) => DATASET_FILES.find((f) => f.name === name)!;

describe('an import template made in the browser', () => {
  it('is a CSV with a BOM and the Chinese column labels as its header', () => {
    expect(templateCsv(file('quotas'))).toBe('\uFEFF机构代码,编制类型,数量,生效日期,文号\r\n');
  });

  it('notes the required columns and the allowed values', () => {
    const notes = templateNotes(file('posts'));
    expect(notes[0]).toBe('必填列：机构代码、职数类别、数量、生效日期、文号');
    expect(notes).toContain('职数类别：单位正职、单位副职、内设机构正职、内设机构副职');
  });
});
