/**
 * What each dataset file holds on export: one SELECT per file whose columns are named after the
 * file's keys, plus `_id` to page through by and `_cipher` where an ID number is to be revealed.
 * Without a date everything is written, history and future-dated rows too, so it round-trips;
 * with `asOf` the state on that date.
 */

export interface ExportQuery {
  file: string;
  /** SELECT … FROM … (no ORDER BY / LIMIT: the exporter pages by `_id`). */
  select: string;
}

const activeUnit = (d: string) =>
  `(u.established_on IS NULL OR u.established_on <= ${d}) AND (u.abolished_on IS NULL OR u.abolished_on > ${d})`;

/** The latest version (on d, or of all) of the row `owner`, through the (owner, valid_from) index. */
const latestVersion = (table: string, column: string, owner: string, d: string | null) =>
  `LATERAL (SELECT * FROM ${table} x WHERE x.${column} = ${owner} ${d ? `AND (x.valid_from IS NULL OR x.valid_from <= ${d})` : ''}
            ORDER BY x.valid_from DESC NULLS LAST LIMIT 1)`;

const unitColumns = `v.name, v.kind, v.rank, v.public_class, v.funding, v.reference_managed::text AS reference_managed,
  (SELECT p.code FROM units p WHERE p.id = v.parent_id) AS parent_code, v.division_cap::text AS division_cap,
  array_to_string(v.alias_names, ';') AS alias_names, v.sort_order::text AS sort_order`;

/** `column` names a region within the scope: `regionCode` and every region below it. */
const regionIn = (regionCode: string, column: string) =>
  `${column} IN (WITH RECURSIVE s(code) AS (SELECT '${regionCode.replace(/'/g, "''")}'::text
     UNION SELECT r.code FROM regions r JOIN s ON r.parent_code = s.code) SELECT code FROM s)`;

/**
 * With `scopeRegionCode`, only what lies within that region scope: its regions, their units and
 * everything of those units (a secondment when either end is within it).
 */
