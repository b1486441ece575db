// English of ./ui.ts: its own module, so that the entry (Chinese) does not carry it;
// loaded with en.ts when English is chosen (locales/index.ts).
import type { uiZhCN } from './ui';

export const uiEn: typeof uiZhCN = {
  loadFailed: 'Could not load the list. Check the connection and try again.',
  retry: 'Retry',
  previousPage: 'Previous',
  nextPage: 'Next',
  pageN: 'Page {n}',
};
