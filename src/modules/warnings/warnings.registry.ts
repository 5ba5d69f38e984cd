import { duplicateSeatRule } from './rules/duplicate-seat.rule.ts';
import { fullQuotaRule } from './rules/full-quota.rule.ts';
import { ghostPayRule } from './rules/ghost-pay.rule.ts';
import { insuranceUnitMismatchRule } from './rules/insurance-unit-mismatch.rule.ts';
import { mixedPostRule } from './rules/mixed-post.rule.ts';
import { offQuotaLeaderRule } from './rules/off-quota-leader.rule.ts';
import { overPostsRule } from './rules/over-posts.rule.ts';
import { overQuotaRule } from './rules/over-quota.rule.ts';
import { overRankRule } from './rules/over-rank.rule.ts';
import { payUnitMismatchRule } from './rules/pay-unit-mismatch.rule.ts';
import { retirementOverdueRule } from './rules/retirement-overdue.rule.ts';
import { secondmentOverdueRule } from './rules/secondment-overdue.rule.ts';
import { staleCharterRule } from './rules/stale-charter.rule.ts';
import { unitNoDocumentRule } from './rules/unit-no-document.rule.ts';
import { unitOverCapRule } from './rules/unit-over-cap.rule.ts';
import { unpaidSeatRule } from './rules/unpaid-seat.rule.ts';
import { workAwayUnrecordedRule } from './rules/work-away-unrecorded.rule.ts';
import type { Rule } from './warning.types.ts';

/** Every warning rule, in the order of RULES.md. */
export const rules: readonly Rule[] = [
  unitOverCapRule,
  unitNoDocumentRule,
  staleCharterRule,
  overQuotaRule,
  fullQuotaRule,
  mixedPostRule,
  overPostsRule,
  overRankRule,
  offQuotaLeaderRule,
  duplicateSeatRule,
  retirementOverdueRule,
  secondmentOverdueRule,
  workAwayUnrecordedRule,
  ghostPayRule,
  payUnitMismatchRule,
  unpaidSeatRule,
  insuranceUnitMismatchRule,
];
