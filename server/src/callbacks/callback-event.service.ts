import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AllConfig } from '../config/configuration';
import { CallbackEventRepository, CallbackEventFilter } from './callback-event.repository';
import { CallbackIngestService } from './callback-ingest.service';
import { CallbackEventHandlerRegistry } from './callback-event-handler.registry';
import { CallbackEventStatus } from './entities/callback-event.entity';
import { CallbackEventResponseDto, toCallbackEventResponse } from './dto/callback-event.dto';
import { AppException } from '../common/app.exception';
import { HttpStatus } from '@nestjs/common';

const SWEEP_BATCH = 1000;
const REPLAY_BATCH = 1000;

/** Runs stored callback events through their handlers, and lists and replays them. */
@Injectable()
export class CallbackEventService {
  private readonly logger = new Logger(CallbackEventService.name);

  constructor(
    private readonly events: CallbackEventRepository,
    private readonly handlers: CallbackEventHandlerRegistry,
    private readonly ingest: CallbackIngestService,
    private readonly config: ConfigService<AllConfig, true>,
  ) {}

  /**
   * Worker: processes one stored event. Idempotent: a done event is left alone, and every
   * handler must tolerate being run twice or out of order.
   */
  async process(eventId: string, finalAttempt: boolean): Promise<CallbackEventStatus> {
    const event = await this.events.findById(eventId);
    if (!event) return CallbackEventStatus.Skipped;
    if (!(await this.events.markProcessing(eventId))) return CallbackEventStatus.Done;
    const handler = this.handlers.find(event.event, event.changeType);
    if (!handler) {
      await this.events.markFinished(
        eventId,
        CallbackEventStatus.Skipped,
        'no handler for this event type',
      );
      return CallbackEventStatus.Skipped;
    }
    try {
      await handler.handle(event);
    } catch (err) {
      const message = (err as Error).message ?? String(err);
      await this.events.markError(eventId, message, finalAttempt);
      this.logger.warn(
        {
          eventId,
          corpId: event.corpId,
          event: event.event,
          changeType: event.changeType,
          finalAttempt,
          err: message,
        },
        'callback event failed',
      );
      throw err;
    }
    await this.events.markFinished(eventId, CallbackEventStatus.Done);
    return CallbackEventStatus.Done;
  }

  /** Worker: enqueues events stored while Redis was unreachable. */
  async sweepPending(): Promise<number> {
    const stale = await this.events.findStalePending(
      new Date(Date.now() - this.config.get('queue.callbackSweepAgeMs', { infer: true })),
      SWEEP_BATCH,
    );
    for (const e of stale) await this.ingest.enqueue(e, ':sweep');
    if (stale.length)
      this.logger.log({ count: stale.length }, 're-enqueued pending callback events');
    return stale.length;
  }

  async list(filter: CallbackEventFilter): Promise<CallbackEventResponseDto[]> {
    return (await this.events.list(filter)).map(toCallbackEventResponse);
  }

  async get(id: string): Promise<CallbackEventResponseDto> {
    const event = await this.events.findById(id);
    if (!event)
      throw new AppException(
        'CALLBACK_EVENT_NOT_FOUND',
        `Callback event ${id} not found`,
        HttpStatus.NOT_FOUND,
      );
    return toCallbackEventResponse(event);
  }

  /** Replays events one by one (`ids`) or in bulk (every failed or skipped event of a corp). */
  async replay(input: {
    ids?: string[];
    status?: CallbackEventStatus;
    corpId?: string;
  }): Promise<{ replayed: number }> {
    const ids = input.ids?.length
      ? input.ids
      : await this.events.idsByStatus(
          input.status ?? CallbackEventStatus.Failed,
          input.corpId,
          REPLAY_BATCH,
        );
    const rows = (await Promise.all(ids.map((id) => this.events.findById(id)))).filter(
      (e) => e !== null,
    );
    await this.events.resetForReplay(rows.map((e) => e.id));
    const tag = `:replay-${Date.now()}`;
    for (const e of rows) await this.ingest.enqueue(e, tag);
    return { replayed: rows.length };
  }

  counts(): Promise<Record<string, number>> {
    return this.events.countByStatus();
  }
}
