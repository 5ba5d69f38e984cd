/** The flows API (`src/modules/transactions/transactions.routes.ts`) as the pages read it: its shapes, without React. */

export interface StaffingPlanLine {
  id: number;
  quotaKind: string;
  channel: string;
  /** 申请数 */
  requested: number;
  /** 核准数: null until decided. */
  approved: number | null;
  /** 已核准用编 (not expired). */
  granted: number;
  /** 已入编 */
  used: number;
}

export interface StaffingPlan {
  id: number;
  unitCode: string;
  year: number;
  state: string;
  reason: string;
  decisionNote: string | null;
  documentNo: string | null;
  lines: StaffingPlanLine[];
}

export interface PlanFilter {
  unit?: string | undefined;
  year?: number | undefined;
  state?: string | undefined;
}

export interface PlanInput {
  unitCode: string;
  year: number;
  reason: string;
  lines: { quotaKind: string; channel: string; requested: number; reason?: string | undefined }[];
}

export interface PlanDecision {
  approve: boolean;
  lines?: { id: number; approved: number }[];
  note?: string | undefined;
  documentNo?: string | undefined;
}

export interface PlanAmendment {
  lines: { id: number; approved: number }[];
  reason: string;
  documentNo: string;
}

export interface QuotaUseApproval {
  id: number;
  number: string;
  unitCode: string;
  quotaKind: string;
  channel: string;
  personName: string | null;
  state: string;
  approvedOn: string;
  expiresOn: string;
  usedOn: string | null;
  cancelledOn: string | null;
  cancelReason: string | null;
  planLineId: number;
}

export interface ApprovalFilter {
  unit?: string | undefined;
  state?: string | undefined;
}

export interface Granted {
  id: number;
  number: string;
  unitId: number;
  quotaKind: string;
  channel: string;
}

export interface Override {
  reason: string;
  documentNo: string;
}

export interface EnterInput {
  approvalId?: number | undefined;
  planLineId?: number | undefined;
  idNumber: string;
  name: string;
  category: string;
  enteredOn: string;
  education?: string | undefined;
  documentNo?: string | undefined;
  override?: Override | undefined;
}

export interface Entered {
  transactionId: number;
  seatId: number;
  approvalNumber: string | null;
  unitCode: string;
  findingId: number | null;
}

export interface AppointInput {
  seatId: number;
  postLevel: string;
  postRank: string;
  postUnitCode?: string | undefined;
  validFrom: string;
  documentNo: string;
  override?: Override | undefined;
}

export interface Appointed {
  transactionId: number;
  seatId: number;
  findingId: number | null;
  state: 'pending';
}

/** A 任免 with its 组织部 step (GET /api/transaction-steps?kind=appoint). */
export interface AppointmentStep {
  id: number;
  transactionId: number;
  kind: string;
  transactionState: string;
  unitCode: string;
  effectiveOn: string;
  documentNo: string | null;
  seatId: number | null;
  personName: string | null;
  postLevel: string | null;
  postRank: string | null;
  state: string;
  actor: string | null;
  at: string | null;
  note: string | null;
}
