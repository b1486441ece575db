/**
 * The campaign calendar's contract: what a source (broadcasts, moments) tells the calendar about
 * one campaign. Small on purpose: the broadcasts module implements `BroadcastCalendarSource`
 * (`BroadcastsService.calendarEntries`) and provides it under `BROADCAST_CALENDAR`.
 */
export type CampaignKind = 'broadcast' | 'group_broadcast' | 'moment';

export interface CalendarEntry {
  id: string;
  kind: CampaignKind;
  title: string;
  /** The source's own state word (scheduled, sending, sent, cancelled, …). */
  state: string;
  /** A Date or an ISO string (the broadcasts side sends strings). */
  scheduledAt: Date | string | null;
  sentAt: Date | string | null;
  /** The saved segment it goes to (broadcasts); null otherwise. */
  segmentId: string | null;
}

export interface BroadcastCalendarSource {
  /** Broadcasts scheduled or sent in [from, to). */
  calendarEntries(corpId: string, from: Date, to: Date): Promise<CalendarEntry[]>;
}

/** Token under which the broadcasts module provides its calendar source. */
export const BROADCAST_CALENDAR = Symbol('BROADCAST_CALENDAR');

/** The calendar's colours: one per phase, whatever the source calls its states. */
export enum CalendarPhase {
  Scheduled = 'scheduled',
  InProgress = 'in_progress',
  Sent = 'sent',
  Failed = 'failed',
  Cancelled = 'cancelled',
}

const PHASES: Record<string, CalendarPhase> = {
  draft: CalendarPhase.Scheduled,
  scheduled: CalendarPhase.Scheduled,
  pending: CalendarPhase.Scheduled,
  planning: CalendarPhase.InProgress,
  planned: CalendarPhase.InProgress,
  creating: CalendarPhase.InProgress,
  submitted: CalendarPhase.InProgress,
  sending: CalendarPhase.InProgress,
  fanning_out: CalendarPhase.InProgress,
  running: CalendarPhase.InProgress,
  created: CalendarPhase.Sent,
  sent: CalendarPhase.Sent,
  completed: CalendarPhase.Sent,
  done: CalendarPhase.Sent,
  finished: CalendarPhase.Sent,
  failed: CalendarPhase.Failed,
  expired: CalendarPhase.Failed,
  cancelled: CalendarPhase.Cancelled,
  canceled: CalendarPhase.Cancelled,
};

/** The colour of a state word; an unknown word counts as in progress. */
export function phaseOf(state: string): CalendarPhase {
  return PHASES[state.toLowerCase()] ?? CalendarPhase.InProgress;
}

/** The local day (YYYY-MM-DD) of an instant, in a zone `offsetMinutes` ahead of UTC. */
export function localDay(at: Date, offsetMinutes: number): string {
  return new Date(at.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 10);
}
