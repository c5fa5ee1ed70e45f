/**
 * fast-check for the property suites, imported (for its effect) by each of them before any property
 * runs. On failure fast-check throws `Property failed after N tests { seed: S, path: "P", … }` with
 * the counterexample, which vitest prints. To replay that run: `FC_SEED=S npm test -- test/reliability`,
 * and add `FC_PATH=P` to jump straight to the shrunk counterexample.
 */
import fc from 'fast-check';

const seed = process.env.FC_SEED;
const path = process.env.FC_PATH;
if (seed !== undefined && seed !== '') {
  const parsed = Number(seed);
  if (!Number.isInteger(parsed)) throw new Error(`FC_SEED must be an integer, got "${seed}"`);
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: parsed, ...(path ? { path } : {}) });
}
