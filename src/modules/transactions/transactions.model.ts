/**
 * The channels a staffing plan hires through (补充渠道), as the entry types of FORMAT.md name them:
 * a seat written from a plan line enters by its channel.
 */
export const CHANNELS = {
  exam: '考录',
  recruit: '公开招聘',
  transfer_in: '调入',
  military: '军转安置',
  selected_graduate: '选调生',
} as const;
export type Channel = keyof typeof CHANNELS;

export const PLAN_STATES = { submitted: '待审批', approved: '已批准', rejected: '已退回' } as const;

export const APPROVAL_STATES = {
  reserved: '待入编',
  used: '已入编',
  expired: '已过期',
  cancelled: '已撤销',
} as const;

/** A 任职 as the 任职 page shows it: by its transaction's state (held for 组织部 until decided). */
export const APPOINTMENT_STATES = {
  pending: '待组织部审批',
  completed: '已任职',
  returned: '已退回',
} as const;

/** The retirement group FORMAT.md gives by default: a woman who is a logistics worker is in the 50-year group. */
export function retirementGroupFor(gender: 'male' | 'female', category: string): string {
  if (gender === 'male') return 'male';
  return category === 'logistics_worker' ? 'female_worker' : 'female_cadre';
}
