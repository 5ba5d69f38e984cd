/**
 * The planted cases: in every county a few of each warning rule of RULES.md (and near misses that
 * must not fire), each recorded with the rule's subject keys. Cases that depend on final headcounts
 * (OVER_QUOTA, FULL_QUOTA, OVER_POSTS) are marked here and settled when the ledgers are written.
 */

import type { CountyContext } from './demo.context.ts';
import type {
  Category,
  LedgerRow,
  PayRow,
  PlantedWarning,
  QuotaKind,
  Region,
  RuleCode,
  Seat,
  Unit,
} from './demo.model.ts';
import { RANKS } from './demo.model.ts';
import type { PeopleFactory, PersonOptions } from './demo.people.ts';
import type { Roster } from './demo.roster.ts';
import { holdsSeats } from './demo.units.ts';

/** How a unit's quota of one kind is to be settled: equal to the headcount, one below it, or never approved. */
export type QuotaFix = 'full' | 'over' | 'none';

export interface Plan {
  planted: PlantedWarning[];
  /** By `unitCode|kind`. */
  quotaFix: Map<string, QuotaFix>;
  /** `unitCode|level` approved one post below the leaders holding it. */
  postFix: Set<string>;
  /** Quota changes with no charter revised after them. */
  extraQuotaRows: LedgerRow[];
  /** Persons (by ID number) paid or insured by a unit other than their seat's. */
  payUnit: Map<string, string>;
  insuranceUnit: Map<string, string>;
  /** Persons left off both the payroll and the insurance list. */
  unpaid: Set<string>;
  /** Payroll rows of people without a seat in the pay period. */
  ghosts: PayRow[];
}

export interface Plantable {
  ctx: CountyContext;
  people: PeopleFactory;
  region: Region;
  units: Unit[];
  roster: Roster;
}

export class Planter {
  readonly plan: Plan = {
    planted: [],
    quotaFix: new Map(),
    postFix: new Set(),
    extraQuotaRows: [],
    payUnit: new Map(),
    insuranceUnit: new Map(),
    unpaid: new Set(),
    ghosts: [],
  };
  protected readonly byCode = new Map<string, Unit>();
  protected readonly holders: Unit[];
  private readonly pool: [Seat, Unit][] = [];
  private readonly usedPeople = new Set<string>();
  private readonly usedUnits = new Set<string>();

  constructor(protected readonly county: Plantable) {
    for (const unit of county.units) this.byCode.set(unit.code, unit);
    this.holders = county.units.filter(holdsSeats);
    const seconded = new Set(county.roster.secondments.map((s) => s.idNumber));
    // Plain seats: one active seat all the pay period, no post, no loan, on the unified payroll.
    for (const seat of county.roster.seats) {
      const unit = this.unit(seat.unitCode);
      const plain =
        !seat.exitedOn &&
        !seat.postLevel &&
        !seat.workUnitCode &&
        seat.status === 'on_post' &&
        !seconded.has(seat.person.idNumber) &&
        unit.funding !== 'self';
      if (plain) this.pool.push([seat, unit]);
    }
  }

  protected get rng() {
    return this.county.ctx.rng;
  }

  protected unit(code: string): Unit {
    const unit = this.byCode.get(code);
    if (!unit) throw new Error(`demo: unknown unit ${code}`);
    return unit;
  }

  protected record(rule: RuleCode, subject: Omit<PlantedWarning, 'rule'>): void {
    this.plan.planted.push({ rule, ...subject });
  }

  /** A plain seat matching `test`, taken so no other case reuses its person. */
  protected plainSeat(test: (seat: Seat, unit: Unit) => boolean = () => true): Seat {
    const candidates = this.pool.filter(
      ([seat, unit]) => !this.usedPeople.has(seat.person.idNumber) && test(seat, unit),
    );
    const [seat] = this.rng.pick(candidates);
    this.usedPeople.add(seat.person.idNumber);
    return seat;
  }

