import { parseTimecode } from '@reelforge/contracts';
import { registerDecorator, type ValidationOptions } from 'class-validator';

/** Seconds (number or numeric string) or `HH:MM:SS(.sss)`; never negative, NaN or Infinity. */
export function IsTimecode(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: 'isTimecode',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: `${String(propertyName)} must be seconds (e.g. 12.5) or HH:MM:SS(.sss), not negative`,
        ...options,
      },
      validator: { validate: (value: unknown) => parseTimecode(value) !== null },
    });
  };
}
