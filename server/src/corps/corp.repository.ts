import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CorpEntity } from './entities/corp.entity';

@Injectable()
export class CorpRepository {
  constructor(@InjectRepository(CorpEntity) private readonly repo: Repository<CorpEntity>) {}

  findById(corpId: string): Promise<CorpEntity | null> {
    return this.repo.findOneBy({ id: corpId });
  }

  findAll(): Promise<CorpEntity[]> {
    return this.repo.find({ order: { createdAt: 'ASC' } });
  }

  async insert(
    corp: Omit<CorpEntity, 'createdAt' | 'updatedAt' | 'callbackVerifiedAt'>,
  ): Promise<void> {
    await this.repo.insert(corp);
  }

  async update(corpId: string, changes: Partial<CorpEntity>): Promise<void> {
    await this.repo.update({ id: corpId }, changes);
  }

  /** Only the column: updated_at keeps saying when an admin last changed the corp. */
  async setCallbackVerifiedAt(corpId: string, at: Date): Promise<void> {
    await this.repo.query(
      'UPDATE corp SET callback_verified_at = ?, updated_at = updated_at WHERE id = ?',
      [at, corpId],
    );
  }
}
