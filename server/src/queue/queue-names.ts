/** Every Bull queue. Queue names come only from here. */
export enum QueueName {
  /** Operational jobs: self-test of the worker pipeline. */
  System = 'system',
  /** WeCom callback events, one job per stored event. */
  CallbackEvents = 'callback-events',
}

/** Every job. Job names come only from here; each maps to exactly one queue. */
export enum JobName {
  SystemSelfTest = 'system.self-test',
  ProcessCallbackEvent = 'callback-events.process',
  /** Re-enqueues stored events whose enqueue was lost (Redis was down). */
  SweepPendingCallbackEvents = 'callback-events.sweep-pending',
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.SystemSelfTest]: QueueName.System,
  [JobName.ProcessCallbackEvent]: QueueName.CallbackEvents,
  [JobName.SweepPendingCallbackEvents]: QueueName.System,
};
