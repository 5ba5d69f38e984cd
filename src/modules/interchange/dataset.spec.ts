/**
 * The interchange format of FORMAT.md as data: every file, its columns (key and Chinese label),
 * their types and enumerations, and its natural key. The importer, the exporter, the templates and
 * the error messages all read it from here.
 */

export type Enumeration = Readonly<Record<string, string>>;

export const UNIT_KINDS: Enumeration = {
  party_committee: '党委部门',
  people_congress: '人大机关',
  government: '政府部门',
  dept_managed: '部门管理机构',
  dispatched: '派出机构',
  cppcc: '政协机关',
  supervision: '监察机关',
  court: '审判机关',
  procuratorate: '检察机关',
  mass_org: '群团机关',
  democratic_party: '民主党派和工商联',
  subdistrict: '街道',
  township: '乡镇',
  development_zone: '开发区园区',
  public_institution: '事业单位',
  internal_division: '内设机构',
  coordination_body: '议事协调机构',
};

/** Ordered from high to low. */
export const RANKS: Enumeration = {
  bureau: '正厅',
  vice_bureau: '副厅',
  division: '正处',
  vice_division: '副处',
  section: '正科',
  vice_section: '副科',
  unit_level: '股级',
};

export const PUBLIC_CLASSES: Enumeration = {
  admin_function: '承担行政职能',
  public_1: '公益一类',
  public_2: '公益二类',
  business: '生产经营类',
};

export const FUNDINGS: Enumeration = { full: '全额拨款', partial: '差额拨款', self: '自收自支' };

export const QUOTA_KINDS: Enumeration = {
  administrative: '行政编制',
  political_legal: '政法专项编制',
  logistics: '机关工勤编制',
  institutional: '事业编制',
  school_staff: '中小学教职工编制',
  turnover: '周转编制',
};

export const POST_LEVELS: Enumeration = {
  head: '单位正职',
  deputy: '单位副职',
  division_head: '内设机构正职',
  division_deputy: '内设机构副职',
};

export const CATEGORIES: Enumeration = {
  civil_servant: '公务员',
  reference_civil_servant: '参公人员',
  institution_staff: '事业人员',
  logistics_worker: '工勤人员',
};

export const ENTRY_TYPES: Enumeration = {
  exam: '考录',
  recruit: '公开招聘',
  transfer_in: '调入',
  military: '军转安置',
  selected_graduate: '选调生',
  other: '其他',
};

export const RETIREMENT_GROUPS: Enumeration = {
  male: '男职工',
  female_cadre: '原55周岁女职工',
  female_worker: '原50周岁女职工',
};

export const EXIT_TYPES: Enumeration = {
  retire: '退休',
  transfer_out: '调出',
  resign: '辞职',
  dismiss: '辞退',
  death: '死亡',
  expel: '开除',
};

export const SEAT_STATUSES: Enumeration = {
  on_post: '在岗',
  sick_leave: '长期病休',
  attached: '挂职',
  awaiting: '待分配',
  startup_leave: '离岗创业',
};

export const OFF_QUOTA_TYPES: Enumeration = {
  contract: '合同制',
  outsourced: '劳务派遣/购买服务',
  temporary: '临时聘用',
};

export const BOOLEANS: Enumeration = { true: '是', false: '否' };

export type ColumnType =
  | { type: 'text' }
  | { type: 'int' }
  | { type: 'decimal' }
  | { type: 'date' }
  | { type: 'period' }
  | { type: 'bool' }
  | { type: 'list' }
  | { type: 'enum'; values: Enumeration }
  | { type: 'id_number' }
  | { type: 'unit_code' }
  | { type: 'region_code' };

export interface ColumnSpec {
  key: string;
  label: string;
  column: ColumnType;
  /** Must be present in the file's header. */
  required?: boolean;
  /** Must be filled in every row (a key column, or a value the row cannot do without). */
  notEmpty?: boolean;
}

export interface FileSpec {
  name: string;
  label: string;
  columns: ColumnSpec[];
  key: string[];
}

