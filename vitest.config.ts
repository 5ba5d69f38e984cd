import { defineConfig } from 'vitest/config';

const integration = ['src/**/*.int.test.ts', 'test/integration/**/*.test.ts'];
const postgres = process.env.DATABASE_URL
  ? [
      {
        test: {
          name: 'integration-postgres',
          include: integration,
          globalSetup: ['test/support/global-setup.ts'],
          env: { TEST_DB: 'postgres' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ]
  : [];

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts', 'web/src/**/*.test.ts'], exclude: integration } },
      {
        test: {
          name: 'integration-pglite',
          include: integration,
          globalSetup: ['test/support/global-setup.ts'],
          env: { TEST_DB: 'pglite' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      ...postgres,
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/server.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
