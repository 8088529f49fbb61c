import { defineConfig } from "vitest/config";

/**
 * One `npm test`, two stores. Every suite runs on SQLite (project "sqlite"). When
 * SCOREBOOK_TEST_PG names a PostgreSQL server (a superuser URL; .ci/run starts a throwaway
 * cluster and sets it), the suites that touch the store run again on PostgreSQL (project
 * "postgres"): test/helpers/store.ts gives each test a fresh database there.
 */
const PG_SUITES = ["test/store/**/*.test.ts", "test/query/**/*.test.ts", "test/gaps/**/*.test.ts", "test/cli/**/*.test.ts", "test/server/app.test.ts"];
/** Suites in those folders about SQLite itself (its statement cache, its old files' migrations). */
const SQLITE_ONLY = ["test/store/statement-cache.test.ts", "test/store/migrations.test.ts"];

const shared = { testTimeout: 60_000, hookTimeout: 60_000 };

export default defineConfig({
  test: {
    reporters: ["default", "./test/summary-reporter.ts"],
    projects: [
      { test: { ...shared, name: "sqlite", include: ["test/**/*.test.ts"], exclude: ["test/**/*.pg.test.ts"] } },
      ...(process.env.SCOREBOOK_TEST_PG
        ? [
            {
              test: {
                ...shared,
                name: "postgres",
                include: [...PG_SUITES, "test/**/*.pg.test.ts"],
                exclude: SQLITE_ONLY,
                env: { SCOREBOOK_TEST_STORE: "postgres" },
                globalSetup: ["test/helpers/pg-setup.ts"],
              },
            },
          ]
        : []),
    ],
  },
});
