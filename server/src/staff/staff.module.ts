import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CallbackEventHandlerRegistry } from '../callbacks/callback-event-handler.registry';
import { CallbacksModule } from '../callbacks/callbacks.module';
import { MirrorLockModule } from '../common/mirror-lock/mirror-lock.module';
import { RelationCountsModule } from '../customers/relation-counts.module';
import { DepartmentEntity } from './entities/department.entity';
import { StaffEntity } from './entities/staff.entity';
import { StaffController } from './staff.controller';
import { StaffRepository } from './staff.repository';
import { CONTACT_PARTY_CHANGES, CONTACT_USER_CHANGES, StaffService } from './staff.service';

/** The mirror of staff (成员) and departments. */
@Module({
  imports: [
    TypeOrmModule.forFeature([StaffEntity, DepartmentEntity]),
    CallbacksModule,
    MirrorLockModule,
    RelationCountsModule,
  ],
  controllers: [StaffController],
  providers: [StaffRepository, StaffService],
  exports: [StaffService],
})
export class StaffModule implements OnModuleInit {
  constructor(
    private readonly registry: CallbackEventHandlerRegistry,
    private readonly staff: StaffService,
  ) {}

  onModuleInit(): void {
    this.registry.register('change_contact', [...CONTACT_USER_CHANGES, ...CONTACT_PARTY_CHANGES], {
      handle: (event) => this.staff.handleContactEvent(event),
    });
  }
}
