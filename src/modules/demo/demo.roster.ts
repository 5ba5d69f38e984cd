/**
 * The clean roster of one county: seats below every quota with a vacancy to spare, leaders within
 * their posts and ranks, people who left (retired, moved, resigned…), transfers between units,
 * recorded secondments and off-establishment staff.
 */

import { defaultRetirementGroup } from '../retirement/retirement.rules.ts';
import type { CountyContext } from './demo.context.ts';
import type {
  ExitType,
  OffQuota,
  OffQuotaType,
  PostLevel,
  QuotaKind,
  Rank,
  Seat,
  Secondment,
  Unit,
} from './demo.model.ts';
import { RANKS, REFERENCE_DATE } from './demo.model.ts';
import { personName } from './demo.names.ts';
import { categoryFor, EARLIEST_BIRTH, type PeopleFactory, retirementExit } from './demo.people.ts';
import { addDays, addYears, laterOf } from './demo.random.ts';
import { holdsSeats } from './demo.units.ts';

export interface Roster {
  seats: Seat[];
  secondments: Secondment[];
  offQuota: OffQuota[];
}

/** How full each kind of quota is, as a range of shares of the approved figure. */
const FILL: Record<QuotaKind, [number, number]> = {
  administrative: [0.78, 0.95],
  political_legal: [0.75, 0.95],
  logistics: [0.5, 0.9],
  institutional: [0.66, 0.9],
  school_staff: [0.6, 0.75],
  turnover: [0.3, 0.7],
};

const EXITS: readonly (readonly [ExitType, number])[] = [
  ['retire', 55],
  ['resign', 15],
  ['transfer_out', 15],
  ['dismiss', 4],
  ['death', 6],
  ['expel', 2],
];

const ORIGINAL_AGE = { male: 60, female_cadre: 55, female_worker: 50 } as const;

/** The bodies that usually borrow staff (借调). */
export const BORROWERS = new Set([
  'party_committee',
  'government',
  'supervision',
  'people_congress',
  'cppcc',
]);

interface Post {
  level: PostLevel;
  unit: Unit;
  rank: Rank | '';
}

/** One step below a rank; the lowest rank stays itself (a deputy's ceiling). */
function rankBelow(rank: Rank | ''): Rank | '' {
  if (!rank) return '';
  return RANKS[Math.min(RANKS.indexOf(rank) + 1, RANKS.length - 1)]!;
}

export function buildRoster(ctx: CountyContext, units: Unit[], people: PeopleFactory): Roster {
  return new RosterBuilder(ctx, units, people).build();
}

class RosterBuilder {
  private readonly seats: Seat[] = [];
  private readonly holders: Unit[];
  private readonly divisions = new Map<string, Unit[]>();

  constructor(
    private readonly ctx: CountyContext,
    units: Unit[],
    private readonly people: PeopleFactory,
  ) {
    this.holders = units.filter(holdsSeats);
    for (const unit of units) {
      if (unit.kind !== 'internal_division' || unit.abolishedOn) continue;
      const list = this.divisions.get(unit.parentCode) ?? [];
      list.push(unit);
      this.divisions.set(unit.parentCode, list);
    }
  }

  build(): Roster {
    for (const unit of this.holders) {
      for (const [kind, planned] of Object.entries(unit.quotaPlan) as [QuotaKind, number][]) {
        const [low, high] = FILL[kind];
        const share = low + this.ctx.rng.next() * (high - low);
        const headcount = Math.min(planned - 1, Math.round(planned * share));
        this.fill(unit, kind, headcount);
        const leavers = Math.round(headcount * this.ctx.rng.next() * 0.1);
        for (let i = 0; i < leavers; i++) this.leaver(unit, kind);
      }
    }
    this.transfers();
    return { seats: this.seats, secondments: this.secondments(), offQuota: this.offQuota() };
  }

