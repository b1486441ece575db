import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config';

export default defineConfig((env) =>
  mergeConfig(
    viteConfig(env),
    defineConfig({
      test: {
        environment: 'happy-dom',
        // web-shared's own tests run here too (it has no build step of its own in npm test)
        include: ['src/**/__tests__/*.test.ts', '../web-shared/src/**/__tests__/*.test.ts'],
        setupFiles: ['src/test-setup.ts'],
        restoreMocks: true,
        // Element Plus's components come with their CSS imports: let Vite handle them
        server: { deps: { inline: ['element-plus'] } },
      },
    }),
  ),
);
