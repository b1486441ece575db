import { Module } from '@nestjs/common';
import { CorpModule } from '../corps/corp.module';
import { SidebarController } from './sidebar.controller';
import { SidebarSessionService } from './sidebar-session.service';

/** The sidebar H5's API: WeCom OAuth sign-in now; customer views as their capabilities land. */
@Module({
  imports: [CorpModule],
  controllers: [SidebarController],
  providers: [SidebarSessionService],
})
export class SidebarModule {}
