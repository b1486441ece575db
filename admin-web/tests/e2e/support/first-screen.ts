import type { BrowserContext, Page } from 'playwright-core';

/**
 * Times a first screen in the page: navigation start → the animation frame after the screen's
 * elements are in the DOM. A MutationObserver installed before the page's own scripts notes
 * when each selector first matches and the next frame gives the time, so that the figure is
 * the page's, not the poll's: Playwright's `waitFor` polls at 0, 20, 50, 100, 100, then every
 * 500 ms, each poll a round trip into the throttled page, which rounds a screen drawn at 700 ms
 * up to 1.2 s or more.
 */
export async function installScreenMarks(
  context: BrowserContext,
  screens: Record<string, string[]>,
): Promise<void> {
  await context.addInitScript((all: Record<string, string[]>) => {
    const marks: Record<string, number> = {};
    (window as unknown as { __scrmScreenMarks: Record<string, number> }).__scrmScreenMarks = marks;
    const pending = new Set<string>();
    const check = () => {
      for (const [name, selectors] of Object.entries(all)) {
        if (pending.has(name) || !selectors.every((s) => document.querySelector(s))) continue;
        pending.add(name);
        requestAnimationFrame(() => (marks[name] = performance.now()));
      }
    };
    new MutationObserver(check).observe(document, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  }, screens);
}

/** The time a screen was drawn at (installScreenMarks), once it has been. */
export async function screenMark(page: Page, name: string): Promise<number> {
  const ms = await page.evaluate(
    (n) =>
      new Promise<number>((done) => {
        const poll = () => {
          const at = (window as unknown as { __scrmScreenMarks?: Record<string, number> })
            .__scrmScreenMarks?.[n];
          if (at === undefined) setTimeout(poll, 50);
          else done(at);
        };
        poll();
      }),
    name,
  );
  return Math.round(ms);
}

export interface LoadBreakdown {
  /** Scripts and style sheets fetched, and when the last one was in. */
  scripts: number;
  styles: number;
  lastChunkEnd: number;
  /** The API requests: path → start and end (ms after navigation start). */
  api: Array<{ path: string; start: number; end: number }>;
}

/** Where the page's load went, from the Resource Timing entries. */
export async function loadBreakdown(page: Page): Promise<LoadBreakdown> {
  return page.evaluate(() => {
    const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const chunks = entries.filter((e) => /\/assets\/.+\.(js|css)$/.test(new URL(e.name).pathname));
    return {
      scripts: chunks.filter((e) => e.name.endsWith('.js')).length,
      styles: chunks.filter((e) => e.name.endsWith('.css')).length,
      lastChunkEnd: Math.round(Math.max(0, ...chunks.map((e) => e.responseEnd))),
      api: entries
        .filter((e) => /^\/(api|health)\//.test(new URL(e.name).pathname))
        .map((e) => ({
          path: new URL(e.name).pathname,
          start: Math.round(e.startTime),
          end: Math.round(e.responseEnd),
        })),
    };
  });
}

export const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
