import type { z } from 'zod';
import type { RowsSchema } from './RowsSchema.js';

/** A field of a {@link simpleRowsFields} schema: its name, its base type and which wrappers it accepts. */
export interface SimpleField {
  readonly name: string;
  readonly kind: 'number' | 'string' | 'boolean' | 'bigint' | 'date';
  /** Under `.nullable()` (or `.nullish()`): `null` passes. */
  readonly nullable: boolean;
  /** Under `.optional()` (or `.nullish()`): `undefined` and a missing key pass. */
  readonly optional: boolean;
}

type Def = z.core.$ZodTypeDef & {
  innerType?: z.core.$ZodType;
  catchall?: z.core.$ZodType;
  coerce?: boolean;
};

const KINDS = new Set<string>(['number', 'string', 'boolean', 'bigint', 'date']);

/**
 * The fields of `schema` when it is a plain `z.object` (unknown keys stripped, no checks on the object)
 * whose every field is `z.number()`, `z.string()`, `z.boolean()`, `z.bigint()` or `z.date()` without
 * coercion, checks, refinements or transforms, under any mix of `.nullable()` and `.optional()`; else
 * `undefined`. Such a schema accepts a value by its `typeof` alone (finite numbers, valid dates), so its
 * rows can be checked column by column without running zod per row, with the same outcome.
 */
export function simpleRowsFields(schema: RowsSchema): SimpleField[] | undefined {
  const def = schema._zod.def as Def;
  if (def.type !== 'object' || def.catchall !== undefined || !unchecked(schema)) return undefined;
  const fields: SimpleField[] = [];
  for (const [name, fieldSchema] of Object.entries(schema.shape as Record<string, z.core.$ZodType>)) {
    // zod assigns output keys, so a "__proto__" field sets the row's prototype: leave that to zod.
    if (name === '__proto__') return undefined;
    let nullable = false;
    let optional = false;
    let at = fieldSchema;
    for (;;) {
      if (!unchecked(at)) return undefined;
      const atDef = at._zod.def as Def;
      if (atDef.type === 'optional') optional = true;
      else if (atDef.type === 'nullable') nullable = true;
      else break;
      if (atDef.innerType === undefined) return undefined;
      at = atDef.innerType;
    }
    const leaf = at._zod.def as Def;
    if (!KINDS.has(leaf.type) || leaf.coerce === true) return undefined;
    fields.push({ name, kind: leaf.type as SimpleField['kind'], nullable, optional });
  }
  return fields;
}

// A string format (z.email(), z.int(), …) is its own check: its traits say so.
function unchecked(schema: z.core.$ZodType): boolean {
  return (schema._zod.def.checks?.length ?? 0) === 0 && !schema._zod.traits.has('$ZodCheck');
}
