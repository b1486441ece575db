import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomerTagEntity } from './entities/customer-tag.entity';
import { TagGroupEntity } from './entities/tag-group.entity';
import { TagEntity } from './entities/tag.entity';

/** The mirror of corp tag groups and tags, and each follow relation's tag marks. */
@Module({
  imports: [TypeOrmModule.forFeature([TagGroupEntity, TagEntity, CustomerTagEntity])],
  providers: [],
  exports: [],
})
export class TagsModule {}
