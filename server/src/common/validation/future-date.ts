import { ValidateBy, ValidationOptions } from 'class-validator';

/** A Date later than now (e.g. when a QR code should stop working). */
export const IsFutureDate = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isFutureDate',
      validator: {
        validate: (value: unknown) => value instanceof Date && value.getTime() > Date.now(),
        defaultMessage: () => '$property must be in the future',
      },
    },
    options,
  );
