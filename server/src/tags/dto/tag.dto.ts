import { TagGroupEntity } from '../entities/tag-group.entity';
import { TagEntity } from '../entities/tag.entity';

export class TagResponseDto {
  tagId: string;
  name: string;
  sortOrder: number;
  createTime: number;
}

export class TagGroupResponseDto {
  groupId: string;
  name: string;
  sortOrder: number;
  createTime: number;
  tags: TagResponseDto[];
}

export function toTagResponse(t: TagEntity): TagResponseDto {
  return { tagId: t.tagId, name: t.name, sortOrder: t.sortOrder, createTime: t.createTime };
}

export function toTagGroupResponse(g: TagGroupEntity, tags: TagEntity[]): TagGroupResponseDto {
  return {
    groupId: g.groupId,
    name: g.name,
    sortOrder: g.sortOrder,
    createTime: g.createTime,
    tags: tags.filter((t) => t.groupId === g.groupId).map(toTagResponse),
  };
}
