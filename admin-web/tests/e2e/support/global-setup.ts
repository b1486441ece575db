import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBrowserSetup } from '@scrm/web-shared/e2e/global-setup';

/** `vite preview` of the built console and Chromium (see web-shared). */
export default createBrowserSetup({
  appRoot: resolve(dirname(fileURLToPath(import.meta.url)), '../../..'),
  workspace: 'admin-web',
});