const text = { type: 'text' } as const;
const int = { type: 'int' } as const;
const date = { type: 'date' } as const;
const unitCode = { type: 'unit_code' } as const;
const idNumber = { type: 'id_number' } as const;
const enumOf = (values: Enumeration) => ({ type: 'enum', values }) as const;

const col = (
  key: string,
  label: string,
  column: ColumnType,
  flags: Partial<ColumnSpec> = {},
): ColumnSpec => ({
  key,
  label,
  column,
  ...flags,
});
const keyCol = (key: string, label: string, column: ColumnType) =>
  col(key, label, column, { required: true, notEmpty: true });

const unitVersionColumns = [
  col('name', '机构名称', text, { notEmpty: true }),
  col('kind', '机构类别', enumOf(UNIT_KINDS), { notEmpty: true }),
  col('rank', '机构规格', enumOf(RANKS)),
  col('public_class', '事业单位类别', enumOf(PUBLIC_CLASSES)),
  col('funding', '经费形式', enumOf(FUNDINGS)),
  col('reference_managed', '参照公务员法管理', { type: 'bool' }),
  col('parent_code', '上级机构代码', unitCode),
  col('division_cap', '内设机构限额', int),
  col('alias_names', '加挂牌子', { type: 'list' }),
  col('sort_order', '排序号', int),
];

