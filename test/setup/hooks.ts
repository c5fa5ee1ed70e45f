import { cleanup } from '@testing-library/react';
import { version } from 'react';
import { afterEach, beforeEach } from 'vitest';

declare module 'vitest' {
  interface TaskMeta {
    /** The React version a hook test ran on: `.ci/check-vitest-report.mjs` reads it from the JSON report. */
    reactVersion?: string;
  }
}

// The React 18 project aliases react/react-dom to test/react18; make sure that alias really took,
// so a green React 18 run means React 18 ran. The default project runs the React of package.json.
const expected = process.env.OMNI_EXPECT_REACT;
if (expected !== undefined && expected !== '' && !version.startsWith(`${expected}.`)) {
  throw new Error(`These hook tests expect React ${expected}, but React ${version} is loaded`);
}

// CI fails when no hook test ran on React 18 (a project silently left out): each test says which React it ran on.
beforeEach(({ task }) => {
  task.meta.reactVersion = version;
});

// Testing Library only cleans up by itself when vitest globals are on; they are not.
afterEach(() => {
  cleanup();
});
