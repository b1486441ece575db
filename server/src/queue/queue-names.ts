/** Every Bull queue. Queue names come only from here. */
export enum QueueName {
  /** Operational jobs: self-test of the worker pipeline. */
  System = 'system',
  /** WeCom callback events, one job per stored event. */
  CallbackEvents = 'callback-events',
  /** Full syncs of a corp from WeCom into the mirror (long jobs, one per corp at a time). */
  Sync = 'sync',
  /** Short mirror refreshes that must wait a little (a group re-read ~2 s after its event). */
  Mirror = 'mirror',
}

/** Every job. Job names come only from here; each maps to exactly one queue. */
export enum JobName {
  SystemSelfTest = 'system.self-test',
  ProcessCallbackEvent = 'callback-events.process',
  /** Re-enqueues stored events whose enqueue was lost (Redis was down). */
  SweepPendingCallbackEvents = 'callback-events.sweep-pending',
  /** One full sync of a corp (resumes from sync_run.checkpoint). */
  FullSync = 'sync.full',
  /** Nightly: starts a full sync of every corp. */
  ScheduleNightlySync = 'sync.schedule-nightly',
  /** Re-reads one group chat after its change_external_chat event and applies it. */
  RefreshGroupChat = 'mirror.refresh-group-chat',
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.SystemSelfTest]: QueueName.System,
  [JobName.ProcessCallbackEvent]: QueueName.CallbackEvents,
  [JobName.SweepPendingCallbackEvents]: QueueName.System,
  [JobName.FullSync]: QueueName.Sync,
  [JobName.ScheduleNightlySync]: QueueName.Sync,
  [JobName.RefreshGroupChat]: QueueName.Mirror,
};
