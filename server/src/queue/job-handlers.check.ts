import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { JOB_QUEUE, JobName } from './queue-names';

// Metadata keys written by @nestjs/bull's @Processor and @Process decorators.
const PROCESSOR_META = 'bull:module_queue';
const PROCESS_META = 'bull:module_queue_process';

/**
 * Worker boot check: every JobName has exactly one @Process handler on its queue, so a job
 * can never sit in Redis with nobody to run it. Stops the worker at start-up otherwise.
 */
@Injectable()
export class JobHandlersCheck implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  onModuleInit(): void {
    const seen = new Map<string, number>();
    for (const wrapper of this.discovery.getProviders()) {
      const { instance, metatype } = wrapper;
      if (!instance || !metatype) continue;
      const processor = Reflect.getMetadata(PROCESSOR_META, metatype) as
        { name?: string } | undefined;
      if (!processor) continue;
      const proto = Object.getPrototypeOf(instance);
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const process = Reflect.getMetadata(PROCESS_META, proto[method]) as
          { name?: string } | undefined;
        if (!process?.name) continue;
        const key = `${processor.name}/${process.name}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
    }
    const problems: string[] = [];
    for (const job of Object.values(JobName)) {
      const count = seen.get(`${JOB_QUEUE[job]}/${job}`) ?? 0;
      if (count !== 1) problems.push(`${job} on queue ${JOB_QUEUE[job]} has ${count} handlers`);
    }
    if (problems.length) throw new Error(`Job handler check failed: ${problems.join('; ')}`);
  }
}
