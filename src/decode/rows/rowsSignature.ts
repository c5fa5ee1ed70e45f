import type { z } from 'zod';
import type { RowsSchema } from './RowsSchema.js';

/**
 * A rows schema as plain data for a query key: each field name with its type and wrappers
 * (`{ 'order_items.count': 'nullable(bigint)' }`), keys sorted. Two schemas written the same way,
 * even re-created on every render, give the same signature, so a query key holding it is stable.
 * Refinements and transforms are not part of it: two schemas that differ only in those share a
 * cached result (checked by the first).
 */
export function rowsSignature(schema: RowsSchema): Record<string, string> {
  const shape = schema.shape as Record<string, z.core.$ZodType>;
  const signature: Record<string, string> = {};
  for (const name of Object.keys(shape).sort()) signature[name] = typeText(shape[name]!);
  return signature;
}

function typeText(schema: z.core.$ZodType): string {
  const def = schema._zod.def as z.core.$ZodTypeDef & { innerType?: z.core.$ZodType; element?: z.core.$ZodType };
  if (def.innerType !== undefined) return `${def.type}(${typeText(def.innerType)})`;
  if (def.type === 'array' && def.element !== undefined) return `array(${typeText(def.element)})`;
  return def.type;
}
