import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { groupBy } from '../../common/collections';
import type { AllConfig } from '../../config/configuration';
import { JobQueueService } from '../../queue/job-queue.service';
import { JobName } from '../../queue/queue-names';
import type { AudienceFilter } from '../audience-filter';
import { statusesOf } from '../audience-sql';
import { AudienceException } from '../audience.exception';
import { AudienceRepository } from '../audience.repository';
import { AudienceService } from '../audience.service';
import { csvLine, UTF8_BOM } from './csv';
import { ExportRepository, ExportRow } from './export.repository';

export interface ExportJobData {
  corpId: string;
  exportId: string;
}

/** Customers per batch: one stream query, one relations and one tags query, one progress write. */
export const EXPORT_BATCH = 1000;

export const EXPORT_HEADERS = [
  '客户ID',
  '客户名称',
  '类型',
  '性别',
  '企业名称',
  '首次添加时间',
  '跟进员工',
  '备注',
  '描述',
  '标签',
  '最近聊天时间',
];
const TYPES: Record<number, string> = { 1: '微信用户', 2: '企业微信用户' };
const GENDERS: Record<number, string> = { 0: '未知', 1: '男', 2: '女' };

/** A time as 2026-12-01 12:00:00 in China Standard Time (UTC+8, no daylight saving). */
export function chinaTime(d: Date | null): string {
  if (!d) return '';
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * CSV exports of an audience (the console's 导出): a row per customer, streamed in batches from
 * the audience filter to a file (bounded memory: one batch at a time), with progress; the API
 * serves the finished file. A retried job writes the file again from the first row.
 */
@Injectable()
export class ExportService {
  private readonly logger = new Logger(ExportService.name);
  private readonly dir: string;

  constructor(
    private readonly repo: ExportRepository,
    private readonly audience: AudienceService,
    private readonly audienceRepo: AudienceRepository,
    private readonly jobs: JobQueueService,
    config: ConfigService<AllConfig, true>,
  ) {
    const dir = config.get('app', { infer: true }).exportDir;
    this.dir = isAbsolute(dir) ? dir : resolve(process.cwd(), dir);
  }

  async create(
    corpId: string,
    filter: AudienceFilter,
    createdBy: string | null,
  ): Promise<ExportRow> {
    const id = await this.repo.insert(corpId, filter, createdBy);
    await this.jobs.enqueue<ExportJobData>(
      JobName.ExportAudience,
      { corpId, exportId: id },
      { jobId: `audience-export:${id}` },
    );
    return this.get(corpId, id);
  }

  async get(corpId: string, id: string): Promise<ExportRow> {
    const row = await this.repo.get(corpId, id);
    if (!row) throw AudienceException.exportNotFound(corpId, id);
    return row;
  }

  list(corpId: string): Promise<ExportRow[]> {
    return this.repo.list(corpId, 20);
  }

  /** The finished file's path and the name a browser saves it under. */
  async file(corpId: string, id: string): Promise<{ path: string; downloadName: string }> {
    const row = await this.get(corpId, id);
    if (row.status !== 'done' || !row.fileName) throw AudienceException.exportNotReady(id);
    const stamp = chinaTime(row.createdAt).replace(/[-: ]/g, '').slice(0, 12);
    return { path: join(this.dir, row.fileName), downloadName: `客户导出-${stamp}-${id}.csv` };
  }

  /** The job: a done export is left alone (a replay), anything else is written from the start. */
  async run(data: ExportJobData, finalAttempt: boolean): Promise<{ rows: number }> {
    const row = await this.repo.get(data.corpId, data.exportId);
    if (!row) return { rows: 0 };
    if (row.status === 'done') return { rows: row.done };
    try {
      return await this.write(row);
    } catch (err) {
      if (finalAttempt) await this.repo.fail(row.id, (err as Error).message);
      throw err;
    }
  }

  private async write(row: ExportRow): Promise<{ rows: number }> {
    await mkdir(this.dir, { recursive: true });
    const fileName = `${row.corpId}-${row.id}.csv`;
    const part = join(this.dir, `${fileName}.part`);
    const total = await this.audience.count(row.corpId, row.filter);
    await this.repo.start(row.id, total);
    const statuses = statusesOf(row.filter);
    const out = createWriteStream(part, { encoding: 'utf8' });
    const put = async (s: string) => {
      if (!out.write(s)) await once(out, 'drain');
    };
    let done = 0;
    try {
      await put(UTF8_BOM + csvLine(EXPORT_HEADERS));
      for await (const ids of this.audience.streamExternalUserIds(
        row.corpId,
        row.filter,
        EXPORT_BATCH,
      )) {
        const [customers, relations, tags] = await Promise.all([
          this.audienceRepo.rowsByExternalUserIds(row.corpId, ids),
          this.audienceRepo.exportRelations(row.corpId, ids, statuses),
          this.audienceRepo.effectiveTags(row.corpId, ids, statuses),
        ]);
        const relOf = groupBy(relations, (r) => r.externalUserId);
        const tagsOf = groupBy(tags, (t) => t.externalUserId);
        let chunk = '';
        for (const c of customers) {
          const rels = relOf.get(c.externalUserId) ?? [];
          chunk += csvLine([
            c.externalUserId,
            c.name,
            TYPES[c.type] ?? String(c.type),
            GENDERS[c.gender] ?? String(c.gender),
            c.corpName ?? '',
            chinaTime(c.firstAddedAt ?? c.addedAt),
            rels.map((r) => r.staffName || r.userId).join('；'),
            rels
              .map((r) => r.remark)
              .filter(Boolean)
              .join('；'),
            rels
              .map((r) => r.description)
              .filter(Boolean)
              .join('；'),
            (tagsOf.get(c.externalUserId) ?? [])
              .map((t) =>
                t.groupName ? `${t.groupName}/${t.tagName ?? t.tagId}` : (t.tagName ?? t.tagId),
              )
              .join('；'),
            chinaTime(c.lastChatAt),
          ]);
        }
        await put(chunk);
        done += customers.length;
        await this.repo.progress(row.id, done);
      }
      out.end();
      await once(out, 'finish');
    } catch (err) {
      out.destroy();
      await rm(part, { force: true });
      throw err;
    }
    await rename(part, join(this.dir, fileName));
    const { size } = await stat(join(this.dir, fileName));
    await this.repo.finish(row.id, done, fileName, size);
    this.logger.log(`export ${row.id} of corp ${row.corpId}: ${done} customers, ${size} bytes`);
    return { rows: done };
  }
}
