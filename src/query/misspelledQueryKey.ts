/**
 * A known wrong spelling and what to write instead. `always`: the key is wrong wherever it is (it
 * belongs elsewhere, and Omni would drop it silently); otherwise it is only reported when the right
 * key is missing (a query that has both still works).
 */
interface Misspelling {
  readonly instead: string;
  readonly why: string;
  readonly always?: boolean;
}

const SNAKE = "Omni's query JSON spells it in camelCase (snake_case is how a job line echoes it)";
const IN_SORTS = 'it belongs inside each sort, which Omni spells in snake_case';
const RUN_BODY = 'it belongs at the top level of the run body; inside the query Omni ignores it';

/** Keys of the query itself. The right spellings are `modelId`, `table`, `fields`, `filters`, `sorts`, `limit`, `pivots`. */
const QUERY_KEYS: Readonly<Record<string, Misspelling & { right?: string }>> = {
  model_id: { instead: '`modelId`', right: 'modelId', why: SNAKE },
  modelID: { instead: '`modelId`', right: 'modelId', why: 'the query spells it modelId' },
  model_job: {
    instead: 'the query itself: `{ modelId, table, fields }`',
    why: "that is how a job line echoes a query, in snake_case; copy the query from the workbook's query inspector",
    always: true,
  },
  sort_descending: { instead: '`sorts: [{ column_name, sort_descending }]`', why: IN_SORTS, always: true },
  column_name: { instead: '`sorts: [{ column_name, sort_descending }]`', why: IN_SORTS, always: true },
  sort: { instead: '`sorts`', right: 'sorts', why: 'sorts is a list of { column_name, sort_descending }' },
  filter: { instead: '`filters`', right: 'filters', why: 'filters is an object keyed by field name' },
  field: { instead: '`fields`', right: 'fields', why: 'fields is a list of field names' },
  pivot: { instead: '`pivots`', right: 'pivots', why: 'pivots is a list of field names' },
  row_limit: { instead: '`limit`', right: 'limit', why: 'the row limit is limit' },
  branch_id: { instead: 'the `branchId` option', why: RUN_BODY, always: true },
  user_id: { instead: 'the `userId` option', why: RUN_BODY, always: true },
  userId: { instead: 'the `userId` option', why: RUN_BODY, always: true },
  cache: { instead: 'the `cache` option', why: RUN_BODY, always: true },
};

/** Keys of one sort, which Omni spells in snake_case (`column_name`, `sort_descending`). */
const SORT_KEYS: Readonly<Record<string, Misspelling & { right: string }>> = {
  columnName: { instead: '`column_name`', right: 'column_name', why: "Omni's sorts are spelled in snake_case" },
  sortDescending: { instead: '`sort_descending`', right: 'sort_descending', why: "Omni's sorts are spelled in snake_case" },
  column: { instead: '`column_name`', right: 'column_name', why: 'a sort names its field in column_name' },
  field: { instead: '`column_name`', right: 'column_name', why: 'a sort names its field in column_name' },
  descending: { instead: '`sort_descending`', right: 'sort_descending', why: 'a sort says its direction in sort_descending' },
  desc: { instead: '`sort_descending`', right: 'sort_descending', why: 'a sort says its direction in sort_descending' },
};

/**
 * The first known misspelling in a query, as a message naming the key and what to write instead
 * (`query.model_id: did you mean \`modelId\`? …`), or `undefined` when there is none.
 *
 * Misspellings are refused, not accepted as aliases: Omni's server drops keys it does not know, so
 * the query JSON must be exactly what Omni reads. Rewriting `model_id` here would make the library
 * accept queries that fail when pasted anywhere else (Omni's API, its CLI, another client), and a
 * second spelling of one query would be a second cache key for the same data. One clear error at
 * the first render costs a one-word fix.
 */
export function misspelledQueryKey(query: Readonly<Record<string, unknown>>): string | undefined {
  for (const [key, misspelling] of Object.entries(QUERY_KEYS)) {
    if (!Object.hasOwn(query, key)) continue;
    if (misspelling.always !== true && misspelling.right !== undefined && Object.hasOwn(query, misspelling.right)) continue;
    return `query.${key}: did you mean ${misspelling.instead}? ${capitalise(misspelling.why)}`;
  }
  const sorts = query.sorts;
  if (!Array.isArray(sorts)) return undefined;
  for (const [index, sort] of sorts.entries()) {
    if (typeof sort !== 'object' || sort === null) continue;
    for (const [key, misspelling] of Object.entries(SORT_KEYS)) {
      if (!Object.hasOwn(sort, key) || Object.hasOwn(sort, misspelling.right)) continue;
      return `query.sorts.${index}.${key}: did you mean ${misspelling.instead}? ${capitalise(misspelling.why)}`;
    }
  }
  return undefined;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
