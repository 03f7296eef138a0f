import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One engine per file is plenty. Files in parallel, one per core: vitest's default leaves one
    // core free, which on a 2-core machine (CI's) ran every file one after the other.
    pool: 'forks',
    maxWorkers: Math.max(2, availableParallelism()),
  },
});
