import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { createFakeOmni } from '../../src/testing/index.js';
import { FAKE_OMNI_ORIGIN } from '../support/fakeOrigin.js';
import { fakeOmniScenario } from '../support/fakeOmniScenario.js';
import {
  changedHeights,
  clippedHeaders,
  contrastFailures,
  horizontalOverflow,
  overlappingPairs,
  sticksOut,
  tileHeights,
} from '../support/layoutChecks.js';
import { salesDashboardMeta, salesJobIds as jobs, salesJobs } from './SalesDashboard.js';

const scenario = fakeOmniScenario(() => {
  const omni = createFakeOmni({ baseUrl: FAKE_OMNI_ORIGIN, holdMs: 400 });
  omni.addJob(
    ...salesJobs({
      // Held until the play function has measured every tile while loading, then released.
      kpis: { held: true },
      // Two waits go by without it (the first answers with the KPIs, the second times out); the third returns it.
      categories: { after: 2 },
      // Runs until the play function releases it, so the partial state is checked without a race.
      products: { held: true },
    }),
  );
  return omni;
});

const meta = { ...salesDashboardMeta, title: 'Scenarios/Dashboard' } satisfies Meta<typeof salesDashboardMeta.component>;
export default meta;

/** Page widths the layout must hold at: a phone, a tablet, a small laptop, a desktop. */
const WIDTHS = [390, 768, 980, 1280];

/**
 * Three jobs that finish at different polls. The KPI cards fill in first, then the chart; the table keeps
 * its skeleton until its job ends. No tile changes height on the way, and all tiles wait through one
 * request at a time. Then the page is made 390, 768, 980 and 1280 px wide and checked as a person would:
 * at 390 px the table turns into one card per product, with no column cut or off to the side.
 */
