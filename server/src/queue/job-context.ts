import { Injectable } from '@nestjs/common';
import type { Job } from 'bull';
import { CLS_ID, ClsService } from 'nestjs-cls';

/** Runs a job handler with `job:<queue>:<id>` as the correlation id of every log line. */
@Injectable()
export class JobContext {
  constructor(private readonly cls: ClsService) {}

  run<T>(job: Job, handler: () => T): T {
    return this.cls.run(() => {
      this.cls.set(CLS_ID, `job:${job.queue.name}:${job.id}`);
      return handler();
    });
  }
}
