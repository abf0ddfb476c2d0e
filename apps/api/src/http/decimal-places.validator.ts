import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * A finite number with at most `places` decimals. class-validator's `maxDecimalPlaces` splits
 * `value.toString()` on '.', which throws on exponent forms (`1e-7`, `5e-324`) and turned valid JSON
 * into a 500. Rounding to `places` and comparing works for every double: `1e-7` rounds to 0 and is
 * refused, `1e21` rounds to itself and is left to @Min/@Max.
 */
export function hasAtMostDecimalPlaces(value: unknown, places: number): boolean {
  return typeof value === 'number' && Number.isFinite(value) && Number(value.toFixed(places)) === value;
}

export function IsDecimal(places: number, validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDecimal',
      constraints: [places],
      validator: {
        validate: (value: unknown) => hasAtMostDecimalPlaces(value, places),
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be a finite number with at most ${places} decimal places`,
      },
    },
    validationOptions,
  );
}
