import { existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where `vite preview` serves the built app. */
    baseURL: string;
    /** Chromium started once for the whole run; tests connect to it. */
    wsEndpoint: string;
  }
}

const appRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Serves the already built `dist/` with `vite preview` (the caller builds first) and starts
 * Chromium. With SCRM_E2E_API_URL set, preview proxies /api and /health to that server and the
 * tests do not intercept them.
 */
export default async function setup(project: TestProject) {
  if (!existsSync(resolve(appRoot, 'dist/index.html'))) {
    throw new Error('sidebar-h5 is not built: run `npm run build -w sidebar-h5` first.');
  }
  if (process.env.SCRM_E2E_API_URL) process.env.SCRM_API_URL = process.env.SCRM_E2E_API_URL;

  const port = await freePort();
  const server = await preview({
    root: appRoot,
    configFile: resolve(appRoot, 'vite.config.ts'),
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });

  const browserServer = await chromium.launchServer({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });

  project.provide('baseURL', `http://127.0.0.1:${port}`);
  project.provide('wsEndpoint', browserServer.wsEndpoint());

  return async () => {
    await browserServer.close();
    await server.close();
  };
}
