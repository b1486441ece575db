import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { QueueName } from '../../queue/queue-names';

export class StartSelfTestDto {
  @ApiPropertyOptional({
    description:
      'Make the first N attempts fail on purpose, to watch retries with backoff (N >= attempts: the job fails for good and is kept).',
    default: 0,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(20)
  failAttempts?: number;
}

export class QueueParamDto {
  @IsEnum(QueueName)
  queue: QueueName;
}

export class JobParamDto extends QueueParamDto {
  @Matches(/^[A-Za-z0-9:._-]{1,128}$/, { message: 'id must be a job id' })
  id: string;
}

export class ListJobsQueryDto {
  @ApiPropertyOptional({
    enum: ['failed', 'waiting', 'active', 'delayed', 'completed'],
    default: 'failed',
  })
  @IsOptional()
  @IsIn(['failed', 'waiting', 'active', 'delayed', 'completed'])
  state?: 'failed' | 'waiting' | 'active' | 'delayed' | 'completed';

  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export interface SelfTestJobData {
  requestedBy: string;
  failAttempts: number;
}

export interface SelfTestResult {
  processedBy: { pid: number; hostname: string };
  attempt: number;
  finishedAt: string;
}
