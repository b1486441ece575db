import { fileURLToPath, URL } from 'node:url';
import vue from '@vitejs/plugin-vue';
import AutoImport from 'unplugin-auto-import/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import Components from 'unplugin-vue-components/vite';
import { defineConfig, type ProxyOptions } from 'vite';
import { i18nBuildConfig, precompileMessages } from '../web-shared/build/precompile-messages';
import { firstRequests } from './build/first-requests';

// The API server the dev and preview servers forward to (see server/ for its env).
const apiTarget = process.env.SCRM_API_URL ?? 'http://127.0.0.1:3000';

const proxy: Record<string, ProxyOptions> = {
  '/api': { target: apiTarget, changeOrigin: true },
  '/health': { target: apiTarget, changeOrigin: true },
};

export default defineConfig(({ command }) => ({
  plugins: [
    vue(),
    // the messages compiled at build time: the bundle has vue-i18n's runtime only (see below)
    precompileMessages(),
    // index.html asks for the first screen's data and preloads its chunks before the entry runs
    firstRequests(),
    // Element Plus on demand: components (and their CSS) as templates use them, and
    // ElMessage / ElMessageBox as scripts call them. The .d.ts files are committed so that
    // vue-tsc sees the same globals the build does.
    AutoImport({
      resolvers: [ElementPlusResolver()],
      dts: 'src/types/auto-imports.d.ts',
    }),
    Components({
      resolvers: [ElementPlusResolver()],
      dts: 'src/types/components.d.ts',
      dirs: [],
    }),
  ],
  resolve: {
    alias: [
      { find: '#', replacement: fileURLToPath(new URL('./src', import.meta.url)) },
      // the build formats precompiled messages: vue-i18n without its message compiler (the dev
      // server and component tests compile the plain strings at run time)
      ...i18nBuildConfig(command).alias,
    ],
  },
  define: i18nBuildConfig(command).define,
  build: {
    // ECharts (on demand, ~190 KB gzipped) is one lazy chunk, loaded by pages with charts only
    chunkSizeWarningLimit: 700,
  },
  server: {
    port: Number(process.env.ADMIN_WEB_DEV_PORT ?? 5173),
    proxy,
  },
  preview: {
    port: Number(process.env.ADMIN_WEB_PREVIEW_PORT ?? 4173),
    proxy,
  },
}));
