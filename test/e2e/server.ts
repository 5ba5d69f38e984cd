import type { TestProject } from 'vitest/node';
import { startDemoServer } from './demo-server.ts';

export { E2E_PASSWORD } from './demo-server.ts';

/** The browser tests' server: the demonstration county on a fresh embedded database (demo-server.ts). */
export default async function setup(project: TestProject) {
  const server = await startDemoServer();
  project.provide('baseUrl', server.url);
  project.provide('serverOutput', server.output);
  project.provide('accounts', server.accounts);
  return server.stop;
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    serverOutput: string;
    /** The demonstration accounts (admin, clerk, liaison, auditdept, leader, auditor …), all with E2E_PASSWORD. */
    accounts: string[];
  }
}
