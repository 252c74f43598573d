import { defineConfig } from 'vitest/config';

// Server and domain tests. The web client has its own Vite config (vite.config.ts); browser tests are in e2e/.
export default defineConfig({
  test: {
    root: '.',
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // Two cores here: one PGlite per worker is the useful maximum.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
