/**
 * The demonstration dataset as the generator holds it, one county at a time: rows shaped like the
 * files of FORMAT.md, plus what the generator needs to know while it builds them.
 */

/** The date the demo data describes: every planted warning fires as of this date and its month. */
export const REFERENCE_DATE = '2026-06-30';
/** The pay period of the payroll and insurance rows: the month of REFERENCE_DATE. */
export const REFERENCE_PERIOD = '2026-06';

export type QuotaKind =
  'administrative' | 'political_legal' | 'logistics' | 'institutional' | 'school_staff' | 'turnover';

export const QUOTA_KINDS: readonly QuotaKind[] = [
  'administrative',
  'political_legal',
  'logistics',
  'institutional',
  'school_staff',
  'turnover',
];

export type UnitKind =
  | 'party_committee'
  | 'people_congress'
  | 'government'
  | 'dept_managed'
  | 'dispatched'
  | 'cppcc'
  | 'supervision'
  | 'court'
  | 'procuratorate'
  | 'mass_org'
  | 'democratic_party'
  | 'subdistrict'
  | 'township'
  | 'development_zone'
  | 'public_institution'
  | 'internal_division'
  | 'coordination_body';

/** High to low, as RULES.md orders them. */
export const RANKS = [
  'bureau',
  'vice_bureau',
  'division',
  'vice_division',
  'section',
  'vice_section',
  'unit_level',
] as const;
export type Rank = (typeof RANKS)[number];

export type PublicClass = 'admin_function' | 'public_1' | 'public_2' | 'business';
export type Funding = 'full' | 'partial' | 'self';
export type PostLevel = 'head' | 'deputy' | 'division_head' | 'division_deputy';
export const POST_LEVELS: readonly PostLevel[] = ['head', 'deputy', 'division_head', 'division_deputy'];
export type Category = 'civil_servant' | 'reference_civil_servant' | 'institution_staff' | 'logistics_worker';
export type EntryType = 'exam' | 'recruit' | 'transfer_in' | 'military' | 'selected_graduate' | 'other';
export type ExitType = 'retire' | 'transfer_out' | 'resign' | 'dismiss' | 'death' | 'expel';
export type SeatStatus = 'on_post' | 'sick_leave' | 'attached' | 'awaiting' | 'startup_leave';
export type RetirementGroup = 'male' | 'female_cadre' | 'female_worker';
export type OffQuotaType = 'contract' | 'outsourced' | 'temporary';

/** The warning rules of RULES.md, in its order. */
export const RULE_CODES = [
  'UNIT_OVER_CAP',
  'UNIT_NO_DOCUMENT',
  'STALE_CHARTER',
  'OVER_QUOTA',
  'FULL_QUOTA',
  'MIXED_POST',
  'OVER_POSTS',
  'OVER_RANK',
  'OFF_QUOTA_LEADER',
  'DUPLICATE_SEAT',
  'RETIREMENT_OVERDUE',
  'SECONDMENT_OVERDUE',
  'WORK_AWAY_UNRECORDED',
  'GHOST_PAY',
  'PAY_UNIT_MISMATCH',
  'UNPAID_SEAT',
  'INSURANCE_UNIT_MISMATCH',
] as const;
export type RuleCode = (typeof RULE_CODES)[number];

/** A case planted on purpose: the rule and the subject keys RULES.md names for it. */
export interface PlantedWarning {
  rule: RuleCode;
  regionCode?: string;
  unitCode?: string;
  quotaKind?: QuotaKind;
  postLevel?: PostLevel;
  idNumber?: string;
}

export interface Region {
  code: string;
  name: string;
  parentCode: string;
  unitCap: number | null;
}

export interface Unit {
  code: string;
  name: string;
  regionCode: string;
  parentCode: string;
  kind: UnitKind;
  rank: Rank | '';
  publicClass: PublicClass | '';
  funding: Funding | '';
  referenceManaged: boolean;
  establishedOn: string;
  documentNo: string;
  divisionCap: number | null;
  abolishedOn: string;
  aliasNames: string[];
  sortOrder: number;
  /** Quota the unit was meant to have (before headcounts and plants settle the ledger). */
  quotaPlan: Partial<Record<QuotaKind, number>>;
  /** Leadership posts it was meant to have. */
  postPlan: Partial<Record<PostLevel, number>>;
  /** The quota kind its leaders and most of its people hold. */
  mainKind: QuotaKind | null;
  /** Its 三定 charters, oldest first: the first one set its baseline quota and posts. */
  charters: { issuedOn: string; documentNo: string }[];
  /** It has ledger rows in the last 180 days, so a stale charter cannot show there. */
  recentChange: boolean;
}

export interface LedgerRow {
  unitCode: string;
  /** A quota kind or a post level. */
  kind: string;
  amount: number;
  effectiveOn: string;
  documentNo: string;
}

export interface Charter {
  unitCode: string;
  issuedOn: string;
  documentNo: string;
}

export interface Person {
  idNumber: string;
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  retirementGroup: RetirementGroup;
  education: string;
  major: string;
  ethnicity: string;
  politicalStatus: string;
  title: string;
}

export interface Seat {
  person: Person;
  unitCode: string;
  quotaKind: QuotaKind;
  category: Category;
  enteredOn: string;
  entryType: EntryType;
  approvalNo: string;
  workUnitCode: string;
  postLevel: PostLevel | '';
  postUnitCode: string;
  postRank: Rank | '';
  exitedOn: string;
  exitType: ExitType | '';
  status: SeatStatus;
}

export interface Secondment {
  idNumber: string;
  fromUnitCode: string;
  toUnitCode: string;
  startOn: string;
  endOn: string;
  returnedOn: string;
  documentNo: string;
}

export interface OffQuota {
  idNumber: string;
  name: string;
  unitCode: string;
  type: OffQuotaType;
  startOn: string;
  endOn: string;
  postLevel: PostLevel | '';
}

export interface PayRow {
  idNumber: string;
  name: string;
  unitCode: string;
  amount: string;
}

export interface InsuranceRow {
  idNumber: string;
  name: string;
  unitCode: string;
}

/** Everything one county contributes to the dataset. */
export interface CountyData {
  region: Region;
  units: Unit[];
  quotas: LedgerRow[];
  posts: LedgerRow[];
  charters: Charter[];
  seats: Seat[];
  secondments: Secondment[];
  offQuota: OffQuota[];
  payroll: PayRow[];
  insurance: InsuranceRow[];
  planted: PlantedWarning[];
}
