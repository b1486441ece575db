import type { CallbackEventsApi } from '#/api/callback-events';

export const PAGE_SIZE = 50;

export interface EventFilters {
  status: CallbackEventsApi.Status | '';
  event: string;
  changeType: string;
}

export function emptyFilters(): EventFilters {
  return { status: '', event: '', changeType: '' };
}

export const STATUS_TAG: Record<CallbackEventsApi.Status, string> = {
  pending: '',
  processing: '',
  done: 'tag-up',
  skipped: '',
  failed: 'tag-down',
};

/** Only these can be replayed. */
export function canReplay(event: CallbackEventsApi.Event): boolean {
  return event.status === 'failed' || event.status === 'skipped';
}
