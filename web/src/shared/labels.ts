/**
 * The Chinese labels the UI shows for every enumeration of the interchange format (FORMAT.md) and
 * for the roles and permissions of the application. The API speaks in keys; the screen never does.
 * `labels.test.ts` holds these equal to the server's `dataset.spec.ts`, so they cannot drift.
 */

export type Labels = Readonly<Record<string, string>>;

export const UNIT_KINDS = {
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
} as const satisfies Labels;

/** Ordered from high to low. */
export const RANKS = {
  bureau: '正厅',
  vice_bureau: '副厅',
  division: '正处',
  vice_division: '副处',
  section: '正科',
  vice_section: '副科',
  unit_level: '股级',
} as const satisfies Labels;

export const PUBLIC_CLASSES = {
  admin_function: '承担行政职能',
  public_1: '公益一类',
  public_2: '公益二类',
  business: '生产经营类',
} as const satisfies Labels;

export const FUNDINGS = { full: '全额拨款', partial: '差额拨款', self: '自收自支' } as const satisfies Labels;

export const QUOTA_KINDS = {
  administrative: '行政编制',
  political_legal: '政法专项编制',
  logistics: '机关工勤编制',
  institutional: '事业编制',
  school_staff: '中小学教职工编制',
  turnover: '周转编制',
} as const satisfies Labels;

export const POST_LEVELS = {
  head: '单位正职',
  deputy: '单位副职',
  division_head: '内设机构正职',
  division_deputy: '内设机构副职',
} as const satisfies Labels;

export const CATEGORIES = {
  civil_servant: '公务员',
  reference_civil_servant: '参公人员',
  institution_staff: '事业人员',
  logistics_worker: '工勤人员',
} as const satisfies Labels;

export const ENTRY_TYPES = {
  exam: '考录',
  recruit: '公开招聘',
  transfer_in: '调入',
  military: '军转安置',
  selected_graduate: '选调生',
  other: '其他',
} as const satisfies Labels;

export const RETIREMENT_GROUPS = {
  male: '男职工',
  female_cadre: '原55周岁女职工',
  female_worker: '原50周岁女职工',
} as const satisfies Labels;

export const EXIT_TYPES = {
  retire: '退休',
  transfer_out: '调出',
  resign: '辞职',
  dismiss: '辞退',
  death: '死亡',
  expel: '开除',
} as const satisfies Labels;

export const SEAT_STATUSES = {
  on_post: '在岗',
  sick_leave: '长期病休',
  attached: '挂职',
  awaiting: '待分配',
  startup_leave: '离岗创业',
} as const satisfies Labels;

export const OFF_QUOTA_TYPES = {
  contract: '合同制',
  outsourced: '劳务派遣/购买服务',
  temporary: '临时聘用',
} as const satisfies Labels;

export const BOOLEANS = { true: '是', false: '否' } as const satisfies Labels;

export const GENDERS = { male: '男', female: '女' } as const satisfies Labels;

/** The roster's age bands (whole years on the as-of date). */
export const AGE_BANDS = {
  under30: '30岁以下',
  '30to39': '30至39岁',
  '40to49': '40至49岁',
  '50to54': '50至54岁',
  '55to59': '55至59岁',
  '60plus': '60岁及以上',
} as const satisfies Labels;

export const ROLES = {
  admin: '编办管理员',
  clerk: '编办业务员',
  unit_liaison: '单位联络员',
  dept_reader: '部门查询',
  leader: '领导',
  system_admin: '系统管理员',
  security_admin: '安全管理员',
  audit_admin: '审计管理员',
} as const satisfies Labels;

export const PERMISSIONS = {
  'register.read': '查看机构、编制、职数与实名制数据',
  'register.write': '导入数据（写入机构编制数据）',
  export: '导出数据（含完整身份证号）',
  'id_number.read': '查看完整的公民身份号码',
  'stats.read': '查看统计与领导驾驶舱',
  'users.manage': '管理账号（新建、停用、重置密码）',
  'roles.grant': '授予角色',
  'audit.read': '查看审计日志',
} as const satisfies Labels;

export const DEPARTMENTS = {
  organization: '组织部',
  hr: '人社',
  finance: '财政',
  discipline: '纪委监委',
  audit: '审计',
} as const satisfies Labels;

/** The phases an import job reports (`progress.phase`). */
export const IMPORT_PHASES = {
  queued: '排队中',
  read: '读取校验',
  check: '交叉检查',
  write: '写入',
  done: '完成',
} as const satisfies Labels;

export const JOB_STATUSES = {
  queued: '排队中',
  running: '运行中',
  succeeded: '已完成',
  failed: '异常中止',
} as const satisfies Labels;

/** The label of a key, or the key itself when it is new to this build; a dash for none. */
export function labelOf(labels: Labels, key: string | null | undefined): string {
  if (key === null || key === undefined || key === '') return '—';
  return labels[key] ?? key;
}

/** `{ value, label }` pairs in the enumeration's own order, for a Select. */
export function optionsOf(labels: Labels): { value: string; label: string }[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}

export interface TemplateColumn {
  key: string;
  label: string;
  /** Must be filled in every row. */
  required: boolean;
  values?: Labels;
}

export interface TemplateFile {
  name: string;
  label: string;
  columns: TemplateColumn[];
}