  /** A unit holding seats, matching `test`, preferably not yet the subject of another unit case. */
  protected pickUnit(test: (unit: Unit) => boolean): Unit {
    const matching = this.holders.filter(test);
    const fresh = matching.filter((u) => !this.usedUnits.has(u.code));
    const unit = this.rng.pick(fresh.length > 0 ? fresh : matching);
    this.usedUnits.add(unit.code);
    return unit;
  }

  protected isBody(unit: Unit): boolean {
    return unit.mainKind === 'administrative' && unit.kind !== 'township' && unit.kind !== 'subdistrict';
  }

  /** Another unit holding seats: where a person is paid, insured or working instead. */
  protected otherUnit(than: string, test: (unit: Unit) => boolean = () => true): Unit {
    return this.rng.pick(this.holders.filter((unit) => unit.code !== than && test(unit)));
  }

  /** 机构设置: the county over its cap, a body over its division cap, a unit without a document, stale charters. */
  institutions(): void {
    const { region, units, ctx } = this.county;
    const capped = units.filter(
      (u) => !u.parentCode && !u.abolishedOn && (u.kind === 'party_committee' || u.kind === 'government'),
    );
    region.unitCap = capped.length - 1;
    this.record('UNIT_OVER_CAP', { regionCode: region.code });

    const divisionsOf = (unit: Unit) =>
      units.filter((u) => u.parentCode === unit.code && u.kind === 'internal_division' && !u.abolishedOn)
        .length;
    const over = this.pickUnit((u) => u.divisionCap !== null && divisionsOf(u) >= 3);
    over.divisionCap = divisionsOf(over) - 1;
    this.record('UNIT_OVER_CAP', { unitCode: over.code });
    // Near miss: a division abolished in the 2024 round no longer counts against the cap.
    const full = this.pickUnit((u) => u !== over && u.divisionCap !== null && divisionsOf(u) >= 2);
    full.divisionCap = divisionsOf(full);
    units.push({
      ...full,
      code: ctx.internalCode('N'),
      name: '法规股',
      kind: 'internal_division',
      rank: 'unit_level',
      parentCode: full.code,
      documentNo: '',
      establishedOn: full.charters[0]!.issuedOn,
      abolishedOn: this.rng.date('2024-06-01', '2024-12-31'),
      aliasNames: [],
      divisionCap: null,
      sortOrder: divisionsOf(full) + 1,
      quotaPlan: {},
      postPlan: {},
      mainKind: null,
      charters: [],
    });

    const undocumented = this.pickUnit(
      (u) => u.kind === 'public_institution' && u.mainKind === 'institutional',
    );
    undocumented.documentNo = '';
    this.record('UNIT_NO_DOCUMENT', { unitCode: undocumented.code });
    // Near miss: an abolished unit without a document is no longer active.
    const abolished = units.find((u) => u.abolishedOn && u.kind !== 'internal_division');
    if (abolished) abolished.documentNo = '';

    // A quota transfer (划转) in 2025 with neither charter revised since.
    const date = this.rng.date('2025-03-01', '2025-10-31');
    const documentNo = ctx.doc('编', date);
    const stale = (u: Unit) =>
      this.isBody(u) && !u.recentChange && (u.quotaPlan.administrative ?? 0) >= 4 && u.kind !== 'supervision';
    const giver = this.pickUnit(stale);
    const taker = this.pickUnit((u) => u !== giver && stale(u));
    for (const [unit, amount] of [
      [giver, -1],
      [taker, 1],
    ] as const) {
      this.plan.extraQuotaRows.push({
        unitCode: unit.code,
        kind: 'administrative',
        amount,
        effectiveOn: date,
        documentNo,
      });
      this.record('STALE_CHARTER', { unitCode: unit.code });
    }
  }

