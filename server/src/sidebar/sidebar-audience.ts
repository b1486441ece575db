/** JWT audience of sidebar sessions: never accepted by admin routes (they need a role). */
export const SIDEBAR_AUDIENCE = 'sidebar';
