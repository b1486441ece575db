#!/usr/bin/env node
// The admin console's first screen in Chromium with the CPU throttled 4× (DevTools
// Emulation.setCPUThrottlingRate), and the JavaScript it needs, gzipped.
//
//   npm run build -w admin-web && node bench/console-first-screen.mjs [--runs 5] [--rate 4]
//   node bench/console-first-screen.mjs --dist /tmp/old-dist   # another build (before/after)
//
// Serves admin-web/dist with `vite preview` and answers the API itself (a local server preview
// proxies to: a signed-in admin, one corp, the dashboard's numbers), so that the figure is the
// console's own: the time from navigation start until the screen is drawn (the login form; for a signed-in user the layout
// with its menu and the dashboard's numbers), then, for the dashboard, until its first chart is
// drawn too (ECharts loaded after the numbers), and the bytes of every script loaded by then.
// "Initial JavaScript" is what index.html loads before any route (the entry and its
// modulepreloads); "first screen JavaScript" adds the chunks of the route shown.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
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
// --trace: one more run per screen with a Chromium trace, printed as where the time went
const TRACE = process.argv.includes('--trace');
// --warm: time a second load in the same tab (the renderer's in-memory compile cache warm, as in
// dashboard-numbers.e2e.ts, which reloads one page); by default each run is a new context
const WARM = process.argv.includes('--warm');

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// 1. initial JavaScript from dist/index.html
const html = readFileSync(resolve(DIST, 'index.html'), 'utf8');
const initialFiles = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const initialGzip = initialFiles.reduce(
  (sum, file) => sum + gzipSync(readFileSync(resolve(DIST, `.${file}`))).length,
  0,
);

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
  '/api/setup/status': { hasAdmin: true, hasCorp: true, needsSetup: false },
  '/health/ready': {
    status: 'ok',
    details: { database: { status: 'up' }, redis: { status: 'up' } },
  },
};

// 2. the first screen in Chromium. The API is answered by a local HTTP server that `vite preview`
// proxies /api and /health to (as it does to the real server), not by page.route: intercepting
// in the page pauses every request of the load (chunks too) for a round trip through Playwright.
const api = createServer((req, res) => {
  const body = answers[new URL(req.url, 'http://x').pathname];
  res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body ?? { code: 'NOT_FOUND', message: 'x', requestId: 'b' }));
});
await new Promise((done) => api.listen(0, '127.0.0.1', done));
process.env.SCRM_API_URL = `http://127.0.0.1:${api.address().port}`;
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

