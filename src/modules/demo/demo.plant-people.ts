/**
 * The planted cases about people and pay (人员管理, 财政供养比对, 编外人员任职), with their near misses.
 */

import { REFERENCE_DATE, type Unit } from './demo.model.ts';
import { personName } from './demo.names.ts';
import { EARLIEST_BIRTH, wage } from './demo.people.ts';
import { type Plan, Planter } from './demo.plant.ts';
import { addDays, laterOf } from './demo.random.ts';
import { BORROWERS } from './demo.roster.ts';

export class CountyPlanter extends Planter {
  /** Plants every case in the county; the ledgers settle the ones that depend on headcounts. */
  run(): Plan {
    this.institutions();
    this.quota();
    this.posts();
    this.offQuotaLeaders();
    this.duplicates();
    this.retirement();
    this.secondments();
    this.workAway();
    this.pay();
    return this.plan;
  }

  private borrower(than: string): Unit {
    return this.otherUnit(than, (u) => BORROWERS.has(u.kind));
  }

  /** 编外人员担任领导职务: two active records with a post; near misses ended before or on the day. */
  private offQuotaLeaders(): void {
    const { ctx, roster } = this.county;
    const rng = this.rng;
    const add = (unit: Unit, postLevel: 'deputy' | 'division_head', startOn: string, endOn: string) => {
      const gender = rng.chance(0.5) ? 'male' : 'female';
      const idNumber = ctx.idNumber(rng.date('1975-01-01', '1995-12-31'), gender);
      const type = rng.chance(0.5) ? 'contract' : 'outsourced';
      roster.offQuota.push({
        idNumber,
        name: personName(rng, gender),
        unitCode: unit.code,
        type,
        startOn,
        endOn,
        postLevel,
      });
      return idNumber;
    };
    const institution = this.otherUnit('', (u) => u.mainKind === 'institutional');
    const deputy = add(institution, 'deputy', rng.date('2023-03-01', '2025-12-31'), '');
    this.record('OFF_QUOTA_LEADER', { idNumber: deputy, unitCode: institution.code });
    const township = this.otherUnit('', (u) => u.kind === 'township');
    const head = add(
      township,
      'division_head',
      rng.date('2024-01-01', '2025-12-31'),
      addDays(REFERENCE_DATE, 200),
    );
    this.record('OFF_QUOTA_LEADER', { idNumber: head, unitCode: township.code });
    add(
      this.otherUnit(''),
      'deputy',
      rng.date('2021-01-01', '2023-12-31'),
      rng.date('2025-01-01', '2026-05-31'),
    );
    add(this.otherUnit(''), 'division_head', rng.date('2022-01-01', '2024-12-31'), REFERENCE_DATE);
  }

  /** 一人多编: a teacher also seated at another school, a township cadre also at a public institution. */
  private duplicates(): void {
    const { roster } = this.county;
    const rng = this.rng;
    const teacher = this.plainSeat(
      (s) =>
        s.quotaKind === 'school_staff' && s.category === 'institution_staff' && s.enteredOn < '2023-01-01',
    );
    const cadre = this.plainSeat((s, u) => u.kind === 'township' && s.enteredOn < '2023-01-01');
    const cases = [
      [teacher, this.otherUnit(teacher.unitCode, (u) => u.mainKind === 'school_staff'), 'school_staff'],
      [
        cadre,
        this.otherUnit(cadre.unitCode, (u) => u.mainKind === 'institutional' && !u.referenceManaged),
        'institutional',
      ],
    ] as const;
    for (const [seat, unit, kind] of cases) {
      roster.seats.push({
        ...seat,
        unitCode: unit.code,
        quotaKind: kind,
        category: 'institution_staff',
        enteredOn: rng.date('2023-03-01', '2024-12-31'),
        entryType: 'recruit',
        approvalNo: '',
      });
      this.record('DUPLICATE_SEAT', { idNumber: seat.person.idNumber });
    }
  }

  /** 应退未退: a man born in the late 1950s and a female worker born in 1971–73, both still seated. */
  private retirement(): void {
    const rng = this.rng;
    const body = this.otherUnit('', (u) => this.isBody(u));
    const man = this.newSeat(
      body,
      'administrative',
      laterOf(body.establishedOn, rng.date('1980-07-01', '1984-12-31')),
      {
        gender: 'male',
        birthDate: rng.date('1957-01-01', '1959-12-31'),
      },
    );
    this.record('RETIREMENT_OVERDUE', { idNumber: man.person.idNumber });
    const withWorkers = this.otherUnit('', (u) => (u.quotaPlan.logistics ?? 0) > 0);
    const worker = this.newSeat(
      withWorkers,
      'logistics',
      laterOf(withWorkers.establishedOn, rng.date('1992-01-01', '1996-12-31')),
      { gender: 'female', birthDate: rng.date('1971-01-01', '1973-12-31') },
    );
    this.record('RETIREMENT_OVERDUE', { idNumber: worker.person.idNumber });
    // Near miss: a man whose statutory retirement month is the reference month itself.
    const due = this.otherUnit('', (u) => this.isBody(u));
    this.newSeat(due, 'administrative', laterOf(due.establishedOn, '1989-07-01'), {
      gender: 'male',
      birthDate: addDays(EARLIEST_BIRTH.male, rng.int(0, 27)),
    });
  }