  private fill(unit: Unit, kind: QuotaKind, headcount: number): void {
    const posts = kind === unit.mainKind ? this.posts(unit).slice(0, headcount) : [];
    for (let i = 0; i < headcount; i++) {
      const post = posts[i];
      const [category, domain] = categoryFor(this.ctx, unit, kind, post !== undefined);
      const person = this.people.person(category, domain, { leader: post !== undefined });
      const seat = this.people.seat(unit, kind, category, domain, person);
      if (post) {
        seat.postLevel = post.level;
        seat.postUnitCode = post.unit !== unit || this.ctx.rng.chance(0.2) ? post.unit.code : '';
        seat.postRank = this.ctx.rng.chance(0.85) ? post.rank : '';
      }
      this.seats.push(seat);
    }
  }

  /** The leaders a unit has, within its planned posts (some left vacant), at the ranks they allow. */
  private posts(unit: Unit): Post[] {
    const rng = this.ctx.rng;
    const plan = unit.postPlan;
    const posts: Post[] = [];
    const heads = (plan.head ?? 0) - (rng.chance(0.08) ? 1 : 0);
    for (let i = 0; i < heads; i++) posts.push({ level: 'head', unit, rank: unit.rank });
    const deputies = Math.max(0, (plan.deputy ?? 0) - (rng.chance(0.4) ? 1 : 0));
    for (let i = 0; i < deputies; i++) posts.push({ level: 'deputy', unit, rank: rankBelow(unit.rank) });
    const divisions = this.divisions.get(unit.code) ?? [];
    for (const division of divisions) {
      if (rng.chance(0.88)) posts.push({ level: 'division_head', unit: division, rank: division.rank });
    }
    const divisionDeputies = Math.max(0, (plan.division_deputy ?? 0) - rng.int(0, 1));
    for (let i = 0; i < divisionDeputies && divisions.length > 0; i++) {
      const division = rng.pick(divisions);
      posts.push({ level: 'division_deputy', unit: division, rank: rankBelow(division.rank) });
    }
    return posts;
  }

  /** Someone who held a seat here and left: retired at the statutory age, or moved, resigned… */
  private leaver(unit: Unit, kind: QuotaKind): void {
    const rng = this.ctx.rng;
    const type = rng.weighted(EXITS);
    const [category, domain] = categoryFor(this.ctx, unit, kind, false);
    const gender = this.people.gender(domain);
    const group = defaultRetirementGroup(gender, category);
    // A retiree was born early enough to have reached the statutory age before the reference month.
    const birthDate =
      type === 'retire'
        ? rng.date(addYears('2012-01-01', -ORIGINAL_AGE[group]), addDays(EARLIEST_BIRTH[group], -1))
        : undefined;
    const person = this.people.person(category, domain, { gender, birthDate });
    let exitedOn = birthDate ? retirementExit(birthDate, group) : '';
    const seat = this.people.seat(unit, kind, category, domain, person);
    if (!exitedOn) {
      const from = addDays(seat.enteredOn, 180);
      if (from > '2026-05-31') return;
      exitedOn = rng.date(from, '2026-05-31');
    }
    if (exitedOn <= seat.enteredOn) return;
    seat.exitedOn = exitedOn;
    seat.exitType = type;
    seat.status = 'on_post';
    this.seats.push(seat);
  }

  /** About one in twenty came from another unit of the county on the same kind of quota. */
  private transfers(): void {
    const rng = this.ctx.rng;
    const byKind = new Map<QuotaKind, Unit[]>();
    for (const unit of this.holders) {
      for (const kind of Object.keys(unit.quotaPlan) as QuotaKind[]) {
        byKind.set(kind, [...(byKind.get(kind) ?? []), unit]);
      }
    }
    const count = this.seats.length;
    for (let i = 0; i < count; i++) {
      const seat = this.seats[i]!;
      if (seat.exitedOn || seat.postLevel || !rng.chance(0.05)) continue;
      const from = rng.pick(byKind.get(seat.quotaKind) ?? []);
      if (from.code === seat.unitCode) continue;
      const earliest = laterOf(addYears(seat.person.birthDate, 21), from.establishedOn);
      const latest = addDays(seat.enteredOn, -365);
      if (earliest > latest) continue;
      this.seats.push({
        ...seat,
        unitCode: from.code,
        enteredOn: rng.date(earliest, latest),
        approvalNo: '',
        status: 'on_post',
        exitedOn: seat.enteredOn,
        exitType: 'transfer_out',
      });
      seat.entryType = 'transfer_in';
      seat.approvalNo = '';
    }
  }

