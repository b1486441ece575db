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

/**
 * The callback events WeCom sends to the app (its documentation's `Event` and `ChangeType`
 * values), for the type selects; the labels are i18n keys `events.types.<event>[.<change>]`.
 */
export const EVENT_TYPES: Record<string, readonly string[]> = {
  change_external_contact: [
    'add_external_contact',
    'edit_external_contact',
    'add_half_external_contact',
    'del_external_contact',
    'del_follow_user',
    'transfer_fail',
  ],
  change_external_chat: ['create', 'update', 'dismiss'],
  change_external_tag: ['create', 'update', 'delete', 'shuffle'],
  change_contact: [
    'create_user',
    'update_user',
    'delete_user',
    'create_party',
    'update_party',
    'delete_party',
    'update_tag',
  ],
};

export type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger';

export const STATUS_TAG: Record<CallbackEventsApi.Status, TagType> = {
  pending: 'warning',
  processing: 'primary',
  done: 'success',
  skipped: 'info',
  failed: 'danger',
};

/** Only these can be replayed. */
export function canReplay(event: CallbackEventsApi.Event): boolean {
  return event.status === 'failed' || event.status === 'skipped';
}

/** i18n key of an event's type: the change type's label when known, else the event's. */
export function eventTypeKey(event: string, changeType: string | null): string {
  if (changeType && EVENT_TYPES[event]?.includes(changeType)) {
    return `events.types.${event}.${changeType}`;
  }
  return EVENT_TYPES[event] ? `events.types.${event}._` : '';
}
