import { HttpStatus } from '@nestjs/common';
import { AppException } from '../common/app.exception';

export enum AudienceErrorCode {
  Validation = 'VALIDATION_FAILED',
  SegmentNotFound = 'SEGMENT_NOT_FOUND',
  SegmentNameTaken = 'SEGMENT_NAME_TAKEN',
  ExportNotFound = 'EXPORT_NOT_FOUND',
  ExportNotReady = 'EXPORT_NOT_READY',
}

export class AudienceException extends AppException {
  /** A 400 naming the field, like every validation failure. */
  static badCursor(): AudienceException {
    return new AudienceException(
      AudienceErrorCode.Validation,
      'cursor is not a nextCursor of this list in this order',
      HttpStatus.BAD_REQUEST,
      { cursor: ['cursor is not a nextCursor of this list in this order'] },
    );
  }

  static segmentNotFound(corpId: string, id: string): AudienceException {
    return new AudienceException(
      AudienceErrorCode.SegmentNotFound,
      `Segment ${id} of corp ${corpId} not found`,
      HttpStatus.NOT_FOUND,
    );
  }

  static segmentNameTaken(name: string): AudienceException {
    return new AudienceException(
      AudienceErrorCode.SegmentNameTaken,
      `A segment named ${name} already exists`,
      HttpStatus.CONFLICT,
      { name: [`已有名为「${name}」的分群`] },
    );
  }

  static exportNotFound(corpId: string, id: string): AudienceException {
    return new AudienceException(
      AudienceErrorCode.ExportNotFound,
      `Export ${id} of corp ${corpId} not found`,
      HttpStatus.NOT_FOUND,
    );
  }

  static exportNotReady(id: string): AudienceException {
    return new AudienceException(
      AudienceErrorCode.ExportNotReady,
      `Export ${id} has no file yet`,
      HttpStatus.CONFLICT,
    );
  }
}
