import { HttpStatus, ValidationError, ValidationPipe } from '@nestjs/common';
import { AppException } from '../app.exception';

/** Flattens nested class-validator errors to `{ 'a.b[0].c': [messages] }`. */
export function flattenValidationErrors(
  errors: ValidationError[],
  parent = '',
  out: Record<string, string[]> = {},
): Record<string, string[]> {
  for (const e of errors) {
    const key = parent
      ? /^\d+$/.test(e.property)
        ? `${parent}[${e.property}]`
        : `${parent}.${e.property}`
      : e.property;
    if (e.constraints) out[key] = Object.values(e.constraints);
    if (e.children?.length) flattenValidationErrors(e.children, key, out);
  }
  return out;
}

/** The 400 of a refused input, naming the first field at fault: `{ field: [messages] }`. */
export function validationFailed(fields: Record<string, string[]>): AppException {
  const first = Object.entries(fields)[0];
  return new AppException(
    'VALIDATION_FAILED',
    first ? `Invalid ${first[0]}: ${first[1][0]}` : 'Invalid request',
    HttpStatus.BAD_REQUEST,
    fields,
  );
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => validationFailed(flattenValidationErrors(errors)),
  });
}
