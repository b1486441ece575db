import { fileURLToPath, URL } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type ProxyOptions } from 'vite';

// The API server the dev and preview servers forward to (see server/ for its env).
const apiTarget = process.env.SCRM_API_URL ?? 'http://127.0.0.1:3000';

const proxy: Record<string, ProxyOptions> = {
  '/api': { target: apiTarget, changeOrigin: true },
  '/health': { target: apiTarget, changeOrigin: true },
};

export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: { '#': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    port: Number(process.env.ADMIN_WEB_DEV_PORT ?? 5173),
    proxy,
  },
  preview: {
    port: Number(process.env.ADMIN_WEB_PREVIEW_PORT ?? 4173),
    proxy,
  },
});
