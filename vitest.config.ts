import { defineConfig } from 'vitest/config';

// Root Vitest config: it runs no tests itself, it only lists the projects. Each project keeps
// its own vitest.config.ts (environment, includes); projects referenced as directories do
// not inherit test options from this file. Benchmarks (bench/) and browser tests (e2e/, run
// by Node's test runner) are deliberately not projects here.
export default defineConfig({
  test: {
    projects: ['apps/server', 'apps/web', 'packages/*'],
    // One worker pool for the whole run. Projects that set no `maxWorkers` use this value;
    // Vitest refuses to run projects of the same `sequence.groupOrder` with different
    // `maxWorkers`, so projects should not set it (or set this same value).
    maxWorkers: 2,
  },
});
