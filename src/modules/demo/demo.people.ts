/**
 * Fictional people and their seats: who they are (name, birth, ID number, schooling, title) follows
 * from the kind of unit and quota they sit on; ordinary people are young enough not to be past
 * their statutory retirement on the reference date.
 */

import { monthIndex, periodOfIndex } from '../../shared/dates.ts';
import { defaultRetirementGroup, retirementMonthIndex } from '../retirement/retirement.rules.ts';
import type { CountyContext } from './demo.context.ts';
import type {
  Category,
  EntryType,
  Person,
  PostLevel,
  QuotaKind,
  RetirementGroup,
  Seat,
  SeatStatus,
  Unit,
} from './demo.model.ts';
import { REFERENCE_DATE } from './demo.model.ts';
import {
  EDUCATION,
  ETHNICITIES,
  MAJORS,
  POLITICAL_STATUSES,
  personName,
  TITLE_TRACKS,
} from './demo.names.ts';
import { addDays, addYears, laterOf, type Random } from './demo.random.ts';

export type Domain = 'cadre' | 'teacher' | 'medical' | 'general' | 'worker';

/** Ordinary seats begin by this date, so each is active on every day of the pay period. */
const LAST_ENTRY = '2026-04-30';

const REFERENCE_MONTH = monthIndex(REFERENCE_DATE);

function earliestBirth(group: RetirementGroup): string {
  for (let month = monthIndex('1950-01'); ; month++) {
    const birth = `${periodOfIndex(month)}-01`;
    if (retirementMonthIndex(birth, group) >= REFERENCE_MONTH) return birth;
  }
}

/** Per group, the earliest birth of someone not yet past retirement on the reference date. */
export const EARLIEST_BIRTH: Record<RetirementGroup, string> = {
  male: earliestBirth('male'),
  female_cadre: earliestBirth('female_cadre'),
  female_worker: earliestBirth('female_worker'),
};

/** The first day after the statutory retirement month: when a retiree's seat ends. */
export function retirementExit(birthDate: string, group: RetirementGroup): string {
  return `${periodOfIndex(retirementMonthIndex(birthDate, group) + 1)}-01`;
}

const MALE_SHARE: Record<Domain, number> = {
  cadre: 0.62,
  teacher: 0.32,
  medical: 0.35,
  general: 0.52,
  worker: 0.72,
};

const ENTRY_TYPES: Record<Domain | 'reference', readonly (readonly [EntryType, number])[]> = {
  cadre: [
    ['exam', 72],
    ['selected_graduate', 8],
    ['transfer_in', 8],
    ['military', 10],
    ['other', 2],
  ],
  reference: [
    ['exam', 80],
    ['transfer_in', 10],
    ['military', 10],
  ],
  teacher: [
    ['recruit', 92],
    ['transfer_in', 5],
    ['other', 3],
  ],
  medical: [
    ['recruit', 92],
    ['transfer_in', 5],
    ['other', 3],
  ],
  general: [
    ['recruit', 84],
    ['transfer_in', 6],
    ['military', 5],
    ['other', 5],
  ],
  worker: [
    ['recruit', 50],
    ['military', 30],
    ['other', 20],
  ],
};

const STATUSES: readonly (readonly [SeatStatus, number])[] = [
  ['on_post', 970],
  ['sick_leave', 12],
  ['attached', 10],
  ['awaiting', 3],
  ['startup_leave', 5],
];

const MEDICAL = /医院|卫生院|保健院|疾病预防/;

/** The category of a seat of `kind` in `unit`, and the walk of life of the person holding it. */
export function categoryFor(
  ctx: CountyContext,
  unit: Unit,
  kind: QuotaKind,
  leader: boolean,
): [Category, Domain] {
  const worker = !leader && ctx.rng.chance(kind === 'school_staff' ? 0.05 : 0.08);
  switch (kind) {
    case 'administrative':
    case 'political_legal':
    case 'turnover':
      return ['civil_servant', 'cadre'];
    case 'logistics':
      return ['logistics_worker', 'worker'];
    case 'school_staff':
      return worker ? ['logistics_worker', 'worker'] : ['institution_staff', 'teacher'];
    case 'institutional':
      if (worker) return ['logistics_worker', 'worker'];
      if (unit.referenceManaged) return ['reference_civil_servant', 'cadre'];
      return ['institution_staff', MEDICAL.test(unit.name) ? 'medical' : 'general'];
  }
}

export interface PersonOptions {
  gender?: 'male' | 'female';
  birthDate?: string;
  /** Leaders are older: born between the earliest allowed date and 1988. */
  leader?: boolean;
}

export interface SeatOptions {
  enteredOn?: string;
  entryType?: EntryType;
}

export class PeopleFactory {
  constructor(private readonly ctx: CountyContext) {}

