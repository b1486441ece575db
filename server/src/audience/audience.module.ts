import { Module } from '@nestjs/common';
import { AudienceController } from './audience.controller';
import { AudienceRepository } from './audience.repository';
import { AudienceService } from './audience.service';

/**
 * The audience filter (audience-filter.ts): count, keyset pages and bounded streams over the
 * mirror, for the customer list, bulk tagging, CSV exports, broadcasts and moments. Imports no
 * other module (it reads their tables read-only, see TABLE_READERS), so any module may import it.
 */
@Module({
  controllers: [AudienceController],
  providers: [AudienceRepository, AudienceService],
  exports: [AudienceService],
})
export class AudienceModule {}
