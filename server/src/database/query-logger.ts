import { Logger as NestLogger } from '@nestjs/common';
import { AbstractLogger, LogLevel, LogMessage } from 'typeorm';

/** How much of a slow statement's SQL goes to the log (a batch INSERT can be megabytes). */
const SQL_PREVIEW_CHARS = 300;

/** One log line for a slow query: its SQL, whitespace folded and cut short, and its time. */
export function slowQueryLine(sql: string, ms: number): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  const cut = flat.length > SQL_PREVIEW_CHARS ? `${flat.slice(0, SQL_PREVIEW_CHARS)}…` : flat;
  return `slow query (${ms} ms): ${cut}`;
}

/**
 * TypeORM's logger for the app's data source: a query slower than `maxQueryExecutionTime` becomes
 * one warning through Nest's logger, its SQL cut short and **never with its parameters** (they
 * carry customer data and callback payloads; TypeORM's default console logger prints every one of
 * them). Everything else TypeORM would log stays off, as with `logging: false`.
 */
export class QueryLogger extends AbstractLogger {
  private readonly nestLogger = new NestLogger('Database');

  protected writeLog(_level: LogLevel, message: LogMessage | LogMessage[]): void {
    for (const m of Array.isArray(message) ? message : [message]) {
      const time = m.additionalInfo?.time as number | undefined;
      if (m.type === 'query-slow' && time !== undefined && typeof m.message === 'string')
        this.nestLogger.warn(slowQueryLine(m.message, time));
    }
  }
}
