#!/usr/bin/env node
// Reads vitest's JSON report and fails when a suite CI relies on was silently skipped: every test must
// have run (no skipped or todo test), the Arrow gold suite (test/decode/arrowGold*) must be there and
// have passed tests (it skips itself when ../shared/fixtures/arrow-gold is missing), and the hook tests
// must have run on React 18 (project hooks-react18) as well as React 19. test/setup/hooks.ts tags each
// hook test with the React version it ran on (meta.reactVersion).
/* global process, console */
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const problems = [];
const tests = report.testResults.flatMap((file) => file.assertionResults.map((test) => ({ ...test, file: file.name })));

if (tests.length === 0) problems.push('no test ran');
for (const test of tests.filter((test) => test.status !== 'passed' && test.status !== 'failed')) {
  problems.push(`${test.status}: ${test.file.replace(process.cwd() + '/', '')} > ${test.fullName}`);
}
const gold = tests.filter((test) => /test\/decode\/arrowGold[^/]*\.test\.ts$/.test(test.file));
if (!gold.some((test) => test.status === 'passed')) {
  problems.push('the Arrow gold suite (test/decode/arrowGold*) ran no test: is ../shared/fixtures/arrow-gold there?');
}
const reactMajors = new Set(
  tests.filter((test) => test.status === 'passed' && test.meta?.reactVersion).map((test) => test.meta.reactVersion.split('.')[0]),
);
for (const major of ['18', '19']) {
  if (!reactMajors.has(major))
    problems.push(
      `no hook test ran on React ${major}${major === '18' ? ' (project hooks-react18: is test/react18 installed?)' : ''}`,
    );
}

console.log(
  `vitest: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests + report.numTodoTests} skipped; gold: ${gold.length} tests; hook tests on React ${[...reactMajors].sort().join(' and ') || 'none'}`,
);
if (problems.length > 0) {
  console.error(
    `A suite was skipped or missing:\n- ${problems.slice(0, 20).join('\n- ')}${problems.length > 20 ? `\n- … ${problems.length - 20} more` : ''}`,
  );
  process.exit(1);
}
