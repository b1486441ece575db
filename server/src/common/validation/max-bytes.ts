import { ValidateBy, ValidationOptions } from 'class-validator';

/** At most `max` bytes in UTF-8 (WeCom counts bytes: a Chinese character is 3). */
export const MaxUtf8Bytes = (max: number, options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'maxUtf8Bytes',
      validator: {
        validate: (v: unknown) => typeof v === 'string' && Buffer.byteLength(v) <= max,
        defaultMessage: () =>
          `$property must be at most ${max} bytes in UTF-8 (WeCom's limit; a Chinese character is 3 bytes)`,
      },
    },
    options,
  );