  gender(domain: Domain): 'male' | 'female' {
    return this.ctx.rng.chance(MALE_SHARE[domain]) ? 'male' : 'female';
  }

  person(category: Category, domain: Domain, options: PersonOptions = {}): Person {
    const rng = this.ctx.rng;
    const gender = options.gender ?? this.gender(domain);
    const retirementGroup = defaultRetirementGroup(gender, category);
    const earliest = EARLIEST_BIRTH[retirementGroup];
    const birthDate =
      options.birthDate ??
      (options.leader
        ? rng.date(laterOf(earliest, '1966-06-01'), '1988-12-31')
        : rng.date(earliest, '2003-12-31'));
    const cadre = domain === 'cadre';
    const age = Number(REFERENCE_DATE.slice(0, 4)) - Number(birthDate.slice(0, 4));
    const tracks: readonly (readonly string[])[] = TITLE_TRACKS[domain];
    let title = '';
    let major = rng.pick(domain === 'teacher' || domain === 'medical' ? MAJORS[domain] : MAJORS.general);
    if (tracks.length > 0 && !(domain === 'general' && rng.chance(0.35))) {
      const trackIndex = rng.int(0, tracks.length - 1);
      const track = tracks[trackIndex]!;
      const step = Math.floor((age - 22) / 9) + rng.int(-1, 0);
      title = track[Math.max(0, Math.min(track.length - 1, step))]!;
      if (domain === 'medical') major = trackIndex === 1 ? '护理学' : trackIndex === 2 ? '药学' : major;
    }
    if (domain === 'worker') major = rng.pick(MAJORS.worker);
    return {
      idNumber: this.ctx.idNumber(birthDate, gender),
      name: personName(rng, gender),
      gender,
      birthDate,
      retirementGroup,
      education: rng.weighted(domain === 'worker' ? EDUCATION.worker : EDUCATION.cadre),
      major,
      ethnicity: rng.weighted(ETHNICITIES),
      politicalStatus: rng.weighted(
        cadre
          ? POLITICAL_STATUSES.cadre
          : domain === 'worker'
            ? POLITICAL_STATUSES.worker
            : POLITICAL_STATUSES.staff,
      ),
      title,
    };
  }

  /** A seat active from its entry to today: entered after the person grew up and the unit was set up. */
  seat(
    unit: Unit,
    kind: QuotaKind,
    category: Category,
    domain: Domain,
    person: Person,
    options: SeatOptions = {},
  ): Seat {
    const rng = this.ctx.rng;
    let entryType =
      options.entryType ??
      (kind === 'turnover'
        ? 'selected_graduate'
        : rng.weighted(ENTRY_TYPES[category === 'reference_civil_servant' ? 'reference' : domain]));
    let enteredOn = options.enteredOn;
    if (!enteredOn) {
      const [from, to] = entryType === 'military' ? [24, 34] : domain === 'worker' ? [18, 26] : [21, 28];
      enteredOn = addDays(addYears(person.birthDate, rng.int(from, to)), rng.int(0, 300));
      if (enteredOn > LAST_ENTRY) enteredOn = rng.date(addYears(person.birthDate, 21), LAST_ENTRY);
      if (enteredOn < unit.establishedOn && unit.establishedOn >= '2018-01-01') {
        // Bodies born in a reform were staffed by transfer (转隶) when they were set up.
        enteredOn = addDays(unit.establishedOn, rng.int(0, 45));
        entryType = 'transfer_in';
      } else if (enteredOn < unit.establishedOn) {
        enteredOn = rng.date(unit.establishedOn, addYears(unit.establishedOn, 12));
      }
      if (enteredOn > LAST_ENTRY) enteredOn = LAST_ENTRY;
    }
    const status = rng.weighted(STATUSES);
    return {
      person,
      unitCode: unit.code,
      quotaKind: kind,
      category,
      enteredOn,
      entryType,
      approvalNo: enteredOn >= '2018-01-01' && rng.chance(0.8) ? this.ctx.doc('编核', enteredOn) : '',
      workUnitCode: '',
      postLevel: '',
      postUnitCode: '',
      postRank: '',
      exitedOn: '',
      exitType: '',
      // 离岗创业 is open to public-institution staff only.
      status: status === 'startup_leave' && category !== 'institution_staff' ? 'on_post' : status,
    };
  }
}

/** A month's gross pay (应发金额) in yuan with fen: by category, more for leaders. */
export function wage(rng: Random, category: Category, postLevel: PostLevel | ''): string {
  const [low, high] =
    category === 'logistics_worker'
      ? [4300, 6500]
      : category === 'institution_staff'
        ? [5200, 9800]
        : [6200, 9800];
  const bonus = postLevel === 'head' ? 1800 : postLevel === 'deputy' ? 1100 : postLevel ? 500 : 0;
  const fen = (rng.int(low, high) + bonus) * 100 + rng.int(0, 99);
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}