  /** 超期借调: past its end, or begun more than a year ago; near miss: exactly a year, ending today. */
  private secondments(): void {
    const rng = this.rng;
    const d = REFERENCE_DATE;
    const longAgo = rng.date('2024-03-01', '2024-12-31');
    const recent = rng.date(addDays(d, -300), addDays(d, -150));
    const overYear = rng.date('2025-01-01', addDays(d, -380));
    const cases: [string, string, boolean][] = [
      [longAgo, addDays(longAgo, 365), true],
      [recent, rng.date(addDays(recent, 60), addDays(d, -1)), true],
      [overYear, rng.date(addDays(d, 100), addDays(d, 300)), true],
      [addDays(d, -365), d, false],
    ];
    for (const [startOn, endOn, overdue] of cases) {
      const seat = this.plainSeat((s) => s.enteredOn < '2023-12-31');
      const to = this.borrower(seat.unitCode);
      this.county.roster.secondments.push({
        idNumber: seat.person.idNumber,
        fromUnitCode: seat.unitCode,
        toUnitCode: to.code,
        startOn,
        endOn,
        returnedOn: '',
        documentNo: this.county.ctx.doc('组函', startOn),
      });
      seat.workUnitCode = to.code;
      if (overdue) this.record('SECONDMENT_OVERDUE', { idNumber: seat.person.idNumber });
    }
  }

  /** 人编分离未备案: working elsewhere with no secondment, or after the secondment ended. */
  private workAway(): void {
    const rng = this.rng;
    const unrecorded = this.plainSeat((s) => s.enteredOn < '2023-12-31');
    unrecorded.workUnitCode = this.otherUnit(unrecorded.unitCode).code;
    this.record('WORK_AWAY_UNRECORDED', { idNumber: unrecorded.person.idNumber });
    const returned = this.plainSeat((s) => s.enteredOn < '2023-12-31');
    const to = this.borrower(returned.unitCode);
    const startOn = rng.date('2025-03-01', '2025-06-30');
    this.county.roster.secondments.push({
      idNumber: returned.person.idNumber,
      fromUnitCode: returned.unitCode,
      toUnitCode: to.code,
      startOn,
      endOn: addDays(startOn, 270),
      returnedOn: rng.date('2026-01-05', '2026-05-31'),
      documentNo: this.county.ctx.doc('组函', startOn),
    });
    returned.workUnitCode = to.code;
    this.record('WORK_AWAY_UNRECORDED', { idNumber: returned.person.idNumber });
  }

  /** 财政供养比对: ghost pay, pay and insurance by the wrong unit, seats nobody pays. */
  private pay(): void {
    const { ctx } = this.county;
    const rng = this.rng;
    const plan = this.plan;
    const paid = (u: Unit) => u.funding !== 'self';
    // Never on the roster.
    const stranger = this.otherUnit('', paid);
    const gender = rng.chance(0.5) ? 'male' : 'female';
    const idNumber = ctx.idNumber(rng.date('1978-01-01', '1998-12-31'), gender);
    plan.ghosts.push({
      idNumber,
      name: personName(rng, gender),
      unitCode: stranger.code,
      amount: wage(rng, 'institution_staff', ''),
    });
    this.record('GHOST_PAY', { idNumber });
    // Left before the period (died or resigned), still paid.
    const left = this.plainSeat((s) => s.enteredOn < '2025-12-31');
    left.exitedOn = rng.date('2026-03-01', '2026-06-01');
    left.exitType = rng.chance(0.5) ? 'death' : 'resign';
    // Joins after the period, already paid.
    const joiner = this.newSeat(
      this.otherUnit('', (u) => paid(u) && u.mainKind === 'institutional'),
      'institutional',
      '2026-07-01',
    );
    for (const seat of [left, joiner]) {
      const { person } = seat;
      plan.ghosts.push({
        idNumber: person.idNumber,
        name: person.name,
        unitCode: seat.unitCode,
        amount: wage(rng, seat.category, ''),
      });
      this.record('GHOST_PAY', { idNumber: person.idNumber });
    }
    // Near miss: left during the period and paid for it.
    const leaving = this.plainSeat((s) => s.enteredOn < '2025-12-31');
    leaving.exitedOn = rng.date('2026-06-02', '2026-06-29');
    leaving.exitType = 'transfer_out';

    for (let i = 0; i < 2; i++) {
      const payee = this.plainSeat();
      plan.payUnit.set(payee.person.idNumber, this.otherUnit(payee.unitCode, paid).code);
      this.record('PAY_UNIT_MISMATCH', { idNumber: payee.person.idNumber });
      const insured = this.plainSeat();
      plan.insuranceUnit.set(insured.person.idNumber, this.otherUnit(insured.unitCode).code);
      this.record('INSURANCE_UNIT_MISMATCH', { idNumber: insured.person.idNumber });
      const unpaid = this.plainSeat();
      plan.unpaid.add(unpaid.person.idNumber);
      this.record('UNPAID_SEAT', { idNumber: unpaid.person.idNumber });
    }
    // Near miss: hired on the 10th, on neither list yet.
    const hire = this.newSeat(
      this.otherUnit('', (u) => u.mainKind === 'school_staff'),
      'school_staff',
      '2026-06-10',
    );
    plan.unpaid.add(hire.person.idNumber);
  }
}
