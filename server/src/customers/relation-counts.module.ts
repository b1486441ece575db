import { Module } from '@nestjs/common';
import { FollowRelationRepository } from './follow-relation.repository';
import { RelationCountsService } from './relation-counts.service';

/** Relation counts on their own, importable by staff/ without a module cycle (see the service). */
@Module({
  providers: [FollowRelationRepository, RelationCountsService],
  exports: [RelationCountsService],
})
export class RelationCountsModule {}