/** Where a traced run's time went: main-thread work by kind and script, requests, paints. */
function traceSummary(events, resources) {
  const nav = events.find((e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame);
  const main = events.find((e) => e.name === 'TracingStartedInBrowser')
    ? events.filter((e) => e.pid === nav?.pid && e.tid === nav?.tid)
    : events;
  const t0 = nav?.ts ?? 0;
  const at = (ts) => Math.round((ts - t0) / 1000);
  const short = (url = '') =>
    url.replace(/^.*\/assets\//, '').replace(/^https?:\/\/[^/]+/, '') || '(inline)';
  const work = new Map();
  const add = (key, dur) => work.set(key, (work.get(key) ?? 0) + dur / 1000);
  for (const e of main) {
    if (e.ph !== 'X' || !e.dur) continue;
    const url = e.args?.data?.url ?? e.args?.fileName ?? e.args?.data?.fileName;
    if (
      e.name === 'v8.compileModule' ||
      e.name === 'v8.compile' ||
      e.name === 'v8.parseOnBackground'
    )
      add(`compile ${short(url)}`, e.dur);
    else if (e.name === 'v8.evaluateModule' || e.name === 'EvaluateScript')
      add(`evaluate ${short(url)}`, e.dur);
    else if (e.name === 'FunctionCall') add(`call ${short(url)}`, e.dur);
    else if (
      [
        'Layout',
        'UpdateLayoutTree',
        'Paint',
        'PrePaint',
        'Layerize',
        'ParseAuthorStyleSheet',
        'ParseHTML',
        'MajorGC',
        'MinorGC',
      ].includes(e.name)
    )
      add(e.name, e.dur);
  }
  const paints = events
    .filter(
      (e) =>
        ['firstPaint', 'firstContentfulPaint', 'largestContentfulPaint::Candidate'].includes(
          e.name,
        ) && e.ts >= t0,
    )
    .map((e) => `${e.name.replace('::Candidate', '')} ${at(e.ts)} ms`);
  const lines = [`  paints: ${[...new Set(paints)].join(', ')}`];
  lines.push('  requests (start → end, ms after navigation):');
  for (const r of resources)
    lines.push(
      `    ${String(Math.round(r.start)).padStart(5)} → ${String(Math.round(r.end)).padStart(5)}  ${short(r.name)}`,
    );
  lines.push('  main-thread work (ms, > 5):');
  for (const [key, ms] of [...work].sort((a, b) => b[1] - a[1]))
    if (ms > 5) lines.push(`    ${ms.toFixed(0).padStart(6)}  ${key}`);
  return lines.join('\n');
}

async function measure(screen, trace = false) {
  const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  if (screen === 'dashboard') {
    await context.addInitScript(() => {
      localStorage.setItem(
        'scrm.admin.accessToken',
        JSON.stringify({ token: 'bench', expiresAt: Date.now() + 3_600_000 }),
      );
      // a returning user: the corp whose dashboard was shown last (read by index.html's script)
      localStorage.setItem(
        'scrm.admin.dashboardCorp',
        JSON.stringify({ corpId: 'wwbench00000001', timeZone: 'Asia/Shanghai' }),
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

  // Timed in the page: a MutationObserver notes when each screen's elements are in the DOM and
  // the next animation frame (the one that draws them) gives the time, so that neither
  // Playwright's polling nor the page's later work (the dashboard's charts) adds to the figure.
  await context.addInitScript(() => {
    const marks = {};
    const checks = {
      login: () => document.querySelector('[data-testid="login-form"]'),
      numbers: () =>
        document.querySelector('[data-testid="main-menu"]') &&
        document.querySelector('[data-testid="stat-customers"]')?.textContent?.includes('128,340'),
      chart: () => document.querySelector('[data-testid="chart-daily"] canvas'),
    };
    const pending = new Set();
    const check = () => {
      for (const [name, test] of Object.entries(checks)) {
        if (name in marks || pending.has(name) || !test()) continue;
        pending.add(name);
        requestAnimationFrame(() => (marks[name] = performance.now()));
      }
    };
    window.__benchMarks = marks;
    new MutationObserver(check).observe(document, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
  // read with a plain evaluate (not waitForFunction: its injected script and per-frame polling
  // would run on the page's main thread while it loads)
  const markAt = (name) =>
    page.evaluate(
      (n) =>
        new Promise((done) => {
          const poll = () =>
            window.__benchMarks?.[n] !== undefined
              ? done(window.__benchMarks[n])
              : setTimeout(poll, 50);
          poll();
        }),
      name,
    );
  const path = screen === 'dashboard' ? '/dashboard' : '/login';
  if (WARM) {
    await page.goto(path, { waitUntil: 'commit' });
    await markAt(screen === 'dashboard' ? 'chart' : 'login');
    scripts.clear();
  }
  if (trace)
    await browser.startTracing(page, {
      categories: [
        'devtools.timeline',
        'v8',
        'v8.execute',
        'blink.user_timing',
        'loading',
        'disabled-by-default-devtools.timeline',
        ...(process.env.BENCH_TRACE_DIR ? ['disabled-by-default-v8.cpu_profiler'] : []),
      ],
    });
  await page.goto(path, { waitUntil: 'commit' });
  let charts = null;
  let ms;
  if (screen === 'dashboard') {
    ms = await markAt('numbers');
    charts = await markAt('chart');
  } else {
    ms = await markAt('login');
  }
  const js = [...scripts.values()].reduce((a, b) => a + b, 0);
  let summary = null;
  if (trace) {
    const resources = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((r) => ({ name: r.name, start: r.startTime, end: r.responseEnd })),
    );
    const raw = await browser.stopTracing();
    if (process.env.BENCH_TRACE_DIR)
      writeFileSync(`${process.env.BENCH_TRACE_DIR}/trace-${screen}.json`, raw);
    const { traceEvents } = JSON.parse(raw.toString());
    summary = traceSummary(traceEvents, resources);
  }
  await context.close();
  return { ms, charts, js, summary };
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
  if (TRACE) {
    const traced = await measure(screen, true);
    results[screen].trace =
      `${screen}, traced run: ${Math.round(traced.ms)} ms${traced.charts ? `, first chart ${Math.round(traced.charts)} ms` : ''}\n${traced.summary}`;
  }
}
await browser.close();
await server.httpServer.close();
api.close();

console.log(
  `CPU throttled ${RATE}×, ${RUNS} runs each (after one warm-up), 1440×900, ${WARM ? 'a second load in the same tab' : 'each in a new context'}, ${DIST.replace(root + '/', '')}`,
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
for (const r of Object.values(results)) if (r.trace) console.log(r.trace);
process.exit(0);
