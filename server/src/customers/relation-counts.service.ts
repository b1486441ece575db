import { Injectable } from '@nestjs/common';
import { FollowRelationRepository } from './follow-relation.repository';

/**
 * Counts over follow relations for modules the customers module itself depends on (staff/:
 * a member's customer count; channels/: the least-loaded strategy). Part of customers/.
 */
@Injectable()
export class RelationCountsService {
  constructor(private readonly relations: FollowRelationRepository) {}

  /** Active relations per staff member among `userIds` (absent: none). */
  activeCountByStaff(corpId: string, userIds: string[]): Promise<Map<string, number>> {
    return this.relations.activeCountByStaff(corpId, [...new Set(userIds)]);
  }
}
