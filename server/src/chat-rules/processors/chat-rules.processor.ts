import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { JobContext } from '../../queue/job-context';
import { JobName, QueueName } from '../../queue/queue-names';
import { BackApplyJobData, ChatRuleBackApplyService } from '../chat-rule-back-apply.service';

/** Back-applies of chat rules (the live rules run in the chat archive's apply-rules job). */
@Processor(QueueName.ChatArchive)
export class ChatRulesProcessor {
  constructor(
    private readonly backApply: ChatRuleBackApplyService,
    private readonly context: JobContext,
  ) {}

  @Process({ name: JobName.BackApplyChatRule, concurrency: 1 })
  run(job: Job<BackApplyJobData>) {
    return this.context.run(job, () => this.backApply.run(job));
  }
}
