import { applyDecorators } from '@nestjs/common';
import { IsString, Matches, MaxLength } from 'class-validator';

/**
 * A name people read (an account's display name): at least one visible character, no control
 * characters (NUL, line breaks), at most `max`.
 */
export const DISPLAY_NAME = /^(?=.*\S)[^\p{Cc}]+$/u;

export const IsDisplayName = (max = 128) =>
  applyDecorators(
    IsString(),
    MaxLength(max),
    Matches(DISPLAY_NAME, {
      message: '$property must have a visible character and no control characters',
    }),
  );
