import type { MergePlan, MergeValue } from './merge.ts';

/** How each staged file maps onto its table. Units and seats have dated versions: see import.versions.ts. */

const v = (target: string, source = `s.${target}`, column: string | null = target): MergeValue => ({
  target,
  source,
  column,
});
const insertOnly = (target: string, source: string): MergeValue => ({ target, source, column: null });

const unitOf = (alias: string, column: string) => `JOIN units ${alias} ON ${alias}.code = s.${column}`;

/** A persons row's retirement group: as stated, or FORMAT.md's default by gender and category. */
export function retirementGroupOf(alias: string): string {
  return `COALESCE(${alias}.retirement_group, CASE WHEN ${alias}.gender = 'male' THEN 'male' WHEN ${alias}.category = 'logistics_worker' THEN 'female_worker' ELSE 'female_cadre' END)`;
}

export const PLANS: Record<string, MergePlan> = {
  regions: {
    entity: 'region',
    table: 'regions',
    from: 'stage_regions s',
    key: { code: 's.code' },
    values: [v('name'), v('parent_code'), v('unit_cap')],
    auditKey: `jsonb_build_object('code', s.code)`,
  },
  units: {
    entity: 'unit',
    table: 'units',
    from: 'stage_units s',
    key: { code: 's.code' },
    values: [v('region_code'), v('established_on'), v('abolished_on'), v('document_no')],
    auditKey: `jsonb_build_object('code', s.code)`,
  },
  unit_versions: {
    entity: 'unit_version',
    table: 'unit_versions',
    from: `stage_unit_versions s ${unitOf('u', 'code')} LEFT JOIN units pu ON pu.code = s.parent_code`,
    key: { unit_id: 'u.id', valid_from: 's.valid_from' },
    nullableKeys: ['valid_from'],
    values: [
      v('name'),
      v('kind'),
      v('rank'),
      v('public_class'),
      v('funding'),
      {
        target: 'reference_managed',
        source: 'COALESCE(s.reference_managed, false)',
        column: 'reference_managed',
        insertAlways: true,
      },
      v('parent_id', 'pu.id', 'parent_code'),
      v('division_cap'),
      {
        target: 'alias_names',
        source: `COALESCE(s.alias_names, '{}')`,
        column: 'alias_names',
        insertAlways: true,
      },
      v('sort_order'),
      insertOnly('region_code', 'u.region_code'),
    ],
    auditKey: `jsonb_build_object('code', s.code, 'validFrom', s.valid_from)`,
  },
  quotas: {
    entity: 'quota_ledger',
    table: 'quota_ledger',
    from: `stage_quotas s ${unitOf('u', 'unit_code')}`,
    key: { unit_id: 'u.id', kind: 's.kind', effective_on: 's.effective_on', document_no: 's.document_no' },
    values: [v('amount'), insertOnly('region_code', 'u.region_code')],
    auditKey: `jsonb_build_object('unitCode', s.unit_code, 'kind', s.kind, 'effectiveOn', s.effective_on, 'documentNo', s.document_no)`,
  },
  posts: {
    entity: 'post_ledger',
    table: 'post_ledger',
    from: `stage_posts s ${unitOf('u', 'unit_code')}`,
    key: { unit_id: 'u.id', level: 's.level', effective_on: 's.effective_on', document_no: 's.document_no' },
    values: [v('amount'), insertOnly('region_code', 'u.region_code')],
    auditKey: `jsonb_build_object('unitCode', s.unit_code, 'level', s.level, 'effectiveOn', s.effective_on, 'documentNo', s.document_no)`,
  },
  charters: {
    entity: 'charter',
    table: 'charters',
    from: `stage_charters s ${unitOf('u', 'unit_code')}`,
    key: { unit_id: 'u.id', issued_on: 's.issued_on' },
    values: [v('document_no'), insertOnly('region_code', 'u.region_code')],
    auditKey: `jsonb_build_object('unitCode', s.unit_code, 'issuedOn', s.issued_on)`,
  },
  persons: {
    entity: 'person',
    table: 'persons',
    // One person per ID number: the last of its rows in the file speaks for the person (see personHeads).
    from: `stage_person_heads s ${unitOf('u', 'unit_code')}`,
    key: { id_index: 's.id_index' },
    values: [
      v('name'),
      {
        target: 'retirement_group',
        source: retirementGroupOf('s'),
        column: 'retirement_group',
        insertAlways: true,
      },
      v('education'),
      v('major'),
      v('ethnicity'),
      v('political_status'),
      v('title'),
      insertOnly('region_code', 'u.region_code'),
      insertOnly('id_cipher', 's.id_cipher'),
      insertOnly('id_masked', 's.id_masked'),
      insertOnly('gender', 's.gender'),
      insertOnly('birth_date', 's.birth_date'),
    ],
    auditKey: `jsonb_build_object('idNumber', s.id_masked)`,
  },
  seats: {
    entity: 'seat',
    table: 'seats',
    from: `stage_persons s JOIN persons p ON p.id_index = s.id_index ${unitOf('u', 'unit_code')} LEFT JOIN units wu ON wu.code = s.work_unit_code`,
    key: { person_id: 'p.id', unit_id: 'u.id', entered_on: 's.entered_on' },
    values: [
      v('quota_kind'),
      v('category'),
      v('entry_type'),
      v('approval_no'),
      // 工作所在单位 defaults to the seat's unit: stored as null then, so either spelling compares equal.
      v('work_unit_id', 'NULLIF(wu.id, u.id)', 'work_unit_code'),
      v('exited_on'),
      v('exit_type'),
      { target: 'status', source: `COALESCE(s.status, 'on_post')`, column: 'status' },
      insertOnly('region_code', 'u.region_code'),
    ],
    auditKey: `jsonb_build_object('idNumber', s.id_masked, 'unitCode', s.unit_code, 'enteredOn', s.entered_on)`,
  },
  seat_posts: {
    entity: 'seat_post',
    table: 'seat_posts',
    from: `stage_seat_posts s JOIN persons p ON p.id_index = s.id_index ${unitOf('u', 'unit_code')}
           JOIN seats st ON st.person_id = p.id AND st.unit_id = u.id AND st.entered_on = s.entered_on
           LEFT JOIN units pu ON pu.code = s.post_unit_code`,
    key: { seat_id: 'st.id', valid_from: 's.valid_from' },
    nullableKeys: ['valid_from'],
    values: [
      v('post_level'),
      v('post_unit_id', 'NULLIF(pu.id, u.id)', 'post_unit_code'),
      v('post_rank'),
      insertOnly('region_code', 'u.region_code'),
    ],
    auditKey: `jsonb_build_object('idNumber', s.id_masked, 'unitCode', s.unit_code, 'enteredOn', s.entered_on, 'validFrom', s.valid_from)`,
  },
  secondments: {
    entity: 'secondment',
    table: 'secondments',
    from: `stage_secondments s JOIN persons p ON p.id_index = s.id_index ${unitOf('fu', 'from_unit_code')} ${unitOf('tu', 'to_unit_code')}`,
    key: { person_id: 'p.id', from_unit_id: 'fu.id', to_unit_id: 'tu.id', start_on: 's.start_on' },
    values: [v('end_on'), v('returned_on'), v('document_no'), insertOnly('region_code', 'fu.region_code')],
    auditKey: `jsonb_build_object('idNumber', s.id_masked, 'fromUnitCode', s.from_unit_code, 'toUnitCode', s.to_unit_code, 'startOn', s.start_on)`,
  },
  off_quota: {
    entity: 'off_quota_staff',
    table: 'off_quota_staff',
    from: `stage_off_quota s ${unitOf('u', 'unit_code')}`,
    key: { id_index: 's.id_index', unit_id: 'u.id', start_on: 's.start_on' },
    values: [
      v('name'),
      v('type'),
      v('end_on'),
      v('post_level'),
      insertOnly('region_code', 'u.region_code'),
      insertOnly('id_cipher', 's.id_cipher'),
      insertOnly('id_masked', 's.id_masked'),
    ],
    auditKey: `jsonb_build_object('idNumber', s.id_masked, 'unitCode', s.unit_code, 'startOn', s.start_on)`,
  },
  payroll: {
    entity: 'payroll',
    table: 'payroll',
    from: `stage_payroll s ${unitOf('u', 'unit_code')}`,
    key: { period: 's.period', id_index: 's.id_index', unit_id: 'u.id' },
    values: [
      v('name'),
      v('amount'),
      insertOnly('region_code', 'u.region_code'),
      insertOnly('id_cipher', 's.id_cipher'),
      insertOnly('id_masked', 's.id_masked'),
    ],
    auditKey: `jsonb_build_object('period', s.period, 'idNumber', s.id_masked, 'unitCode', s.unit_code)`,
  },
  insurance: {
    entity: 'insurance',
    table: 'insurance',
    from: `stage_insurance s ${unitOf('u', 'unit_code')}`,
    key: { period: 's.period', id_index: 's.id_index', unit_id: 'u.id' },
    values: [
      v('name'),
      insertOnly('region_code', 'u.region_code'),
      insertOnly('id_cipher', 's.id_cipher'),
      insertOnly('id_masked', 's.id_masked'),
    ],
    auditKey: `jsonb_build_object('period', s.period, 'idNumber', s.id_masked, 'unitCode', s.unit_code)`,
  },
};