export function exportQueries(asOf: string | null, scopeRegionCode: string | null = null): ExportQuery[] {
  const d = asOf ? `'${asOf}'::date` : null;
  const inScope = (column: string) => (scopeRegionCode ? regionIn(scopeRegionCode, column) : null);
  /** WHERE with the date condition (only with a date) and the scope conditions, or nothing. */
  const where = (dated: string | null, ...scoped: (string | null)[]) => {
    const conditions = [d ? dated : null, ...scoped].filter((c): c is string => !!c);
    return conditions.length ? `WHERE ${conditions.map((c) => `(${c})`).join(' AND ')}` : '';
  };
  const queries: ExportQuery[] = [
    {
      file: 'regions',
      select: `SELECT row_number() OVER (ORDER BY code) AS _id, code, name, parent_code, unit_cap::text AS unit_cap
        FROM regions ${where(null, inScope('code'))}`,
    },
    {
      file: 'units',
      select: `SELECT u.id AS _id, u.code, u.region_code, u.established_on::text AS established_on, u.document_no,
          u.abolished_on::text AS abolished_on, ${unitColumns}
        FROM units u JOIN ${latestVersion('unit_versions', 'unit_id', 'u.id', d)} v ON true
        ${where(d && activeUnit(d), inScope('u.region_code'))}`,
    },
  ];
  if (!d) {
    queries.push({
      file: 'unit_versions',
      select: `SELECT v.id AS _id, u.code, v.valid_from::text AS valid_from, ${unitColumns}
        FROM unit_versions v JOIN units u ON u.id = v.unit_id ${where(null, inScope('u.region_code'))}`,
    });
  }
  for (const [file, table, level] of [
    ['quotas', 'quota_ledger', 'kind'],
    ['posts', 'post_ledger', 'level'],
  ] as const) {
    queries.push({
      file,
      select: `SELECT l.id AS _id, u.code AS unit_code, l.${level}, l.amount::text AS amount, l.effective_on::text AS effective_on, l.document_no
        FROM ${table} l JOIN units u ON u.id = l.unit_id ${where(`l.effective_on <= ${d}`, inScope('u.region_code'))}`,
    });
  }
  queries.push(
    {
      file: 'charters',
      select: `SELECT c.id AS _id, u.code AS unit_code, c.issued_on::text AS issued_on, c.document_no
        FROM charters c JOIN units u ON u.id = c.unit_id ${where(`c.issued_on <= ${d}`, inScope('u.region_code'))}`,
    },
    {
      file: 'persons',
      select: `SELECT s.id AS _id, p.id_cipher AS _cipher, p.name, u.code AS unit_code, s.quota_kind, s.category,
          s.entered_on::text AS entered_on, s.entry_type, s.approval_no, wu.code AS work_unit_code, sp.post_level,
          pu.code AS post_unit_code, sp.post_rank, p.retirement_group, s.exited_on::text AS exited_on, s.exit_type,
          p.education, p.major, p.ethnicity, p.political_status, p.title, s.status
        FROM seats s JOIN persons p ON p.id = s.person_id JOIN units u ON u.id = s.unit_id
        LEFT JOIN units wu ON wu.id = s.work_unit_id
        LEFT JOIN ${latestVersion('seat_posts', 'seat_id', 's.id', d)} sp ON true LEFT JOIN units pu ON pu.id = sp.post_unit_id
        ${where(`s.entered_on <= ${d} AND (s.exited_on IS NULL OR s.exited_on > ${d})`, inScope('u.region_code'))}`,
    },
  );
  if (!d) {
    queries.push({
      file: 'seat_posts',
      select: `SELECT sp.id AS _id, p.id_cipher AS _cipher, u.code AS unit_code, s.entered_on::text AS entered_on,
          sp.valid_from::text AS valid_from, sp.post_level, pu.code AS post_unit_code, sp.post_rank
        FROM seat_posts sp JOIN seats s ON s.id = sp.seat_id JOIN persons p ON p.id = s.person_id JOIN units u ON u.id = s.unit_id
        LEFT JOIN units pu ON pu.id = sp.post_unit_id ${where(null, inScope('u.region_code'))}`,
    });
  }
  queries.push(
    {
      file: 'secondments',
      select: `SELECT x.id AS _id, p.id_cipher AS _cipher, f.code AS from_unit_code, t.code AS to_unit_code,
          x.start_on::text AS start_on, x.end_on::text AS end_on, x.returned_on::text AS returned_on, x.document_no
        FROM secondments x JOIN persons p ON p.id = x.person_id JOIN units f ON f.id = x.from_unit_id JOIN units t ON t.id = x.to_unit_id
        ${where(
          `x.start_on <= ${d} AND (x.returned_on IS NULL OR x.returned_on > ${d})`,
          scopeRegionCode && `${inScope('f.region_code')} OR ${inScope('t.region_code')}`,
        )}`,
    },
    {
      file: 'off_quota',
      select: `SELECT o.id AS _id, o.id_cipher AS _cipher, o.name, u.code AS unit_code, o.type, o.start_on::text AS start_on,
          o.end_on::text AS end_on, o.post_level
        FROM off_quota_staff o JOIN units u ON u.id = o.unit_id
        ${where(`o.start_on <= ${d} AND (o.end_on IS NULL OR o.end_on > ${d})`, inScope('u.region_code'))}`,
    },
    {
      file: 'payroll',
      select: `SELECT r.id AS _id, r.id_cipher AS _cipher, r.period, r.name, u.code AS unit_code, r.amount::text AS amount
        FROM payroll r JOIN units u ON u.id = r.unit_id ${where(`r.period <= to_char(${d}, 'YYYY-MM')`, inScope('u.region_code'))}`,
    },
    {
      file: 'insurance',
      select: `SELECT r.id AS _id, r.id_cipher AS _cipher, r.period, r.name, u.code AS unit_code
        FROM insurance r JOIN units u ON u.id = r.unit_id ${where(`r.period <= to_char(${d}, 'YYYY-MM')`, inScope('u.region_code'))}`,
    },
  );
  return queries;
}