export const FILES: FileSpec[] = [
  {
    name: 'regions',
    label: '行政区划',
    key: ['code'],
    columns: [
      keyCol('code', '区划代码', { type: 'region_code' }),
      col('name', '区划名称', text, { notEmpty: true }),
      col('parent_code', '上级区划代码', { type: 'region_code' }),
      col('unit_cap', '党政机构限额', int),
    ],
  },
  {
    name: 'units',
    label: '机构',
    key: ['code'],
    columns: [
      keyCol('code', '机构代码', unitCode),
      col('region_code', '所属区划', { type: 'region_code' }, { notEmpty: true }),
      col('established_on', '设立日期', date),
      col('document_no', '批准文号', text),
      col('abolished_on', '撤销日期', date),
      ...unitVersionColumns,
    ],
  },
  {
    // An extension of FORMAT.md: the dated versions of units, so a full export round-trips history.
    name: 'unit_versions',
    label: '机构沿革',
    key: ['code', 'valid_from'],
    columns: [
      keyCol('code', '机构代码', unitCode),
      col('valid_from', '生效日期', date, { required: true }),
      ...unitVersionColumns,
    ],
  },
  {
    name: 'quotas',
    label: '编制台账',
    key: ['unit_code', 'kind', 'effective_on', 'document_no'],
    columns: [
      keyCol('unit_code', '机构代码', unitCode),
      keyCol('kind', '编制类型', enumOf(QUOTA_KINDS)),
      col('amount', '数量', int, { required: true, notEmpty: true }),
      keyCol('effective_on', '生效日期', date),
      keyCol('document_no', '文号', text),
    ],
  },
  {
    name: 'posts',
    label: '领导职数台账',
    key: ['unit_code', 'level', 'effective_on', 'document_no'],
    columns: [
      keyCol('unit_code', '机构代码', unitCode),
      keyCol('level', '职数类别', enumOf(POST_LEVELS)),
      col('amount', '数量', int, { required: true, notEmpty: true }),
      keyCol('effective_on', '生效日期', date),
      keyCol('document_no', '文号', text),
    ],
  },
  {
    name: 'charters',
    label: '三定规定',
    key: ['unit_code', 'issued_on'],
    columns: [
      keyCol('unit_code', '机构代码', unitCode),
      keyCol('issued_on', '印发日期', date),
      col('document_no', '文号', text),
    ],
  },
  {
    name: 'persons',
    label: '实名制人员',
    key: ['id_number', 'unit_code', 'entered_on'],
    columns: [
      keyCol('id_number', '公民身份号码', idNumber),
      col('name', '姓名', text, { notEmpty: true }),
      keyCol('unit_code', '编制所在单位', unitCode),
      col('quota_kind', '编制类型', enumOf(QUOTA_KINDS), { notEmpty: true }),
      col('category', '人员类别', enumOf(CATEGORIES), { notEmpty: true }),
      keyCol('entered_on', '入编时间', date),
      col('entry_type', '进入方式', enumOf(ENTRY_TYPES), { notEmpty: true }),
      col('approval_no', '用编核准号', text),
      col('work_unit_code', '工作所在单位', unitCode),
      col('post_level', '领导职务', enumOf(POST_LEVELS)),
      col('post_unit_code', '任职机构', unitCode),
      col('post_rank', '职务层次', enumOf(RANKS)),
      col('retirement_group', '退休类别', enumOf(RETIREMENT_GROUPS)),
      col('exited_on', '出编时间', date),
      col('exit_type', '出编方式', enumOf(EXIT_TYPES)),
      col('education', '学历', text),
      col('major', '专业', text),
      col('ethnicity', '民族', text),
      col('political_status', '政治面貌', text),
      col('title', '职称', text),
      col('status', '在岗状态', enumOf(SEAT_STATUSES)),
    ],
  },
  {
    // An extension of FORMAT.md: the dated history of a seat's leadership post.
    name: 'seat_posts',
    label: '任职沿革',
    key: ['id_number', 'unit_code', 'entered_on', 'valid_from'],
    columns: [
      keyCol('id_number', '公民身份号码', idNumber),
      keyCol('unit_code', '编制所在单位', unitCode),
      keyCol('entered_on', '入编时间', date),
      col('valid_from', '生效日期', date, { required: true }),
      col('post_level', '领导职务', enumOf(POST_LEVELS)),
      col('post_unit_code', '任职机构', unitCode),
      col('post_rank', '职务层次', enumOf(RANKS)),
    ],
  },
  {
    name: 'secondments',
    label: '借调',
    key: ['id_number', 'from_unit_code', 'to_unit_code', 'start_on'],
    columns: [
      keyCol('id_number', '公民身份号码', idNumber),
      keyCol('from_unit_code', '派出单位', unitCode),
      keyCol('to_unit_code', '借入单位', unitCode),
      keyCol('start_on', '开始日期', date),
      col('end_on', '约定结束日期', date, { notEmpty: true }),
      col('returned_on', '实际结束日期', date),
      col('document_no', '文号', text),
    ],
  },
  {
    name: 'off_quota',
    label: '编外人员',
    key: ['id_number', 'unit_code', 'start_on'],
    columns: [
      keyCol('id_number', '公民身份号码', idNumber),
      col('name', '姓名', text, { notEmpty: true }),
      keyCol('unit_code', '用人单位', unitCode),
      col('type', '用工类型', enumOf(OFF_QUOTA_TYPES), { notEmpty: true }),
      keyCol('start_on', '开始日期', date),
      col('end_on', '结束日期', date),
      col('post_level', '领导职务', enumOf(POST_LEVELS)),
    ],
  },
  {
    name: 'payroll',
    label: '工资发放名册',
    key: ['period', 'id_number', 'unit_code'],
    columns: [
      keyCol('period', '所属期', { type: 'period' }),
      keyCol('id_number', '公民身份号码', idNumber),
      col('name', '姓名', text, { notEmpty: true }),
      keyCol('unit_code', '发放单位', unitCode),
      col('amount', '应发金额', { type: 'decimal' }, { notEmpty: true }),
    ],
  },
  {
    name: 'insurance',
    label: '参保名单',
    key: ['period', 'id_number', 'unit_code'],
    columns: [
      keyCol('period', '所属期', { type: 'period' }),
      keyCol('id_number', '公民身份号码', idNumber),
      col('name', '姓名', text, { notEmpty: true }),
      keyCol('unit_code', '参保单位', unitCode),
    ],
  },
];

export function fileSpec(name: string): FileSpec | undefined {
  return FILES.find((f) => f.name === name);
}
