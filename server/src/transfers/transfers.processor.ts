import { Process, Processor } from '@nestjs/bull';
import { OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Job } from 'bull';
import type { AllConfig } from '../config/configuration';
import { JobContext } from '../queue/job-context';
import { JobQueueService } from '../queue/job-queue.service';
import { JobName, QueueName } from '../queue/queue-names';
import { DeparturesService, ReadUnassignedJobData } from './departures.service';
import { SendJobData, TransferSendService } from './transfer-send.service';
import { CarryOverJobData, TransferTrackingService } from './transfer-tracking.service';
import { TransferRepository } from './transfer.repository';

/** Inheritance's queue consumers: sending, polling, carry-over, the unassigned list. */
@Processor(QueueName.Transfers)
export class TransfersProcessor implements OnModuleInit {
  constructor(
    private readonly sender: TransferSendService,
    private readonly tracking: TransferTrackingService,
    private readonly departures: DeparturesService,
    private readonly repo: TransferRepository,
    private readonly jobs: JobQueueService,
    private readonly context: JobContext,
    private readonly config: ConfigService<AllConfig, true>,
  ) {}

  /** One repeatable poller and one unassigned-list reader per installation. */
  async onModuleInit(): Promise<void> {
    const q = this.config.get('queue', { infer: true });
    await this.jobs.enqueue(
      JobName.PollTransfers,
      {},
      { repeat: { every: q.transferPollMinMs }, jobId: 'transfer-poll' },
    );
    await this.jobs.enqueue(JobName.ReadUnassigned, {} satisfies ReadUnassignedJobData, {
      repeat: { every: q.transferUnassignedIntervalMs },
      jobId: 'transfer-unassigned',
    });
  }

  /** Sends the open batches; once all are out, the successors are told and polling starts. */
  @Process({ name: JobName.SendTransfer, concurrency: 4 })
  send(job: Job<SendJobData>) {
    return this.context.run(job, async () => {
      const res = await this.sender.send(job.data.transferId);
      const t = await this.repo.findTransferById(job.data.transferId);
      if (t?.status === 'tracking') {
        await this.tracking.notifySuccessors(t.id);
        await this.tracking.poll(t.id);
      }
      return res;
    });
  }

  @Process(JobName.PollTransfers)
  poll(job: Job) {
    return this.context.run(job, () => this.tracking.pollDue());
  }

  @Process({ name: JobName.CarryOverTransfer, concurrency: 2 })
  carryOver(job: Job<CarryOverJobData>) {
    return this.context.run(job, () => this.tracking.carryOver(job.data.transferId));
  }

  @Process(JobName.ReadUnassigned)
  readUnassigned(job: Job<ReadUnassignedJobData>) {
    return this.context.run(job, () => this.departures.readUnassigned(job.data.corpId));
  }
}
