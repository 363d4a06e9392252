import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // CDK's template validator costs seconds per synth and is not what these tests check.
    env: { CDK_VALIDATION: 'false', POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_DEV: 'true' },
    testTimeout: 30_000,
    hookTimeout: 90_000,
  },
});
