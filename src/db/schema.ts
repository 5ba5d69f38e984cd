export * from '../modules/audit/audit.table.ts';
export * from '../modules/establishment/establishment.table.ts';
export * from '../modules/org/org.table.ts';
export * from '../modules/roster/roster.table.ts';
export * from '../modules/users/users.table.ts';
export * from '../modules/warnings/warnings.table.ts';
export * from '../modules/findings/findings.table.ts';
export * from '../modules/transactions/transactions.table.ts';
