import type { AudienceFilter } from '../../audience/audience-filter';
import type { RelationRef } from '../tag-mark.service';

/**
 * What bulk jobs need of the audience module (audience-filter.ts's contract:
 * `AudienceService.streamRelations`): every matching active relation, in bounded memory.
 * Bound by the audience module (`{ provide: AUDIENCE_RELATIONS, useExisting: AudienceService }`)
 * or found by TagJobService at start; a stub in tests.
 */
export interface AudienceRelations {
  streamRelations(
    corpId: string,
    filter: AudienceFilter,
    batchSize: number,
  ): AsyncIterable<RelationRef[]>;
}

export const AUDIENCE_RELATIONS = Symbol('AUDIENCE_RELATIONS');
