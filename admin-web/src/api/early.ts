/**
 * The first requests of a page load, sent by index.html's inline script while the entry is still
 * loading (`build/first-requests.ts` writes that script): the setup status, and for a stored
 * session the user, their corps and, on the dashboard, its numbers. The API functions take the
 * answer once instead of asking again; when there is none (another token, an error, a later
 * call) they ask the server as usual, so the request core still reports every failure.
 */

/** Where the inline script leaves its answers. */
export const EARLY_GLOBAL = '__scrmEarly';

/** The key of the dashboard's numbers for a corp and time zone. */
export const dashboardKey = (corpId: string, timeZone: string) => `dashboard:${corpId}:${timeZone}`;

interface EarlyAnswer {
  /** The bearer token it was asked with (null: none). */
  token: string | null;
  /** The JSON body of a 2xx answer, else null. */
  answer: Promise<unknown>;
}

function earlyAnswers(): Record<string, EarlyAnswer | undefined> | undefined {
  return (globalThis as unknown as Record<string, Record<string, EarlyAnswer> | undefined>)[
    EARLY_GLOBAL
  ];
}

/** The early answer for `key` asked with `token`, once; else the request. */
export async function earlyOr<T>(
  key: string,
  token: string | null,
  request: () => Promise<T>,
): Promise<T> {
  const answers = earlyAnswers();
  const early = answers?.[key];
  if (early) delete answers[key];
  const answer = early && early.token === token ? ((await early.answer) as T | null) : null;
  return answer ?? request();
}
