import { describe, expect, it } from 'vitest';
import * as spec from '../../../src/modules/interchange/dataset.spec.ts';
import * as roles from '../../../src/modules/users/roles.ts';
import * as labels from './labels.ts';

describe('the Chinese labels of the web application', () => {
  it('are the interchange format’s own, enumeration by enumeration', () => {
    expect(labels.UNIT_KINDS).toEqual(spec.UNIT_KINDS);
    expect(labels.RANKS).toEqual(spec.RANKS);
    expect(labels.PUBLIC_CLASSES).toEqual(spec.PUBLIC_CLASSES);
    expect(labels.FUNDINGS).toEqual(spec.FUNDINGS);
    expect(labels.QUOTA_KINDS).toEqual(spec.QUOTA_KINDS);
    expect(labels.POST_LEVELS).toEqual(spec.POST_LEVELS);
    expect(labels.CATEGORIES).toEqual(spec.CATEGORIES);
    expect(labels.ENTRY_TYPES).toEqual(spec.ENTRY_TYPES);
    expect(labels.RETIREMENT_GROUPS).toEqual(spec.RETIREMENT_GROUPS);
    expect(labels.EXIT_TYPES).toEqual(spec.EXIT_TYPES);
    expect(labels.SEAT_STATUSES).toEqual(spec.SEAT_STATUSES);
    expect(labels.OFF_QUOTA_TYPES).toEqual(spec.OFF_QUOTA_TYPES);
    expect(Object.keys(labels.RANKS)).toEqual(Object.keys(spec.RANKS));
  });

  it('name every dataset file and column as the importer does, required columns included', () => {
    const server = spec.FILES.map((file) => ({
      name: file.name,
      label: file.label,
      columns: file.columns.map((c) => ({ key: c.key, label: c.label, required: !!c.notEmpty })),
    }));
    const web = labels.DATASET_FILES.map((file) => ({
      name: file.name,
      label: file.label,
      columns: file.columns.map((c) => ({ key: c.key, label: c.label, required: c.required })),
    }));
    expect(web).toEqual(server);
  });

  it('name the roles, permissions and departments as the server does', () => {
    expect(labels.ROLES).toEqual(roles.ROLE_LABELS);
    expect(labels.PERMISSIONS).toEqual(roles.PERMISSION_LABELS);
    expect(labels.DEPARTMENTS).toEqual(roles.DEPARTMENT_LABELS);
  });

  it('show a key new to this build as itself, and nothing as a dash', () => {
    expect(labels.labelOf(labels.QUOTA_KINDS, 'administrative')).toBe('行政编制');
    expect(labels.labelOf(labels.QUOTA_KINDS, 'new_kind')).toBe('new_kind');
    expect(labels.labelOf(labels.QUOTA_KINDS, null)).toBe('—');
    expect(labels.optionsOf(labels.FUNDINGS)).toEqual([
      { value: 'full', label: '全额拨款' },
      { value: 'partial', label: '差额拨款' },
      { value: 'self', label: '自收自支' },
    ]);
  });
});
