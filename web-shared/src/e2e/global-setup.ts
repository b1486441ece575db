import { existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where `vite preview` serves the built app. */
    baseURL: string;
    /** Chromium started once for the whole run; tests connect to it. */
    wsEndpoint: string;
    /** The app's `test-results/` (git-ignored): screenshots and traces. */
    resultsDir: string;
  }
}

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

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolvePort(port));
    });
  });
}

export interface BrowserSetupOptions {
  /** The app's folder (holds vite.config.ts and dist/). */
  appRoot: string;
  /** The workspace name, for the "not built" message. */
  workspace: string;
  /**
   * Runs before `vite preview` starts; returns the API server's URL to proxy /api and /health to
   * (undefined: SCRM_E2E_API_URL, or none) and what to stop at the end.
   */
  beforePreview?: (
    project: TestProject,
  ) => Promise<{ apiUrl?: string; teardown?: () => Promise<void> } | void>;
}

/**
 * A vitest globalSetup: serves the already built `dist/` with `vite preview` (the caller builds
 * first) and starts Chromium. With an API URL (SCRM_E2E_API_URL or `beforePreview`'s), preview
 * proxies /api and /health to that server and the tests do not intercept them.
 */
export function createBrowserSetup(options: BrowserSetupOptions) {
  return async function setup(project: TestProject) {
    const { appRoot } = options;
    if (!existsSync(resolve(appRoot, 'dist/index.html'))) {
      throw new Error(
        `${options.workspace} is not built: run \`npm run build -w ${options.workspace}\` first.`,
      );
    }
    const before = (await options.beforePreview?.(project)) ?? {};
    const apiUrl = before.apiUrl ?? process.env.SCRM_E2E_API_URL;
    if (apiUrl) process.env.SCRM_API_URL = apiUrl;

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
    project.provide('resultsDir', resolve(appRoot, 'test-results'));

    return async () => {
      await browserServer.close();
      await server.close();
      await before.teardown?.();
    };
  };
}
