import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class CreateSidebarSessionDto {
  @ApiProperty({ description: 'The OAuth2 `code` WeCom appended to the sidebar URL' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(512)
  code: string;

  @ApiPropertyOptional({ description: 'Required when several corps are configured' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{6,64}$/)
  corpId?: string;
}

export class SidebarSessionResponseDto {
  token: string;
  expiresIn: number;
  staff: { userId: string; name: string; corpId: string };
}
