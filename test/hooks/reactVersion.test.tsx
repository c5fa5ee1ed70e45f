import { render } from '@testing-library/react';
import { version } from 'react';
import { version as domVersion } from 'react-dom';
import { describe, expect, it } from 'vitest';

function ShowVersion() {
  return <span data-testid="version">{version}</span>;
}

describe('the React under test', () => {
  it('is the React this project expects (18 in hooks-react18, 19 otherwise), for react and react-dom alike', () => {
    const major = process.env.OMNI_EXPECT_REACT || '19';
    expect(version.split('.')[0]).toBe(major);
    expect(domVersion).toBe(version);
  });

  it('is the React that Testing Library renders with (no second copy of react-dom)', () => {
    const { getByTestId } = render(<ShowVersion />);
    expect(getByTestId('version').textContent).toBe(version);
  });
});
