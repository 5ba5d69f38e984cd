/**
 * The Chinese labels the UI shows for every enumeration of the interchange format (FORMAT.md) and
 * for the roles and permissions of the application. The API speaks in keys; the screen never does.
 * The format's and the roles' labels are the server's own modules (pure data, no I/O), imported
 * here so there is one list of them; only what exists in the UI alone is written below.
 */
import { BOOLEANS, type Enumeration, FILES } from '../../../src/modules/interchange/dataset.spec.ts';
import { DEPARTMENT_LABELS, PERMISSION_LABELS, ROLE_LABELS } from '../../../src/modules/users/roles.ts';

export {
  BOOLEANS,
  CATEGORIES,
  ENTRY_TYPES,
  EXIT_TYPES,
  FUNDINGS,
  OFF_QUOTA_TYPES,
  POST_LEVELS,
  PUBLIC_CLASSES,
  QUOTA_KINDS,
  RANKS,
  RETIREMENT_GROUPS,
  SEAT_STATUSES,
  UNIT_KINDS,
} from '../../../src/modules/interchange/dataset.spec.ts';

export type Labels = Enumeration;

export const ROLES: Labels = ROLE_LABELS;
export const PERMISSIONS: Labels = PERMISSION_LABELS;
export const DEPARTMENTS: Labels = DEPARTMENT_LABELS;

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

/** The dataset files of FORMAT.md with their columns: what an import template holds. */
export const DATASET_FILES: TemplateFile[] = FILES.map((file) => ({
  name: file.name,
  label: file.label,
  columns: file.columns.map((column) => ({
    key: column.key,
    label: column.label,
    required: !!column.notEmpty,
    ...(column.column.type === 'enum' ? { values: column.column.values } : {}),
    ...(column.column.type === 'bool' ? { values: BOOLEANS } : {}),
  })),
}));
