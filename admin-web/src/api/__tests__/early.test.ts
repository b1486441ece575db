import { afterEach, describe, expect, it, vi } from 'vitest';
import { EARLY_GLOBAL, earlyOr } from '#/api/early';
import { chunkFiles, firstRequestsScript } from '../../../build/first-requests';

const answers = (entries: Record<string, { token: string | null; answer: unknown }>) => {
  (globalThis as Record<string, unknown>)[EARLY_GLOBAL] = Object.fromEntries(
    Object.entries(entries).map(([key, e]) => [key, { ...e, answer: Promise.resolve(e.answer) }]),
  );
};

describe("index.html's first requests (api/early.ts)", () => {
  afterEach(() => delete (globalThis as Record<string, unknown>)[EARLY_GLOBAL]);

  it('takes the answer asked with the same token once, then asks the server', async () => {
    answers({ '/auth/me': { token: 'tok', answer: { username: 'early' } } });
    const request = vi.fn(async () => ({ username: 'asked' }));
    expect(await earlyOr('/auth/me', 'tok', request)).toEqual({ username: 'early' });
    expect(request).not.toHaveBeenCalled();
    expect(await earlyOr('/auth/me', 'tok', request)).toEqual({ username: 'asked' });
    expect(request).toHaveBeenCalledTimes(1);
  });

  it("asks the server when the early answer was another session's or an error", async () => {
    answers({
      '/auth/me': { token: 'old', answer: { username: 'someone else' } },
      '/admin/corps': { token: 'tok', answer: null },
    });
    expect(await earlyOr('/auth/me', 'tok', async () => 'asked')).toBe('asked');
    expect(await earlyOr('/admin/corps', 'tok', async () => 'asked')).toBe('asked');
    expect(await earlyOr('/setup/status', null, async () => 'asked')).toBe('asked');
  });

  it("the inline script asks for the signed-in user's first screen only with a live session", async () => {
    const layout = { js: ['/assets/layout.js'], css: ['/assets/layout.css'] };
    const dashboard = { js: ['/assets/dashboard.js'], css: [] };
    const run = (path: string, stored: Record<string, string>) => {
      const asked: string[] = [];
      const links: string[] = [];
      const window: Record<string, unknown> = {};
      const script = new Function(
        'window',
        'localStorage',
        'location',
        'document',
        'fetch',
        firstRequestsScript(layout, dashboard),
      );
      script(
        window,
        { getItem: (key: string) => stored[key] ?? null },
        { pathname: path },
        {
          createElement: () => ({}),
          head: { appendChild: (l: { rel: string; href: string }) => links.push(l.href) },
        },
        (url: string) => {
          asked.push(url);
          return Promise.resolve({ ok: true, json: async () => ({}) });
        },
      );
      return { asked, links };
    };
    const session = {
      'scrm.admin.accessToken': JSON.stringify({ token: 't', expiresAt: Date.now() + 60_000 }),
      'scrm.admin.dashboardCorp': JSON.stringify({ corpId: 'ww1', timeZone: 'Asia/Shanghai' }),
    };
    expect(run('/login', session)).toEqual({ asked: ['/api/setup/status'], links: [] });
    expect(run('/dashboard', {})).toEqual({ asked: ['/api/setup/status'], links: [] });
    expect(run('/dashboard', session)).toEqual({
      asked: [
        '/api/setup/status',
        '/api/auth/me',
        '/api/admin/corps',
        '/api/admin/dashboard?corpId=ww1&timeZone=Asia%2FShanghai',
      ],
      links: ['/assets/layout.js', '/assets/layout.css', '/assets/dashboard.js'],
    });
    expect(run('/customers', session).links).toEqual(['/assets/layout.js', '/assets/layout.css']);
    const expired = {
      'scrm.admin.accessToken': JSON.stringify({ token: 't', expiresAt: Date.now() - 1 }),
    };
    expect(run('/dashboard', expired).asked).toEqual(['/api/setup/status']);
  });

  it("preloads a lazy module's chunk with the chunks it imports, not the entry", () => {
    const chunk = (fileName: string, modules: string[], imports: string[], isEntry = false) => ({
      type: 'chunk' as const,
      fileName,
      modules: Object.fromEntries(modules.map((m) => [m, {}])),
      imports,
      isEntry,
      viteMetadata: { importedCss: new Set(fileName === 'assets/a.js' ? ['assets/a.css'] : []) },
    });
    const bundle = {
      'assets/index.js': chunk('assets/index.js', ['/x/src/main.ts'], [], true),
      'assets/a.js': chunk(
        'assets/a.js',
        ['/x/src/layouts/basic-layout.vue'],
        ['assets/b.js', 'assets/index.js'],
      ),
      'assets/b.js': chunk('assets/b.js', ['/x/node_modules/el-menu.mjs'], []),
    };
    expect(chunkFiles(bundle as never, '/src/layouts/basic-layout.vue')).toEqual({
      js: ['/assets/a.js', '/assets/b.js'],
      css: ['/assets/a.css'],
    });
  });
});
