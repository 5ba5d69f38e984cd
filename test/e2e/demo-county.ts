import {
  generateCounty,
  layout,
  REFERENCE_DATE,
  type RuleCode,
} from '../../src/modules/demo/demo.generator.ts';

/**
 * The demonstration county the server loaded (`serve --demo` imports scale 1, and the generator is
 * deterministic), so a test can name its planted cases and dated changes instead of guessing them.
 */
const county = generateCounty(0, layout(1).counties[0]!);

/** The date the demonstration data describes (planted cases hold on it). */
export { REFERENCE_DATE };

export const demoRegion = county.region;

export function unitNamed(code: string): string {
  const unit = county.units.find((u) => u.code === code);
  if (!unit) throw new Error(`no demo unit ${code}`);
  return unit.name;
}

/** The subject of the first planted case of a rule (e.g. the first over-quota unit). */
export function planted(rule: RuleCode) {
  const warning = county.planted.find((w) => w.rule === rule);
  if (!warning) throw new Error(`no planted ${rule}`);
  return warning;
}

/** A quota change: the first active unit whose ledger of one kind changes after its first approval. */
export function datedQuotaChange() {
  for (const unit of county.units) {
    if (unit.abolishedOn) continue;
    const rows = county.quotas.filter((q) => q.unitCode === unit.code);
    for (const change of rows) {
      const sameKind = rows.filter((q) => q.kind === change.kind);
      const before = sameKind.filter((q) => q.effectiveOn < change.effectiveOn);
      if (before.length === 0 || change.amount === 0) continue;
      const sum = (list: typeof rows) => list.reduce((total, q) => total + q.amount, 0);
      const after = sameKind.filter((q) => q.effectiveOn <= change.effectiveOn);
      return {
        unitCode: unit.code,
        unitName: unit.name,
        kind: change.kind,
        effectiveOn: change.effectiveOn,
        approvedBefore: sum(before),
        approvedAfter: sum(after),
      };
    }
  }
  throw new Error('the demo county has no dated quota change');
}

/** The units of every planted case: a test that writes leaves them alone, so the others' cases hold. */
export function plantedUnitCodes(): Set<string> {
  return new Set(county.planted.flatMap((w) => (w.unitCode ? [w.unitCode] : [])));
}
