// Test runner configuration: unit and integration suites under tests/, run against the TypeScript
// sources directly. Timing-sensitive checks live in scripts/bench, never here.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
