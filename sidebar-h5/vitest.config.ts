import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config';

export default defineConfig((env) =>
  mergeConfig(
    viteConfig(env),
    defineConfig({
      test: {
        environment: 'happy-dom',
        include: ['src/**/__tests__/*.test.ts'],
        restoreMocks: true,
        // Vant's on-demand style imports are .css files: let Vite transform them; the JS-SDK is
        // transformed too, so that vi.resetModules gives a test a fresh SDK.
        server: { deps: { inline: ['vant', '@wecom/jssdk'] } },
      },
    }),
  ),
);
