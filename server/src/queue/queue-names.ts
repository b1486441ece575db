/** Every Bull queue. Queue names come only from here. */
export enum QueueName {
  /** Operational jobs: self-test of the worker pipeline. */
  System = 'system',
  /** Wake-ups of the callback inbox drain (the events themselves stay in MariaDB). */
  CallbackEvents = 'callback-events',
  /** Full syncs of a corp from WeCom into the mirror (long jobs, one per corp at a time). */
  Sync = 'sync',
  /** Short mirror refreshes that must wait a little (a group re-read ~2 s after its event). */
  Mirror = 'mirror',
  /** Welcome messages of channel adds: own queue, so WeCom's 20 s window never waits behind a backlog. */
  Welcome = 'welcome',
  /** Channel QR codes: keeping each contact way's members in step with its strategy. */
  Channels = 'channels',
  /** Bulk mark/unmark jobs and CSV imports of tag marks (long, resumable, one chunk at a time). */
  Tags = 'tags',
  /** Audience jobs: CSV exports of a filtered set of customers. */
  Audience = 'audience',
}

/** Every job. Job names come only from here; each maps to exactly one queue. */
export enum JobName {
  SystemSelfTest = 'system.self-test',
  /** Drains the callback inbox in batches until it has no due event left. */
  DrainCallbackInbox = 'callback-events.drain',
  /** Repeatable: takes back claims of dead workers, wakes a drain for due events without one. */
  SweepCallbackInbox = 'callback-events.sweep',
  /** One full sync of a corp (resumes from sync_run.checkpoint). */
  FullSync = 'sync.full',
  /** Nightly: starts a full sync of every corp. */
  ScheduleNightlySync = 'sync.schedule-nightly',
  /** Re-reads one group chat after its change_external_chat event and applies it. */
  RefreshGroupChat = 'mirror.refresh-group-chat',
  /** A channel add: welcome message, channel tags, attribution (one job per add). */
  SendWelcome = 'welcome.send',
  /** Recompute one channel's eligible members and update its contact way if they changed. */
  SyncChannelPool = 'channels.sync-pool',
  /** Repeatable: enqueue SyncChannelPool for every active channel (hours and caps move). */
  SyncAllChannelPools = 'channels.sync-all-pools',
  /** After the welcome: the channel's tags and remark of one add, in WeCom and the mirror. */
  WriteChannelAdd = 'channels.write-add',
  /** One bulk tag job or import, from its items' state (tag_job / tag_job_item). */
  RunTagJob = 'tags.run-job',
  /** Repeatable: enqueues RunTagJob again for tag jobs that have not ended (a lost Bull job). */
  ResumeTagJobs = 'tags.resume-jobs',
  /** One CSV export of an audience (restarts from the first row when retried). */
  ExportAudience = 'audience.export',
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.SystemSelfTest]: QueueName.System,
  [JobName.DrainCallbackInbox]: QueueName.CallbackEvents,
  [JobName.SweepCallbackInbox]: QueueName.System,
  [JobName.FullSync]: QueueName.Sync,
  [JobName.ScheduleNightlySync]: QueueName.Sync,
  [JobName.RefreshGroupChat]: QueueName.Mirror,
  [JobName.SendWelcome]: QueueName.Welcome,
  [JobName.SyncChannelPool]: QueueName.Channels,
  [JobName.SyncAllChannelPools]: QueueName.Channels,
  [JobName.WriteChannelAdd]: QueueName.Channels,
  [JobName.RunTagJob]: QueueName.Tags,
  [JobName.ResumeTagJobs]: QueueName.Tags,
  [JobName.ExportAudience]: QueueName.Audience,
};
