/**
 * The console's localStorage keys that index.html's inline script reads too
 * (`build/first-requests.ts`): kept here, without imports, so the build can read them.
 */

/** The session: `{ token, expiresAt }` (epoch ms). */
export const ACCESS_TOKEN_KEY = 'scrm.admin.accessToken';

/** The corp (and its time zone) whose dashboard was shown last: `{ corpId, timeZone }`. */
export const DASHBOARD_CORP_KEY = 'scrm.admin.dashboardCorp';
