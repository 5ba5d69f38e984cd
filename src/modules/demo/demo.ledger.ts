/**
 * Settles what the roster decides: the quota and post ledgers (a baseline set by the first charter,
 * changes on later charters, a few recent or future-dated ones), the charters themselves, and the
 * month's payroll and insurance lists. Clean units keep a vacancy and enough posts; the planted
 * over-quota, full-quota and over-post cases are settled and recorded here, on final headcounts.
 */

import type { CountyContext } from './demo.context.ts';
import {
  type Charter,
  type InsuranceRow,
  type LedgerRow,
  type PayRow,
  POST_LEVELS,
  type PostLevel,
  QUOTA_KINDS,
  REFERENCE_DATE,
  REFERENCE_PERIOD,
  type Seat,
  type Unit,
} from './demo.model.ts';
import { wage } from './demo.people.ts';
import type { Plan } from './demo.plant.ts';
import { addDays } from './demo.random.ts';

export interface Ledgers {
  quotas: LedgerRow[];
  posts: LedgerRow[];
  charters: Charter[];
  payroll: PayRow[];
  insurance: InsuranceRow[];
}

const PERIOD_FIRST = `${REFERENCE_PERIOD}-01`;
const PERIOD_LAST = REFERENCE_DATE;

function activeOn(seat: Seat, date: string): boolean {
  return seat.enteredOn <= date && (!seat.exitedOn || seat.exitedOn > date);
}

export function settle(ctx: CountyContext, units: Unit[], seats: Seat[], plan: Plan): Ledgers {
  return new Settler(ctx, units, seats, plan).settle();
}

interface ChangeOptions {
  /** Chance that a later charter also changed this figure. */
  changeChance: number;
  maxDelta: number;
  recent: boolean;
  extras: LedgerRow[];
}

class Settler {
  private readonly byCode = new Map<string, Unit>();
  private readonly headcount = new Map<string, number>();
  private readonly leaders = new Map<string, number>();
  private readonly extras = new Map<string, LedgerRow[]>();
  private readonly result: Ledgers = { quotas: [], posts: [], charters: [], payroll: [], insurance: [] };

  constructor(
    private readonly ctx: CountyContext,
    private readonly units: Unit[],
    private readonly seats: Seat[],
    private readonly plan: Plan,
  ) {
    for (const unit of units) this.byCode.set(unit.code, unit);
    for (const seat of seats) {
      if (!activeOn(seat, REFERENCE_DATE)) continue;
      const key = `${seat.unitCode}|${seat.quotaKind}`;
      this.headcount.set(key, (this.headcount.get(key) ?? 0) + 1);
      if (!seat.postLevel) continue;
      // RULES.md OVER_POSTS: division posts count against the division's parent.
      const postUnit = this.unit(seat.postUnitCode || seat.unitCode);
      const counted =
        (seat.postLevel === 'division_head' || seat.postLevel === 'division_deputy') &&
        postUnit.kind === 'internal_division'
          ? postUnit.parentCode
          : postUnit.code;
      const postKey = `${counted}|${seat.postLevel}`;
      this.leaders.set(postKey, (this.leaders.get(postKey) ?? 0) + 1);
    }
    for (const row of plan.extraQuotaRows) {
      const key = `${row.unitCode}|${row.kind}`;
      this.extras.set(key, [...(this.extras.get(key) ?? []), row]);
    }
  }

  private unit(code: string): Unit {
    const unit = this.byCode.get(code);
    if (!unit) throw new Error(`demo: unknown unit ${code}`);
    return unit;
  }

  settle(): Ledgers {
    for (const unit of this.units) {
      if (unit.mainKind === null) continue;
      this.quotas(unit);
      this.posts(unit);
      for (const charter of unit.charters) this.result.charters.push({ unitCode: unit.code, ...charter });
    }
    this.pay();
    return this.result;
  }

  private quotas(unit: Unit): void {
    for (const kind of QUOTA_KINDS) {
      const key = `${unit.code}|${kind}`;
      const count = this.headcount.get(key) ?? 0;
      const planned = unit.quotaPlan[kind] ?? 0;
      const fix = this.plan.quotaFix.get(key);
      if ((planned === 0 && count === 0) || fix === 'none') continue;
      let amount = Math.max(planned, count + 1);
      if (unit.abolishedOn) amount = planned;
      else if (fix && count > 0) {
        amount = fix === 'full' ? count : count - 1;
        this.plan.planted.push({
          rule: fix === 'full' ? 'FULL_QUOTA' : 'OVER_QUOTA',
          unitCode: unit.code,
          quotaKind: kind,
        });
      }
      this.result.quotas.push(
        ...this.rows(unit, kind, amount, {
          changeChance: 0.45,
          maxDelta: 3,
          recent: unit.recentChange && kind === unit.mainKind,
          extras: this.extras.get(key) ?? [],
        }),
      );
    }
  }

