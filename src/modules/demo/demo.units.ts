/**
 * The units of one county: bodies from the template with their internal divisions, public
 * institutions, sub-districts and townships with their service centres, schools and clinics. Each
 * unit gets its establishment document, its 三定 charters (2019 reform, often revised in the 2024
 * round) and the quota and posts it is meant to have.
 */

import type { CountyContext } from './demo.context.ts';
import { type PostLevel, type QuotaKind, RANKS, type Rank, REFERENCE_DATE, type Unit } from './demo.model.ts';
import { SUBDISTRICT_NAMES, townshipNames } from './demo.names.ts';
import { addDays, laterOf } from './demo.random.ts';
import {
  BODIES,
  type BodyTemplate,
  INSTITUTIONS,
  type InstitutionTemplate,
  SUBDISTRICT_DIVISIONS,
  TOWNSHIP_DIVISIONS,
} from './demo.template.ts';

type UnitFields = Pick<Unit, 'name' | 'kind' | 'rank' | 'parentCode' | 'establishedOn' | 'documentNo'> &
  Partial<Unit>;

export function buildUnits(ctx: CountyContext): Unit[] {
  return new UnitBuilder(ctx).build();
}

class UnitBuilder {
  private readonly units: Unit[] = [];
  private readonly byKey = new Map<string, Unit>();
  private readonly sortOrders = new Map<string, number>();
  private readonly reformDocs = new Map<string, string>();
  /** Counties differ in size: every planned quota figure is scaled by this. */
  private readonly factor: number;

  constructor(private readonly ctx: CountyContext) {
    this.factor = 0.85 + ctx.rng.next() * 0.3;
  }

  build(): Unit[] {
    for (const template of BODIES) this.body(template);
    for (const template of INSTITUTIONS) this.institution(template);
    this.townships();
    return this.units;
  }

  private get rng() {
    return this.ctx.rng;
  }

  private named(name: string): string {
    return name.replaceAll('{c}', this.ctx.name);
  }

  private parentCode(key: string | undefined): string {
    if (!key) return '';
    const parent = this.byKey.get(key);
    if (!parent) throw new Error(`demo template: unknown parent ${key}`);
    return parent.code;
  }

  private scaled(quota: Partial<Record<QuotaKind, number>>): Partial<Record<QuotaKind, number>> {
    const plan: Partial<Record<QuotaKind, number>> = {};
    for (const [kind, amount] of Object.entries(quota) as [QuotaKind, number][]) {
      plan[kind] = Math.max(2, Math.round(amount * this.factor * (0.9 + this.rng.next() * 0.2)));
    }
    return plan;
  }

  /** The document that set a unit up: the reform plan for reform-born bodies, else its own approval. */
  private establishment(since: string | undefined, from: string, to: string): [string, string] {
    if (!since) {
      const date = this.rng.date(from, to);
      return [date, this.ctx.doc(this.rng.chance(0.5) ? '发' : '编', date)];
    }
    let doc = this.reformDocs.get(since);
    if (!doc) {
      doc = this.ctx.doc('发', since);
      this.reformDocs.set(since, doc);
    }
    return [since, doc];
  }

  private add(key: string, fields: UnitFields): Unit {
    const order = (this.sortOrders.get(fields.parentCode) ?? 0) + 1;
    this.sortOrders.set(fields.parentCode, order);
    const unit: Unit = {
      code: '',
      regionCode: this.ctx.code,
      publicClass: '',
      funding: '',
      referenceManaged: false,
      divisionCap: null,
      abolishedOn: '',
      aliasNames: [],
      sortOrder: order,
      quotaPlan: {},
      postPlan: {},
      mainKind: null,
      charters: [],
      recentChange: false,
      ...fields,
    };
    if (!unit.code) unit.code = this.ctx.creditCode(unit.kind === 'mass_org' ? '13' : '11');
    if (key) this.byKey.set(key, unit);
    this.units.push(unit);
    return unit;
  }

  /**
   * Charters: the first sets the baseline (2019 reform for bodies, 2020–21 for institutions, or the
   * unit's own start), and a later revision follows for most bodies (2024) and some institutions.
   */
  private charter(unit: Unit, body: boolean): void {
    const rng = this.rng;
    const series = body ? '办发' : '编发';
    let first: string;
    if (unit.abolishedOn) {
      first = laterOf(addDays(unit.establishedOn, rng.int(20, 90)), rng.date('2010-03-01', '2015-12-31'));
      if (first >= unit.abolishedOn) first = addDays(unit.establishedOn, 10);
    } else {
      const base = body ? rng.date('2019-05-10', '2019-09-30') : rng.date('2020-03-01', '2021-12-31');
      first = unit.establishedOn > base ? addDays(unit.establishedOn, rng.int(10, 60)) : base;
    }
    unit.charters.push({ issuedOn: first, documentNo: this.ctx.doc(series, first) });
    if (unit.abolishedOn || !(body || rng.chance(0.4))) return;
    const revision = body ? rng.date('2024-06-01', '2024-12-20') : rng.date('2022-01-01', '2024-12-20');
    if (revision > addDays(first, 30))
      unit.charters.push({ issuedOn: revision, documentNo: this.ctx.doc(series, revision) });
  }

