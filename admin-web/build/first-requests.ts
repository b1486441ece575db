// The first requests of a page load, sent before the entry has loaded (src/api/early.ts takes
// their answers): an inline script in index.html asks for the setup status and, for a stored
// session, the user, their corps and the dashboard's numbers, and preloads the chunks of the
// layout and the dashboard, so that they travel while the entry is fetched and evaluated
// instead of after. The signed-out login screen preloads nothing.
import type { OutputBundle, OutputChunk } from 'rollup';
import type { Plugin } from 'vite';
import { EARLY_GLOBAL } from '../src/api/early';
import { ACCESS_TOKEN_KEY, DASHBOARD_CORP_KEY } from '../src/stores/storage-keys';

/** The modules whose chunks a signed-in first screen needs (the layout; the dashboard). */
const LAYOUT = '/src/layouts/basic-layout.vue';
const DASHBOARD = '/src/views/dashboard/index.vue';

export interface Preloads {
  js: string[];
  css: string[];
}

/** A lazy module's chunk with the chunks it imports statically (not the entry), and their CSS. */
export function chunkFiles(bundle: OutputBundle, moduleSuffix: string, base = '/'): Preloads {
  const chunks = Object.values(bundle).filter((o): o is OutputChunk => o.type === 'chunk');
  // the chunk holding the module (it may have no facade when Rollup merged it with another)
  const start = chunks.find((c) => Object.keys(c.modules).some((id) => id.endsWith(moduleSuffix)));
  const js = new Set<string>();
  const css = new Set<string>();
  const visit = (chunk: OutputChunk | undefined) => {
    if (!chunk || chunk.isEntry || js.has(chunk.fileName)) return;
    js.add(chunk.fileName);
    for (const file of (chunk as { viteMetadata?: { importedCss: Set<string> } }).viteMetadata
      ?.importedCss ?? [])
      css.add(file);
    for (const file of chunk.imports) visit(chunks.find((c) => c.fileName === file));
  };
  visit(start);
  return { js: [...js].map((f) => base + f), css: [...css].map((f) => base + f) };
}

/** The inline script (plain ES5: it runs before anything else). */
export function firstRequestsScript(layout: Preloads, dashboard: Preloads): string {
  return `(function () {
  var early = (window[${JSON.stringify(EARLY_GLOBAL)}] = {});
  var token = null;
  try {
    var stored = JSON.parse(localStorage.getItem(${JSON.stringify(ACCESS_TOKEN_KEY)}) || 'null');
    if (stored && typeof stored.token === 'string' && stored.expiresAt > Date.now()) token = stored.token;
  } catch (e) {}
  function ask(key, url, auth) {
    early[key] = {
      token: auth ? token : null,
      answer: fetch(url, { headers: auth ? { Authorization: 'Bearer ' + token } : {} })
        .then(function (r) { return r.ok ? r.json() : null; })
        .catch(function () { return null; })
    };
  }
  function preload(files) {
    files.js.forEach(function (href) { add('modulepreload', href); });
    files.css.forEach(function (href) { add('preload', href, 'style'); });
  }
  function add(rel, href, as) {
    var link = document.createElement('link');
    link.rel = rel;
    link.href = href;
    link.crossOrigin = ''; // as Vite's own preloads, so that the import uses this response
    if (as) link.as = as;
    document.head.appendChild(link);
  }
  var path = location.pathname;
  ask('/setup/status', '/api/setup/status', false);
  if (!token || path.indexOf('/login') === 0 || path.indexOf('/setup') === 0) return;
  ask('/auth/me', '/api/auth/me', true);
  ask('/admin/corps', '/api/admin/corps', true);
  preload(${JSON.stringify(layout)});
  if (path !== '/' && path !== '/dashboard') return;
  preload(${JSON.stringify(dashboard)});
  try {
    var corp = JSON.parse(localStorage.getItem(${JSON.stringify(DASHBOARD_CORP_KEY)}) || 'null');
    if (corp && corp.corpId && corp.timeZone)
      ask('dashboard:' + corp.corpId + ':' + corp.timeZone,
        '/api/admin/dashboard?corpId=' + encodeURIComponent(corp.corpId) +
          '&timeZone=' + encodeURIComponent(corp.timeZone), true);
  } catch (e) {}
})();`;
}

export function firstRequests(): Plugin {
  let base = '/';
  return {
    name: 'scrm:first-requests',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const none: Preloads = { js: [], css: [] };
        const layout = ctx.bundle ? chunkFiles(ctx.bundle, LAYOUT, base) : none;
        const dashboard = ctx.bundle ? chunkFiles(ctx.bundle, DASHBOARD, base) : none;
        return [
          {
            tag: 'script',
            children: firstRequestsScript(layout, dashboard),
            injectTo: 'head-prepend',
          },
        ];
      },
    },
  };
}
