import { Injectable } from '@nestjs/common';
import type { AudienceFilter } from '../audience-filter';
import { AudienceException } from '../audience.exception';
import { AudienceService } from '../audience.service';
import { SegmentRepository, SegmentRow } from './segment.repository';

/** Segments (客户分群): named audience filters with their count, refreshed on demand. */
@Injectable()
export class SegmentService {
  constructor(
    private readonly repo: SegmentRepository,
    private readonly audience: AudienceService,
  ) {}

  list(corpId: string): Promise<SegmentRow[]> {
    return this.repo.list(corpId);
  }

  async get(corpId: string, id: string): Promise<SegmentRow> {
    const s = await this.repo.get(corpId, id);
    if (!s) throw AudienceException.segmentNotFound(corpId, id);
    return s;
  }

  /** Saved with its count at creation. */
  async create(
    corpId: string,
    input: { name: string; filter: AudienceFilter },
    createdBy: string | null,
  ): Promise<SegmentRow> {
    const count = await this.audience.count(corpId, input.filter);
    const id = await this.repo.insert(corpId, { ...input, count, createdBy });
    if (!id) throw AudienceException.segmentNameTaken(input.name);
    return this.get(corpId, id);
  }

  async update(
    corpId: string,
    id: string,
    patch: { name?: string; filter?: AudienceFilter },
  ): Promise<SegmentRow> {
    await this.get(corpId, id);
    const count = patch.filter ? await this.audience.count(corpId, patch.filter) : undefined;
    if (!(await this.repo.update(corpId, id, { ...patch, count })))
      throw AudienceException.segmentNameTaken(patch.name ?? '');
    return this.get(corpId, id);
  }

  async delete(corpId: string, id: string): Promise<void> {
    if (!(await this.repo.delete(corpId, id))) throw AudienceException.segmentNotFound(corpId, id);
  }

  /** Counts the segment's filter now and keeps the count with its time. */
  async refreshCount(corpId: string, id: string): Promise<SegmentRow> {
    const s = await this.get(corpId, id);
    const at = new Date();
    const count = await this.audience.count(corpId, s.filter);
    await this.repo.setCount(corpId, id, count, at);
    return { ...s, customerCount: count, countedAt: at };
  }
}
