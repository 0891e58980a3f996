import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'server',
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 30_000,
    // Child-process servers and sockets per file; two cores do not gain from more.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
