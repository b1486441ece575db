import { HttpStatus } from '@nestjs/common';

/**
 * Base of every module's typed exception: a stable machine code, a user-facing message and
 * the HTTP status the global filter answers with.
 */
export class AppException extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: HttpStatus = HttpStatus.BAD_REQUEST,
    readonly errors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