  /** 借调: about one in a hundred on loan now (recorded, with the work unit set), more in the past. */
  private secondments(): Secondment[] {
    const rng = this.ctx.rng;
    const borrowers = this.holders.filter((unit) => BORROWERS.has(unit.kind));
    const list: Secondment[] = [];
    for (const seat of this.seats) {
      if (seat.exitedOn || seat.postLevel || seat.status !== 'on_post' || seat.enteredOn > '2024-01-01')
        continue;
      const current = rng.chance(0.01);
      if (!current && !rng.chance(0.015)) continue;
      const to = rng.pick(borrowers);
      if (to.code === seat.unitCode) continue;
      const startOn = current
        ? rng.date(addDays(REFERENCE_DATE, -330), addDays(REFERENCE_DATE, -20))
        : rng.date(laterOf(addDays(seat.enteredOn, 60), '2018-01-01'), addDays(REFERENCE_DATE, -400));
      const base = {
        idNumber: seat.person.idNumber,
        fromUnitCode: seat.unitCode,
        toUnitCode: to.code,
        startOn,
        documentNo: rng.chance(0.7) ? this.ctx.doc('组函', startOn) : '',
      };
      if (current) {
        list.push({
          ...base,
          endOn: rng.date(addDays(REFERENCE_DATE, 1), addDays(startOn, 540)),
          returnedOn: '',
        });
        seat.workUnitCode = to.code;
      } else {
        const endOn = addDays(startOn, rng.int(180, 365));
        const lastReturn =
          addDays(endOn, 90) < REFERENCE_DATE ? addDays(endOn, 90) : addDays(REFERENCE_DATE, -1);
        list.push({ ...base, endOn, returnedOn: rng.date(addDays(startOn, 30), lastReturn) });
      }
    }
    return list;
  }

  /** 编外人员: 辅警 at the police, contract nurses at the hospitals, 代课 teachers, drivers and clerks. */
  private offQuota(): OffQuota[] {
    const rng = this.ctx.rng;
    const list: OffQuota[] = [];
    for (const unit of this.holders) {
      const [type, low, high]: [OffQuotaType, number, number] = /公安局$/.test(unit.name)
        ? ['outsourced', 15, 30]
        : /人民医院|中医医院/.test(unit.name)
          ? ['contract', 25, 50]
          : /卫生院|保健院/.test(unit.name)
            ? ['contract', 3, 8]
            : unit.mainKind === 'school_staff'
              ? ['temporary', 0, 6]
              : unit.kind === 'township' || unit.kind === 'subdistrict'
                ? ['outsourced', 2, 6]
                : [rng.chance(0.5) ? 'contract' : 'outsourced', 0, 3];
      const count = rng.int(low, high);
      for (let i = 0; i < count; i++) {
        const gender = rng.chance(type === 'outsourced' ? 0.7 : 0.35) ? 'male' : 'female';
        const birthDate = rng.date('1972-01-01', '2004-06-30');
        const startOn = rng.date(laterOf(addYears(birthDate, 19), '2012-01-01'), '2026-05-31');
        const ended = rng.next();
        const endOn =
          ended < 0.2 && addDays(startOn, 90) < REFERENCE_DATE
            ? rng.date(addDays(startOn, 90), addDays(REFERENCE_DATE, -1))
            : ended < 0.55
              ? rng.date(addDays(REFERENCE_DATE, 30), addDays(REFERENCE_DATE, 900))
              : '';
        list.push({
          idNumber: this.ctx.idNumber(birthDate, gender),
          name: personName(rng, gender),
          unitCode: unit.code,
          type: rng.chance(0.85) ? type : 'temporary',
          startOn,
          endOn,
          postLevel: '',
        });
      }
    }
    return list;
  }
}
