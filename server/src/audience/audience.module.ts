import { Module } from '@nestjs/common';
import { AudienceController } from './audience.controller';
import { AudienceRepository } from './audience.repository';
import { AudienceService } from './audience.service';
import { AudienceProcessor } from './export/export.processor';
import { ExportRepository } from './export/export.repository';
import { ExportService } from './export/export.service';
import { ExportsController } from './export/exports.controller';
import { SegmentRepository } from './segments/segment.repository';
import { SegmentService } from './segments/segment.service';
import { SegmentsController } from './segments/segments.controller';

/**
 * The audience filter (audience-filter.ts): count, keyset pages and bounded streams over the
 * mirror, for the customer list, bulk tagging, CSV exports, broadcasts and moments. Imports no
 * other module (it reads their tables read-only, see TABLE_READERS), so any module may import it.
 */
@Module({
  controllers: [AudienceController, SegmentsController, ExportsController],
  providers: [
    AudienceRepository,
    AudienceService,
    SegmentRepository,
    SegmentService,
    ExportRepository,
    ExportService,
  ],
  exports: [AudienceService, SegmentService, ExportService],
})
export class AudienceModule {}

/** The audience's queue consumers (worker processes only): CSV exports. */
@Module({ imports: [AudienceModule], providers: [AudienceProcessor] })
export class AudienceWorkerModule {}
