import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StaffAccessModule } from '../admin/staff-access/staff-access.module';
import { CallbacksModule } from '../callbacks/callbacks.module';
import { MirrorLockModule } from '../common/mirror-lock/mirror-lock.module';
import { RelationCountsModule } from '../customers/relation-counts.module';
import { DepartmentEntity } from './entities/department.entity';
import { StaffEntity } from './entities/staff.entity';
import { StaffController } from './staff.controller';
import { StaffRepository } from './staff.repository';
import { StaffService } from './staff.service';

/** The mirror of staff (成员) and departments. */
@Module({
  imports: [
    TypeOrmModule.forFeature([StaffEntity, DepartmentEntity]),
    CallbacksModule,
    MirrorLockModule,
    RelationCountsModule,
    StaffAccessModule,
  ],
  controllers: [StaffController],
  providers: [StaffRepository, StaffService],
  exports: [StaffService],
})
/** Its change_contact handler is `StaffService.handleContactEvent` (@OnWecomEvent). */
export class StaffModule {}
