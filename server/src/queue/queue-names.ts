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
  /** Broadcasts (客户群发): plan and fan-out at the scheduled time, results pulls, the sweeper. */
  Broadcasts = 'broadcasts',
  /** Bulk mark/unmark jobs and CSV imports of tag marks (long, resumable, one chunk at a time). */
  Tags = 'tags',
  /** Audience jobs: CSV exports of a filtered set of customers. */
  Audience = 'audience',
  /** Chat archive: pulls by seq, the chat rules over new messages, retention, back-applies. */
  ChatArchive = 'chat-archive',
  /** Inheritance (离职/在职继承): sending batches, reading results, carry-over, unassigned list. */
  Transfers = 'transfers',
  /** Moments (客户朋友圈): scheduled creation, the jobid poll, the results pulls. */
  Moments = 'moments',
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
  /** A broadcast at its time: writes the plan, then creates its add_msg_template tasks. */
  RunBroadcast = 'broadcasts.run',
  /** Pulls a broadcast's task statuses and results; schedules the next pull, backing off. */
  PollBroadcast = 'broadcasts.poll',
  /** Repeatable: re-enqueues due broadcasts whose job was lost (a crashed worker, Redis). */
  SweepBroadcasts = 'broadcasts.sweep',
  /** One bulk tag job or import, from its items' state (tag_job / tag_job_item). */
  RunTagJob = 'tags.run-job',
  /** Repeatable: enqueues RunTagJob again for tag jobs that have not ended (a lost Bull job). */
  ResumeTagJobs = 'tags.resume-jobs',
  /** One CSV export of an audience (restarts from the first row when retried). */
  ExportAudience = 'audience.export',
  /** Reads the archive after the corp's last seq (≤ 1,000 a pull) until it is empty. */
  PullChatArchive = 'chat-archive.pull',
  /** Repeatable: a pull of every corp, and a rules pass over messages no pass has taken. */
  SweepChatArchive = 'chat-archive.sweep',
  /** Runs the chat rules over a corp's new messages (claimed in batches, each once). */
  ApplyChatRules = 'chat-archive.apply-rules',
  /** Repeatable: deletes messages older than each corp's retention. */
  EnforceChatRetention = 'chat-archive.retention',
  /** Back-applies one chat rule to a corp's past messages, with progress. */
  BackApplyChatRule = 'chat-archive.back-apply-rule',
  /** Sends a transfer's open batches (resumes after a crash; one sender per transfer by lease). */
  SendTransfer = 'transfers.send',
  /** Repeatable: reads transfer_result for transfers whose poll is due. */
  PollTransfers = 'transfers.poll',
  /** Carry-over of one transfer's accepted customers (tags, mirror, timeline) and its end. */
  CarryOverTransfer = 'transfers.carry-over',
  /** Repeatable: reads get_unassigned_list of every corp. */
  ReadUnassigned = 'transfers.read-unassigned',
  /** A moment's add_moment_task at its time (delayed; reconciles a crash instead of calling twice). */
  PublishMoment = 'moments.publish',
  /** get_moment_task_result until the moment_id (re-enqueued with a growing delay). */
  PollMomentTask = 'moments.poll-task',
  /** Publish status, shown-to, sent-to, comments and likes (backing off until the moment is old). */
  PullMomentResults = 'moments.pull-results',
  /** Repeatable: re-enqueues moments whose job Redis lost (due, stuck creating or polling). */
  SweepMoments = 'moments.sweep',
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
  [JobName.RunBroadcast]: QueueName.Broadcasts,
  [JobName.PollBroadcast]: QueueName.Broadcasts,
  [JobName.SweepBroadcasts]: QueueName.Broadcasts,
  [JobName.RunTagJob]: QueueName.Tags,
  [JobName.ResumeTagJobs]: QueueName.Tags,
  [JobName.ExportAudience]: QueueName.Audience,
  [JobName.PullChatArchive]: QueueName.ChatArchive,
  [JobName.SweepChatArchive]: QueueName.ChatArchive,
  [JobName.ApplyChatRules]: QueueName.ChatArchive,
  [JobName.EnforceChatRetention]: QueueName.ChatArchive,
  [JobName.BackApplyChatRule]: QueueName.ChatArchive,
  [JobName.SendTransfer]: QueueName.Transfers,
  [JobName.PollTransfers]: QueueName.Transfers,
  [JobName.CarryOverTransfer]: QueueName.Transfers,
  [JobName.ReadUnassigned]: QueueName.Transfers,
  [JobName.PublishMoment]: QueueName.Moments,
  [JobName.PollMomentTask]: QueueName.Moments,
  [JobName.PullMomentResults]: QueueName.Moments,
  [JobName.SweepMoments]: QueueName.Moments,
};