export const Dashboard: StoryObj<typeof meta> = {
  parameters: { ...scenario.parameters },
  beforeEach: scenario.beforeEach,
  play: async ({ canvas, canvasElement, step }) => {
    const tile = (name: string) => within(canvas.getByRole('region', { name }));
    let loadingHeights: Record<string, number> = {};

    await step('every tile starts as a skeleton with a plain status line', async () => {
      await expect(canvas.getAllByRole('status')).toHaveLength(6);
      for (const status of canvas.getAllByRole('status')) await expect(status).toHaveTextContent(/^Waiting for Omni… \d+ s$/);
      await expect(canvasElement.querySelectorAll('[data-testid="skeleton"]')).toHaveLength(6);
      loadingHeights = tileHeights(canvasElement);
      await expect(Object.keys(loadingHeights)).toHaveLength(6);
    });

    await step('the KPI job finishes first: its cards show data while the others still wait', async () => {
      scenario.fake.release(jobs.kpis);
      await expect(await tile('Revenue').findByText('$4.8M', {}, { timeout: 5000 })).toBeVisible();
      // Exact on hover, compact on the card; whole counts stay whole (Int64 from Omni, a number here).
      await expect(tile('Revenue').getByTestId('kpi-value')).toHaveAttribute('title', '$4,823,517.42');
      await expect(tile('Orders').getByTestId('kpi-value')).toHaveTextContent('81,204');
      await expect(tile('Top products').getByRole('status')).toBeVisible();
      await expect(tile('Top products').queryByRole('table')).toBeNull();
    });

    await step('the chart job finishes at its third poll; the table job still runs', async () => {
      const chart = await tile('Revenue by category').findByRole('img', { name: 'Revenue by category' }, { timeout: 5000 });
      await expect(within(chart).getAllByTestId('bar')).toHaveLength(8);
      await expect(chart).toHaveTextContent('Outerwear & Coats');
      await expect(tile('Revenue by category').getByText('8 rows · fresh')).toBeVisible();
      await expect(tile('Top products').getByRole('status')).toHaveTextContent(/^Waiting for Omni… \d+ s$/);
    });

    await step('the last job is released and the table renders', async () => {
      scenario.fake.release(jobs.products);
      const table = await tile('Top products').findByRole('table', { name: 'Top products' }, { timeout: 5000 });
      await expect(within(table).getAllByRole('row')).toHaveLength(7);
      await expect(table).toHaveTextContent('Alpine Down Parka');
      await expect(table).toHaveTextContent('$568,200.00');
      await expect(canvas.queryByRole('status')).toBeNull();
    });

    await step('no tile changed height from skeleton to data (within 1 px)', async () => {
      await expect(changedHeights(loadingHeights, tileHeights(canvasElement))).toEqual([]);
    });

    await step('the six tiles shared their wait requests: never two in flight, no job asked for twice at once', async () => {
      await expect(scenario.fake.maxInFlight).toBe(1);
      for (const request of scenario.fake.waitRequests()) {
        await expect(new Set(request.jobIds).size).toBe(request.jobIds.length);
      }
      await expect(scenario.fake.waitRequests()[0]?.jobIds).toEqual(expect.arrayContaining(Object.values(jobs)));
    });

    await step('every text reads at 4.5:1 or better', async () => {
      await expect(contrastFailures(canvasElement)).toEqual([]);
    });

    const page = canvas.getByRole('main');
    const scroller = () => tile('Top products').getByRole('region', { name: 'Top products, scrollable' });
    for (const width of WIDTHS) {
      await step(
        `at ${width} px: nothing wider than the page, no text on text in the chart, every column label whole, the table scrolls by keyboard`,
        async () => {
          page.style.width = `${width}px`;
          const chart = canvas.getByRole('img', { name: 'Revenue by category' });
          // The chart (and the table, in the same ResizeObserver callback) redraws on the observer's next callback.
          await waitFor(() =>
            expect(Number(chart.getAttribute('width'))).toBe(Math.floor(chart.parentElement!.getBoundingClientRect().width)),
          );
          await expect(horizontalOverflow(page)).toBe(0);
          const texts = [...chart.querySelectorAll('text')];
          await expect(overlappingPairs(texts)).toEqual([]);
          await expect(sticksOut(chart, texts)).toEqual([]);
          await expect(within(chart).getAllByTestId('axis-label').length).toBeGreaterThanOrEqual(2);

          // No "Ord…": every label is whole and inside the tile, and nothing hides off to the side.
          await expect(clippedHeaders(scroller())).toEqual([]);
          await expect(horizontalOverflow(scroller())).toBe(0);
          const firstProduct = within(scroller()).getAllByRole('row')[1]!;
          await expect(sticksOut(scroller(), within(firstProduct).getAllByRole('cell'))).toEqual([]);
          await expect(scroller()).toHaveAttribute('tabindex', '0');
          scroller().focus();
          await expect(scroller()).toHaveFocus();
          await expect(sticksOut(page, [scroller()])).toEqual([]);
          scroller().blur();
        },
      );
    }

    await step('at 1280 px the table shows its five columns side by side', async () => {
      page.style.width = '1280px';
      const table = tile('Top products').getByRole('table', { name: 'Top products' });
      await waitFor(() => expect(table).toHaveAttribute('data-layout', 'columns'));
      await expect(
        within(table)
          .getAllByRole('columnheader')
          .map((th) => th.textContent),
      ).toEqual(['Product', 'Brand', 'Orders', 'Revenue', 'Last order']);
      await expect(clippedHeaders(scroller())).toEqual([]);
    });

    await step(
      'at 390 px each product is a card: its name, then Brand, Orders, Revenue and Last order, all in view',
      async () => {
        page.style.width = '390px';
        const table = tile('Top products').getByRole('table', { name: 'Top products' });
        await waitFor(() => expect(table).toHaveAttribute('data-layout', 'cards'));
        const first = within(table).getAllByRole('row')[1]!;
        const labelled = [...first.querySelectorAll<HTMLElement>('td[data-label]')];
        await expect(labelled.map((cell) => cell.dataset['label'])).toEqual(['Brand', 'Orders', 'Revenue', 'Last order']);
        await expect(within(first).getByText('$568,200.00')).toBeVisible();
        await expect(within(first).getByText(/^Jul 14, 2025/)).toBeVisible();
        await expect(clippedHeaders(scroller())).toEqual([]);
        await expect(horizontalOverflow(scroller())).toBe(0);
        // The cards scroll down inside the tile, which keeps its height.
        await expect(changedHeights(loadingHeights, tileHeights(canvasElement))).toEqual([]);
        page.style.width = '';
      },
    );
  },
};
