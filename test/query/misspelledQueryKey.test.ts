import { describe, expect, it } from 'vitest';
import { validateOmniQuery } from '../../src/query/validateOmniQuery.js';

const BASE = { modelId: 'c0f12353-4817-4398-bcc0-d501e6dd2f64', table: 'order_items', fields: ['order_items.count'] };
const { modelId, ...withoutModelId } = BASE;

/** The message of a refused query; fails the test when the query is accepted. */
function refusal(query: unknown): string {
  const validated = validateOmniQuery(query);
  if (validated.ok) throw new Error('the query was accepted');
  expect(validated.error.kind).toBe('schema');
  return validated.error.message;
}

describe("validateOmniQuery: Omni's other spellings get a did-you-mean, and nothing is sent", () => {
  it.each([
    [
      'model_id',
      { ...withoutModelId, model_id: modelId },
      "query.model_id: did you mean `modelId`? Omni's query JSON spells it in camelCase (snake_case is how a job line echoes it); nothing was sent",
    ],
    [
      'modelID',
      { ...withoutModelId, modelID: modelId },
      'query.modelID: did you mean `modelId`? The query spells it modelId; nothing was sent',
    ],
    [
      'sort_descending at the query level',
      { ...BASE, sorts: [{ column_name: 'order_items.count' }], sort_descending: true },
      'query.sort_descending: did you mean `sorts: [{ column_name, sort_descending }]`? It belongs inside each sort, which Omni spells in snake_case; nothing was sent',
    ],
    [
      'column_name at the query level',
      { ...BASE, column_name: 'order_items.count' },
      'query.column_name: did you mean `sorts: [{ column_name, sort_descending }]`? It belongs inside each sort, which Omni spells in snake_case; nothing was sent',
    ],
    [
      'sortDescending inside a sort',
      { ...BASE, sorts: [{ column_name: 'order_items.count' }, { column_name: 'users.id', sortDescending: true }] },
      "query.sorts.1.sortDescending: did you mean `sort_descending`? Omni's sorts are spelled in snake_case; nothing was sent",
    ],
    [
      'columnName inside a sort',
      { ...BASE, sorts: [{ columnName: 'order_items.count' }] },
      "query.sorts.0.columnName: did you mean `column_name`? Omni's sorts are spelled in snake_case; nothing was sent",
    ],
    [
      'branch_id',
      { ...BASE, branch_id: 'b-1' },
      'query.branch_id: did you mean the `branchId` option? It belongs at the top level of the run body; inside the query Omni ignores it; nothing was sent',
    ],
    [
      'userId inside the query',
      { ...BASE, userId: 'u-1' },
      'query.userId: did you mean the `userId` option? It belongs at the top level of the run body; inside the query Omni ignores it; nothing was sent',
    ],
    [
      'cache inside the query',
      { ...BASE, cache: 'SkipCache' },
      'query.cache: did you mean the `cache` option? It belongs at the top level of the run body; inside the query Omni ignores it; nothing was sent',
    ],
    [
      'a job line echo (model_job)',
      { model_job: { model_id: modelId, table: 'order_items', fields: ['order_items.count'] } },
      "query.model_job: did you mean the query itself: `{ modelId, table, fields }`? That is how a job line echoes a query, in snake_case; copy the query from the workbook's query inspector; nothing was sent",
    ],
    [
      'filter',
      { ...BASE, filter: { 'users.region': { is: 'EU' } } },
      'query.filter: did you mean `filters`? Filters is an object keyed by field name; nothing was sent',
    ],
    [
      'sort',
      { ...BASE, sort: [{ column_name: 'order_items.count' }] },
      'query.sort: did you mean `sorts`? Sorts is a list of { column_name, sort_descending }; nothing was sent',
    ],
  ])('%s', (_, query, message) => {
    expect(refusal(query)).toBe(message);
  });

  it('says "did you mean" rather than "modelId is missing" for model_id', () => {
    expect(refusal({ ...withoutModelId, model_id: modelId })).not.toContain('must be the model id');
  });

  it('lets a query that has the right key as well pass (a harmless leftover), and Omni-only keys pass through', () => {
    expect(validateOmniQuery({ ...BASE, model_id: modelId }).ok).toBe(true);
    expect(validateOmniQuery({ ...BASE, sorts: [{ column_name: 'a.b', sort_descending: true, sortDescending: true }] }).ok).toBe(
      true,
    );
    expect(validateOmniQuery({ ...BASE, join_paths_from_topic_name: 'order_items', fill_fields: [] }).ok).toBe(true);
  });

  it('does not accept aliases: the query is refused, not rewritten', () => {
    expect(validateOmniQuery({ ...withoutModelId, model_id: modelId }).ok).toBe(false);
  });
});
