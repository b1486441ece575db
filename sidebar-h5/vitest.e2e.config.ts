import { defineConfig } from 'vitest/config';

// Browser tests: the caller builds first (npm run build -w sidebar-h5); globalSetup serves dist/
// with `vite preview` on a free port and starts Chromium.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    retry: process.env.CI ? 1 : 0,
  },
});
