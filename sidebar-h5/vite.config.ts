import { fileURLToPath, URL } from 'node:url';
import { VantResolver } from '@vant/auto-import-resolver';
import vue from '@vitejs/plugin-vue';
import pxToViewport from 'postcss-px-to-viewport-8-plugin';
import { i18nBuildConfig, precompileMessages } from '../web-shared/build/precompile-messages';
import Components from 'unplugin-vue-components/vite';
import { defineConfig, type ProxyOptions } from 'vite';

// The API server the dev and preview servers forward to (see server/ for its env).
const apiTarget = process.env.SCRM_API_URL ?? 'http://127.0.0.1:3000';

const proxy: Record<string, ProxyOptions> = {
  '/api': { target: apiTarget, changeOrigin: true },
  '/health': { target: apiTarget, changeOrigin: true },
};

export default defineConfig(({ command }) => ({
  plugins: [
    vue(),
    // the messages compiled at build time (web-shared/build): the bundle has vue-i18n's runtime
    // only, without its message compiler
    precompileMessages(),
    // Vant components (and their styles) are imported on demand as templates use them.
    // Types come from Vant itself (src/types/vant.d.ts), so no generated components.d.ts.
    Components({ resolvers: [VantResolver()], dts: false }),
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
  css: {
    postcss: {
      // Designs are drawn at 375px wide (as Vant's own styles); px become vw.
      plugins: [
        pxToViewport({
          unitToConvert: 'px',
          viewportWidth: 375,
          unitPrecision: 5,
          propList: ['*'],
          viewportUnit: 'vw',
          fontViewportUnit: 'vw',
          minPixelValue: 1,
          mediaQuery: false,
        }),
      ],
    },
  },
  server: {
    port: Number(process.env.SIDEBAR_H5_DEV_PORT ?? 5174),
    proxy,
  },
  preview: {
    port: Number(process.env.SIDEBAR_H5_PREVIEW_PORT ?? 4174),
    proxy,
  },
}));
