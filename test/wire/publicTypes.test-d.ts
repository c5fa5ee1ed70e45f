import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { CacheMetadata, JobLine, Summary, SummaryField } from '../../src/index.js';
import type { cacheMetadataSchema } from '../../src/wire/cacheMetadataSchema.js';
import type { jobLineSchema } from '../../src/wire/jobLineSchema.js';
import type { summaryFieldSchema, summarySchema } from '../../src/wire/summarySchema.js';

// The public wire types are written out by hand, with a doc per field; these tests pin each one to
// what its zod schema really outputs, so neither can drift from the other.
describe('public wire types equal their schemas’ output', () => {
  it('JobLine', () => {
    expectTypeOf<z.output<typeof jobLineSchema>>().toEqualTypeOf<JobLine>();
  });
  it('Summary', () => {
    expectTypeOf<z.output<typeof summarySchema>>().toEqualTypeOf<Summary>();
  });
  it('SummaryField', () => {
    expectTypeOf<z.output<typeof summaryFieldSchema>>().toEqualTypeOf<SummaryField>();
  });
  it('CacheMetadata', () => {
    expectTypeOf<z.output<typeof cacheMetadataSchema>>().toEqualTypeOf<CacheMetadata>();
  });
});
