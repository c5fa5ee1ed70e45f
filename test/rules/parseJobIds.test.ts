import { describe, expect, it } from 'vitest';
import { createOmniClient } from '../../src/client/createOmniClient.js';
import { validateJobIds } from '../../src/wait/validateJobIds.js';
import { parseJobIds } from '../../src/rules/parseJobIds.js';

describe('parseJobIds: the one job-id rule', () => {
  it('keeps distinct ids in first-seen order', () => {
    expect(parseJobIds(['b', 'a', 'b'])).toEqual({ ok: true, ids: ['b', 'a'] });
  });

  it.each([
    [[' '], 0, 'a blank string'],
    [['a', ''], 1, 'an empty string'],
    [['a', 'b', 3], 2, 'a number'],
    [[null], 0, 'null'],
    ['a', undefined, 'a string'],
    [null, undefined, 'null'],
  ])('finds the first problem in %j', (input, index, found) => {
    expect(parseJobIds(input)).toEqual({ ok: false, index, found });
  });

  it('is the rule behind both the client and the hook, each in its own words', async () => {
    const input = ['a', '  '];
    await expect(createOmniClient({ baseUrl: 'https://omni.example' }).wait(input)).rejects.toThrow(
      new TypeError('OmniClient.wait: job id at index 1 must be a non-empty string, got a blank string'),
    );
    const validated = validateJobIds(input);
    expect(validated.ok).toBe(false);
    if (!validated.ok) {
      expect(validated.error.kind).toBe('schema');
      expect(validated.error.message).toBe(
        'Job id at position 1 must be a non-empty string, but got a blank string; nothing was sent',
      );
    }
  });
});