  private body(template: BodyTemplate): void {
    const [establishedOn, documentNo] = this.establishment(template.since, '1978-01-01', '1996-12-31');
    const divisions = template.divisions ?? [];
    const township = template.kind === 'township' || template.kind === 'subdistrict';
    const unit = this.add(template.key, {
      name: this.named(template.name),
      kind: template.kind,
      rank: template.rank,
      parentCode: this.parentCode(template.parent),
      establishedOn,
      documentNo,
      abolishedOn: template.abolished ?? '',
      aliasNames: (template.aliases ?? []).map((alias) => this.named(alias)),
      code: template.kind === 'coordination_body' ? this.ctx.internalCode('X') : '',
    });
    if (template.kind === 'coordination_body') return;
    unit.quotaPlan = this.scaled(template.quota);
    unit.mainKind = 'administrative';
    const posts: Partial<Record<PostLevel, number>> = { head: township ? 2 : 1, deputy: template.deputies };
    if (divisions.length > 0) {
      posts.division_head = divisions.length;
      posts.division_deputy = Math.floor(divisions.length / 2);
    }
    unit.postPlan = posts;
    this.charter(unit, true);
    if (unit.abolishedOn) return;
    unit.recentChange = this.rng.chance(0.12);
    if (divisions.length > 0 && (township || this.rng.chance(0.7))) unit.divisionCap = divisions.length;
    this.divisions(unit, divisions);
  }

  private divisions(parent: Unit, names: readonly string[]): void {
    const rank = RANKS[Math.min(RANKS.indexOf(parent.rank as Rank) + 2, RANKS.length - 1)]!;
    for (const name of names) {
      this.add('', {
        name,
        kind: 'internal_division',
        rank,
        parentCode: parent.code,
        establishedOn: parent.charters[0]?.issuedOn ?? parent.establishedOn,
        documentNo: '',
        code: this.ctx.internalCode('N'),
      });
    }
  }

  private institution(template: InstitutionTemplate): void {
    const school = template.quota.school_staff !== undefined;
    const [establishedOn, documentNo] = this.establishment(
      template.since,
      school ? '1950-09-01' : '1978-01-01',
      school ? '1998-09-01' : '2008-12-31',
    );
    const unit = this.add(template.key, {
      name: this.named(template.name),
      kind: 'public_institution',
      rank: template.rank,
      parentCode: this.parentCode(template.parent),
      establishedOn,
      documentNo,
      abolishedOn: template.abolished ?? '',
      publicClass: template.publicClass,
      funding: template.funding,
      referenceManaged: template.referenceManaged ?? false,
      code: this.ctx.creditCode('12'),
    });
    unit.quotaPlan = this.scaled(template.quota);
    unit.mainKind = school ? 'school_staff' : 'institutional';
    unit.postPlan = template.deputies > 0 ? { head: 1, deputy: template.deputies } : { head: 1 };
    this.charter(unit, false);
    if (!unit.abolishedOn) unit.recentChange = this.rng.chance(0.1);
  }

  /** 街道 and 乡镇, each with its internal offices and service centres; schools and clinics of the towns. */
  private townships(): void {
    const rng = this.rng;
    const subdistricts = SUBDISTRICT_NAMES.slice(0, rng.int(1, 3));
    for (const [i, name] of subdistricts.entries()) {
      const key = `subdistrict_${i}`;
      this.body({
        key,
        name: `{c}${name}街道办事处`,
        kind: 'subdistrict',
        rank: 'section',
        quota: { administrative: 16 },
        deputies: 5,
        divisions: SUBDISTRICT_DIVISIONS,
      });
      this.institution({
        key: `${key}_centre`,
        name: `{c}${name}街道党群服务中心`,
        parent: key,
        rank: 'unit_level',
        publicClass: 'public_1',
        funding: 'full',
        quota: { institutional: 8 },
        deputies: 1,
      });
    }
    const towns = townshipNames(rng, rng.int(8, 12));
    for (const [i, town] of towns.entries()) {
      const key = `township_${i}`;
      const name = `{c}${town}${i === 0 || rng.chance(0.7) ? '镇' : '乡'}`;
      const quota: Partial<Record<QuotaKind, number>> = { administrative: 18 };
      if (rng.chance(0.5)) quota.logistics = 2;
      this.body({
        key,
        name,
        kind: 'township',
        rank: 'section',
        quota,
        deputies: 7,
        divisions: TOWNSHIP_DIVISIONS,
      });
      const centre = {
        parent: key,
        rank: 'unit_level',
        publicClass: 'public_1',
        funding: 'full',
        deputies: 1,
      } as const;
      this.institution({
        ...centre,
        key: `${key}_service`,
        name: `${name}便民服务中心`,
        quota: { institutional: 10 },
      });
      this.institution({
        ...centre,
        key: `${key}_agri`,
        name: `${name}农业综合服务中心`,
        quota: { institutional: 12 },
      });
      const school = { parent: 'education', publicClass: 'public_1', funding: 'full', deputies: 2 } as const;
      this.institution({
        ...school,
        key: `${key}_middle`,
        name: `${name}中学`,
        rank: 'vice_section',
        quota: { school_staff: rng.int(110, 190) },
      });
      this.institution({
        ...school,
        key: `${key}_primary`,
        name: `${name}中心小学`,
        rank: 'unit_level',
        quota: { school_staff: rng.int(90, 170) },
      });
      this.institution({
        key: `${key}_clinic`,
        name: `${name}卫生院`,
        parent: 'health',
        rank: 'unit_level',
        publicClass: 'public_2',
        funding: 'partial',
        quota: { institutional: 30 },
        deputies: 1,
      });
    }
  }
}

/** Units that can hold seats on the reference date: active, and neither a division nor a coordination body. */
export function holdsSeats(unit: Unit): boolean {
  return unit.mainKind !== null && !unit.abolishedOn && unit.establishedOn <= REFERENCE_DATE;
}
