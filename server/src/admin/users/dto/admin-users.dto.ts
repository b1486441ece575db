import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CORP_ID, ROW_ID } from '../../../common/validation/wecom-ids';
import { Role } from '../../auth/role';
import { IsDisplayName } from '../../../common/validation/display-name';

export class CorpGrantDto {
  @ApiProperty({ example: 'ww5f3a9c1e7b2d4068' })
  @Matches(CORP_ID, { message: 'corpId must be 6-64 letters, digits, _ or -' })
  corpId: string;

  @ApiProperty({ enum: Role })
  @IsEnum(Role)
  role: Role;
}

/**
 * Where the account may work: `role` alone makes it installation-wide (that role in every
 * corp); `corps` scopes it to those corps, each with its own role. Exactly one of the two.
 */
class AccessFields {
  @ApiPropertyOptional({ enum: Role, description: 'installation-wide role (without `corps`)' })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @ApiPropertyOptional({
    type: [CorpGrantDto],
    description: 'the corps of a scoped account, with a role in each (without `role`)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'corps must name at least one corp' })
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CorpGrantDto)
  corps?: CorpGrantDto[];
}

export class CreateAdminUserDto extends AccessFields {
  @ApiProperty({ example: 'li.manager' })
  @Matches(/^[A-Za-z0-9_.-]{3,64}$/, {
    message: 'username must be 3-64 letters, digits, _, . or -',
  })
  username: string;

  @ApiProperty({ example: '李运营' })
  @IsDisplayName()
  displayName: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @MinLength(10, { message: 'password must be at least 10 characters' })
  @MaxLength(256)
  password: string;
}

/** Any of: a new display name; new access (`role` or `corps`, as on create). */
export class UpdateAdminUserDto extends AccessFields {
  @ApiPropertyOptional({ example: '李运营' })
  @IsOptional()
  @IsDisplayName()
  displayName?: string;
}

export class ResetPasswordDto {
  @ApiProperty({ minLength: 10 })
  @IsString()
  @MinLength(10, { message: 'password must be at least 10 characters' })
  @MaxLength(256)
  password: string;
}

export class AdminUserIdParamDto {
  @Matches(ROW_ID, { message: 'id must be a number' })
  id: string;
}