  private posts(unit: Unit): void {
    for (const level of POST_LEVELS) {
      const key = `${unit.code}|${level}`;
      const count = this.leaders.get(key) ?? 0;
      const planned = unit.postPlan[level] ?? 0;
      if (planned === 0 && count === 0) continue;
      let amount = Math.max(planned, count);
      if (unit.abolishedOn) amount = planned;
      else if (this.plan.postFix.has(key) && count > 0) {
        amount = count - 1;
        this.plan.planted.push({ rule: 'OVER_POSTS', unitCode: unit.code, postLevel: level as PostLevel });
      }
      this.result.posts.push(
        ...this.rows(unit, level, amount, { changeChance: 0.3, maxDelta: 1, recent: false, extras: [] }),
      );
    }
  }

  /**
   * A figure's ledger: the baseline on the first charter, changes on later charters (so no charter
   * lags), perhaps one in the last 170 days or one still to come; an abolished unit gives it all back.
   */
  private rows(unit: Unit, kind: string, amount: number, options: ChangeOptions): LedgerRow[] {
    const { rng } = this.ctx;
    const [first, ...revisions] = unit.charters;
    if (!first) throw new Error(`demo: ${unit.name} has no charter`);
    const delta = () => rng.int(-options.maxDelta, options.maxDelta) || 1;
    const row = (effectiveOn: string, documentNo: string, change: number): LedgerRow => ({
      unitCode: unit.code,
      kind,
      amount: change,
      effectiveOn,
      documentNo,
    });
    if (unit.abolishedOn) {
      return [
        row(first.issuedOn, first.documentNo, amount),
        row(unit.abolishedOn, this.ctx.doc('编', unit.abolishedOn), -amount),
      ];
    }
    let changes = revisions
      .filter(() => rng.chance(options.changeChance))
      .map((c) => row(c.issuedOn, c.documentNo, delta()));
    if (options.recent) {
      const date = rng.date(addDays(REFERENCE_DATE, -170), addDays(REFERENCE_DATE, -5));
      changes.push(row(date, this.ctx.doc('编', date), delta()));
    }
    const sum = (rows: LedgerRow[]) => rows.reduce((total, r) => total + r.amount, 0);
    if (amount - sum(changes) - sum(options.extras) < 0) changes = [];
    const baseline = amount - sum(changes) - sum(options.extras);
    if (baseline < 0) throw new Error(`demo: ${unit.name} ${kind} cannot start below zero`);
    const rows = [row(first.issuedOn, first.documentNo, baseline), ...changes, ...options.extras];
    if (rng.chance(0.04)) {
      const date = rng.date(addDays(REFERENCE_DATE, 1), addDays(REFERENCE_DATE, 200));
      const change = delta();
      if (amount + change >= 0) rows.push(row(date, this.ctx.doc('编', date), change));
    }
    return rows.sort((a, b) => (a.effectiveOn < b.effectiveOn ? -1 : a.effectiveOn > b.effectiveOn ? 1 : 0));
  }

  /** One row per person with a seat during the month; 自收自支 units are not on the unified payroll. */
  private pay(): void {
    const { rng } = this.ctx;
    const seen = new Set<string>();
    for (const seat of this.seats) {
      const { person } = seat;
      if (!(seat.enteredOn <= PERIOD_LAST && (!seat.exitedOn || seat.exitedOn > PERIOD_FIRST))) continue;
      if (seen.has(person.idNumber)) continue;
      seen.add(person.idNumber);
      if (this.plan.unpaid.has(person.idNumber)) continue;
      const base = { idNumber: person.idNumber, name: person.name };
      if (this.unit(seat.unitCode).funding !== 'self') {
        const unitCode = this.plan.payUnit.get(person.idNumber) ?? seat.unitCode;
        this.result.payroll.push({ ...base, unitCode, amount: wage(rng, seat.category, seat.postLevel) });
      }
      this.result.insurance.push({
        ...base,
        unitCode: this.plan.insuranceUnit.get(person.idNumber) ?? seat.unitCode,
      });
    }
    this.result.payroll.push(...this.plan.ghosts);
  }
}