const c = (key: string, label: string, required = false, values?: Labels): TemplateColumn =>
  values ? { key, label, required, values } : { key, label, required };

const unitVersionColumns = [
  c('name', '机构名称', true),
  c('kind', '机构类别', true, UNIT_KINDS),
  c('rank', '机构规格', false, RANKS),
  c('public_class', '事业单位类别', false, PUBLIC_CLASSES),
  c('funding', '经费形式', false, FUNDINGS),
  c('reference_managed', '参照公务员法管理', false, BOOLEANS),
  c('parent_code', '上级机构代码'),
  c('division_cap', '内设机构限额'),
  c('alias_names', '加挂牌子'),
  c('sort_order', '排序号'),
];

/** The dataset files of FORMAT.md with their columns: what an import template holds. */
export const DATASET_FILES: TemplateFile[] = [
  {
    name: 'regions',
    label: '行政区划',
    columns: [
      c('code', '区划代码', true),
      c('name', '区划名称', true),
      c('parent_code', '上级区划代码'),
      c('unit_cap', '党政机构限额'),
    ],
  },
  {
    name: 'units',
    label: '机构',
    columns: [
      c('code', '机构代码', true),
      c('region_code', '所属区划', true),
      c('established_on', '设立日期'),
      c('document_no', '批准文号'),
      c('abolished_on', '撤销日期'),
      ...unitVersionColumns,
    ],
  },
  {
    name: 'unit_versions',
    label: '机构沿革',
    columns: [c('code', '机构代码', true), c('valid_from', '生效日期'), ...unitVersionColumns],
  },
  {
    name: 'quotas',
    label: '编制台账',
    columns: [
      c('unit_code', '机构代码', true),
      c('kind', '编制类型', true, QUOTA_KINDS),
      c('amount', '数量', true),
      c('effective_on', '生效日期', true),
      c('document_no', '文号', true),
    ],
  },
  {
    name: 'posts',
    label: '领导职数台账',
    columns: [
      c('unit_code', '机构代码', true),
      c('level', '职数类别', true, POST_LEVELS),
      c('amount', '数量', true),
      c('effective_on', '生效日期', true),
      c('document_no', '文号', true),
    ],
  },
  {
    name: 'charters',
    label: '三定规定',
    columns: [c('unit_code', '机构代码', true), c('issued_on', '印发日期', true), c('document_no', '文号')],
  },
  {
    name: 'persons',
    label: '实名制人员',
    columns: [
      c('id_number', '公民身份号码', true),
      c('name', '姓名', true),
      c('unit_code', '编制所在单位', true),
      c('quota_kind', '编制类型', true, QUOTA_KINDS),
      c('category', '人员类别', true, CATEGORIES),
      c('entered_on', '入编时间', true),
      c('entry_type', '进入方式', true, ENTRY_TYPES),
      c('approval_no', '用编核准号'),
      c('work_unit_code', '工作所在单位'),
      c('post_level', '领导职务', false, POST_LEVELS),
      c('post_unit_code', '任职机构'),
      c('post_rank', '职务层次', false, RANKS),
      c('retirement_group', '退休类别', false, RETIREMENT_GROUPS),
      c('exited_on', '出编时间'),
      c('exit_type', '出编方式', false, EXIT_TYPES),
      c('education', '学历'),
      c('major', '专业'),
      c('ethnicity', '民族'),
      c('political_status', '政治面貌'),
      c('title', '职称'),
      c('status', '在岗状态', false, SEAT_STATUSES),
    ],
  },
  {
    name: 'seat_posts',
    label: '任职沿革',
    columns: [
      c('id_number', '公民身份号码', true),
      c('unit_code', '编制所在单位', true),
      c('entered_on', '入编时间', true),
      c('valid_from', '生效日期'),
      c('post_level', '领导职务', false, POST_LEVELS),
      c('post_unit_code', '任职机构'),
      c('post_rank', '职务层次', false, RANKS),
    ],
  },
  {
    name: 'secondments',
    label: '借调',
    columns: [
      c('id_number', '公民身份号码', true),
      c('from_unit_code', '派出单位', true),
      c('to_unit_code', '借入单位', true),
      c('start_on', '开始日期', true),
      c('end_on', '约定结束日期', true),
      c('returned_on', '实际结束日期'),
      c('document_no', '文号'),
    ],
  },
  {
    name: 'off_quota',
    label: '编外人员',
    columns: [
      c('id_number', '公民身份号码', true),
      c('name', '姓名', true),
      c('unit_code', '用人单位', true),
      c('type', '用工类型', true, OFF_QUOTA_TYPES),
      c('start_on', '开始日期', true),
      c('end_on', '结束日期'),
      c('post_level', '领导职务', false, POST_LEVELS),
    ],
  },
  {
    name: 'payroll',
    label: '工资发放名册',
    columns: [
      c('period', '所属期', true),
      c('id_number', '公民身份号码', true),
      c('name', '姓名', true),
      c('unit_code', '发放单位', true),
      c('amount', '应发金额', true),
    ],
  },
  {
    name: 'insurance',
    label: '参保名单',
    columns: [
      c('period', '所属期', true),
      c('id_number', '公民身份号码', true),
      c('name', '姓名', true),
      c('unit_code', '参保单位', true),
    ],
  },
];
