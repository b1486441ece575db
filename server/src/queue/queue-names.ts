/** Every Bull queue. Queue names come only from here. */
export enum QueueName {
  /** Operational jobs: self-test of the worker pipeline. */
  System = 'system',
}

/** Every job. Job names come only from here; each maps to exactly one queue. */
export enum JobName {
  SystemSelfTest = 'system.self-test',
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.SystemSelfTest]: QueueName.System,
};