  /** 编制使用: over and at quota, a seat of a kind never approved, mixed categories. */
  quota(): void {
    const body = this.pickUnit((u) => this.isBody(u) && (u.quotaPlan.administrative ?? 0) >= 5);
    this.plan.quotaFix.set(`${body.code}|administrative`, 'over');
    // A 选调生 placed on 周转编制 where none was approved.
    const noTurnover = this.pickUnit((u) => this.isBody(u) && u.quotaPlan.turnover === undefined);
    this.newSeat(noTurnover, 'turnover', '2025-08-01');
    this.plan.quotaFix.set(`${noTurnover.code}|turnover`, 'none');
    this.record('OVER_QUOTA', { unitCode: noTurnover.code, quotaKind: 'turnover' });

    const institution = this.pickUnit(
      (u) => u.mainKind === 'institutional' && (u.quotaPlan.institutional ?? 0) >= 6,
    );
    this.plan.quotaFix.set(`${institution.code}|institutional`, 'full');
    const logistics = this.pickUnit((u) => this.isBody(u) && (u.quotaPlan.logistics ?? 0) >= 2);
    this.plan.quotaFix.set(`${logistics.code}|logistics`, 'full');

    const civil = this.plainSeat((s, u) => s.quotaKind === 'administrative' && this.isBody(u));
    civil.category = 'institution_staff';
    this.record('MIXED_POST', { idNumber: civil.person.idNumber });
    const staff = this.plainSeat(
      (s, u) => s.quotaKind === 'institutional' && !u.referenceManaged && s.category === 'institution_staff',
    );
    staff.category = 'reference_civil_servant';
    this.record('MIXED_POST', { idNumber: staff.person.idNumber });
  }

  /** A new person on a seat of `kind` in `unit`, entered on `enteredOn`. */
  protected newSeat(unit: Unit, kind: QuotaKind, enteredOn: string, options: PersonOptions = {}): Seat {
    const { people, roster } = this.county;
    const category: Category =
      kind === 'logistics'
        ? 'logistics_worker'
        : kind === 'school_staff' || kind === 'institutional'
          ? 'institution_staff'
          : 'civil_servant';
    const domain =
      category === 'logistics_worker' ? 'worker' : category === 'civil_servant' ? 'cadre' : 'general';
    const person = people.person(category, domain, options);
    const seat = people.seat(unit, kind, category, domain, person, { enteredOn });
    seat.status = 'on_post';
    roster.seats.push(seat);
    this.usedPeople.add(person.idNumber);
    return seat;
  }

  /** 领导职数: a unit and a body over their posts, leaders above the rank their post allows. */
  posts(): void {
    const counts = new Map<string, number>();
    for (const seat of this.county.roster.seats) {
      if (seat.exitedOn || !seat.postLevel) continue;
      const key = `${seat.unitCode}|${seat.postLevel}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const leaders = (unit: Unit, level: string) => counts.get(`${unit.code}|${level}`) ?? 0;
    const deputies = this.pickUnit((u) => leaders(u, 'deputy') >= 2);
    this.plan.postFix.add(`${deputies.code}|deputy`);
    const divisions = this.pickUnit((u) => this.isBody(u) && leaders(u, 'division_head') >= 2);
    this.plan.postFix.add(`${divisions.code}|division_head`);

    const seats = this.county.roster.seats.filter((s) => !s.exitedOn && s.postRank);
    const rankOf = (seat: Seat) => this.unit(seat.postUnitCode || seat.unitCode).rank;
    const head = this.rng.pick(
      seats.filter(
        (s) => s.postLevel === 'head' && (rankOf(s) === 'unit_level' || rankOf(s) === 'vice_section'),
      ),
    );
    head.postRank = RANKS[RANKS.indexOf(head.postRank as (typeof RANKS)[number]) - 1]!;
    this.record('OVER_RANK', { idNumber: head.person.idNumber });
    const deputy = this.rng.pick(seats.filter((s) => s.postLevel === 'deputy' && rankOf(s) === 'section'));
    deputy.postRank = 'section';
    this.record('OVER_RANK', { idNumber: deputy.person.idNumber });
  }
}
