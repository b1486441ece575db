#!/usr/bin/env node
// The admin console's first screen in Chromium with the CPU throttled 4× (DevTools
// Emulation.setCPUThrottlingRate), and the JavaScript it needs, gzipped.
//
//   npm run build -w admin-web && node bench/console-first-screen.mjs [--runs 5] [--rate 4]
//   node bench/console-first-screen.mjs --dist /tmp/old-dist   # another build (before/after)
//
// Serves admin-web/dist with `vite preview` and answers the API itself (a signed-in admin, one
// corp, the dashboard's numbers), so that the figure is the console's own: the time from
// navigation start until the screen is drawn (the login form; for a signed-in user the layout
// with its menu and the dashboard's numbers), then, for the dashboard, until its first chart is
// drawn too (ECharts loaded after the numbers), and the bytes of every script loaded by then.
// "Initial JavaScript" is what index.html loads before any route (the entry and its
// modulepreloads); "first screen JavaScript" adds the chunks of the route shown.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { preview } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const appRoot = resolve(root, 'admin-web');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('runs', 5));
const RATE = Number(arg('rate', 4));
const DIST = resolve(arg('dist', resolve(appRoot, 'dist')));

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// 1. initial JavaScript from dist/index.html
const html = readFileSync(resolve(DIST, 'index.html'), 'utf8');
const initialFiles = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const initialGzip = initialFiles.reduce(
  (sum, file) => sum + gzipSync(readFileSync(resolve(DIST, `.${file}`))).length,
  0,
);

// 2. the first screen in Chromium
const server = await preview({
  root: appRoot,
  configFile: resolve(appRoot, 'vite.config.ts'),
  logLevel: 'warn',
  build: { outDir: DIST },
  preview: { host: '127.0.0.1', port: 0, open: false },
});
const baseURL = server.resolvedUrls.local[0].replace(/\/$/, '');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});

const corp = { corpId: 'wwbench00000001', name: '栖木生活' };
const days = Array.from({ length: 30 }, (_, i) => {
  const d = new Date(Date.now() - (29 - i) * 86_400_000);
  return { day: d.toISOString().slice(0, 10), added: 20 + (i % 7) * 3, lost: i % 4 };
});
const answers = {
  '/api/auth/me': { id: '1', username: 'admin', displayName: '管理员', role: 'admin' },
  '/api/admin/corps': [corp],
  '/api/admin/dashboard': {
    corpId: corp.corpId,
    customers: { total: 128_340 },
    daily: days,
    byChannel: Array.from({ length: 8 }, (_, i) => ({
      channelId: String(i),
      channelName: `渠道 ${i + 1}`,
      adds: 400 - i * 40,
    })),
    byStaff: Array.from({ length: 10 }, (_, i) => ({
      userId: `u${i}`,
      name: `员工${i + 1}`,
      customers: 3000 - i * 200,
    })),
    callbackEvents: { failed: 2 },
    lastSync: {
      status: 'done',
      startedAt: new Date().toISOString(),
      finishedAt: new Date().toISOString(),
      error: null,
    },
  },
  '/health/ready': {
    status: 'ok',
    details: { database: { status: 'up' }, redis: { status: 'up' } },
  },
};

async function measure(screen) {
  const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.route(
    (url) => url.pathname.startsWith('/api/') || url.pathname.startsWith('/health'),
    (route) => {
      const path = new URL(route.request().url()).pathname;
      const body = answers[path];
      return body
        ? route.fulfill({
            status: 200,
            contentType: 'application/json',
            body: JSON.stringify(body),
          })
        : route.fulfill({
            status: 404,
            contentType: 'application/json',
            body: '{"code":"NOT_FOUND","message":"x","requestId":"b"}',
          });
    },
  );
  if (screen === 'dashboard') {
    await context.addInitScript(() => {
      localStorage.setItem(
        'scrm.admin.accessToken',
        JSON.stringify({ token: 'bench', expiresAt: Date.now() + 3_600_000 }),
      );
    });
  }
  const scripts = new Map();
  page.on('response', async (response) => {
    if (response.request().resourceType() === 'script') {
      scripts.set(
        response.url(),
        gzipSync(await response.body().catch(() => Buffer.alloc(0))).length,
      );
    }
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });

  // the next frame after the element is in the DOM: drawn
  const drawnAt = () =>
    page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => done(performance.now()))),
    );
  await page.goto(screen === 'dashboard' ? '/dashboard' : '/login', { waitUntil: 'commit' });
  let charts = null;
  let ms;
  if (screen === 'dashboard') {
    await page.getByTestId('main-menu').waitFor();
    await page.getByTestId('stat-customers').getByText('128,340').waitFor();
    ms = await drawnAt();
    await page.locator('[data-testid="chart-daily"] canvas').waitFor();
    charts = await drawnAt();
  } else {
    await page.getByTestId('login-form').waitFor();
    ms = await drawnAt();
  }
  const js = [...scripts.values()].reduce((a, b) => a + b, 0);
  await context.close();
  return { ms, charts, js };
}

const results = {};
for (const screen of ['login', 'dashboard']) {
  await measure(screen); // warm-up (vite preview's first response, Chromium's code cache off anyway)
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await measure(screen));
  results[screen] = {
    median: median(runs.map((r) => r.ms)),
    max: Math.max(...runs.map((r) => r.ms)),
    js: median(runs.map((r) => r.js)),
    runs: runs.map((r) => Math.round(r.ms)),
    charts: runs[0].charts === null ? null : median(runs.map((r) => r.charts)),
  };
}
await browser.close();
await server.httpServer.close();

console.log(
  `CPU throttled ${RATE}×, ${RUNS} runs each (after one warm-up), 1440×900, ${DIST.replace(root + '/', '')}`,
);
console.log(
  `initial JavaScript (index.html's entry + modulepreloads, gzipped): ${kb(initialGzip)} in ${initialFiles.length} files`,
);
for (const [screen, r] of Object.entries(results)) {
  console.log(
    `${screen.padEnd(9)} first screen: median ${Math.round(r.median)} ms, max ${Math.round(r.max)} ms (runs ${r.runs.join(', ')}); JavaScript loaded ${kb(r.js)} gzipped`,
  );
  if (r.charts !== null)
    console.log(`${''.padEnd(9)} first chart drawn: median ${Math.round(r.charts)} ms`);
}
process.exit(0);
