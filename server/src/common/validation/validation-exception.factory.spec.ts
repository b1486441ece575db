import { ValidationError } from '@nestjs/common';
import { AppException } from '../app.exception';
import { createValidationPipe, flattenValidationErrors } from './validation-exception.factory';
import { IsInt, IsString, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';

class Item {
  @IsInt()
  qty: number;
}
class Body {
  @IsString()
  name: string;

  @ValidateNested({ each: true })
  @Type(() => Item)
  items: Item[];
}

describe('validation errors', () => {
  it('flattens nested errors to dotted paths', () => {
    const errors: ValidationError[] = [
      {
        property: 'items',
        children: [
          {
            property: '0',
            children: [{ property: 'qty', constraints: { isInt: 'qty must be an integer' } }],
          },
        ],
      },
    ];
    expect(flattenValidationErrors(errors)).toEqual({ 'items[0].qty': ['qty must be an integer'] });
  });

  it('answers 400 naming the field at fault, and refuses unknown fields', async () => {
    const pipe = createValidationPipe();
    const meta = { type: 'body' as const, metatype: Body };
    const err = await pipe
      .transform({ name: 5, items: [{ qty: 'x' }], extra: 1 }, meta)
      .catch((e) => e);
    expect(err).toBeInstanceOf(AppException);
    expect(err.status).toBe(400);
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(err.errors).sort()).toEqual(['extra', 'items[0].qty', 'name']);
  });
});
