import { expect, Locator, Page, test } from '@playwright/test';
import { requireChromium, signInAsGuest } from './demo';

/** The common desktop widths the pages must lay out at (issue 17). */
const WIDTHS = [1280, 1440, 1920];

type DemoPage = {
  name: string;
  path: string;
  /** What shows once the page has its data. */
  ready: (page: Page) => Locator;
};

const meshTab = (service: string, why: string): DemoPage => ({
  name: `the Mesh tab of ${service} (${why})`,
  path: `/catalog/default/component/${service}/mesh`,
  ready: page => page.getByRole('table', { name: 'Workloads' }),
});

const PAGES: DemoPage[] = [
  meshTab('events-ingest', 'blocked, the README screenshot'),
  meshTab('report-builder', 'the most workloads'),
  meshTab('cart-api', 'a stale proxy'),
  meshTab('shipping', 'AWS App Mesh, discontinued'),
  meshTab('flow-collector', 'hostNetwork, cannot be meshed'),
  {
    name: 'the entity overview with the readiness card',
    path: '/catalog/default/component/catalog-api',
    ready: page => page.getByText('Mesh readiness'),
  },
  {
    name: 'the Scorecard',
    path: '/service-mesh/scorecard',
    ready: page => page.getByText(/\d+ matching/),
  },
  {
    name: 'the Tasks tab',
    path: '/service-mesh/tasks',
    ready: page => page.getByRole('tab', { name: 'Tasks', selected: true }),
  },
  {
    name: 'the Comparison tab',
    path: '/service-mesh/comparison',
    ready: page => page.getByRole('table', { name: 'Feature matrix' }),
  },
  {
    name: 'the Operations tab',
    path: '/service-mesh/operations',
    ready: page => page.getByRole('cell', { name: 'manifests' }),
  },
];

type LayoutProblems = { brokenWords: string[]; scrolling: string[] };

/**
 * Runs in the page: every table cell's words each on one line, and no
 * horizontal scroll (or clipped overflow) in cards, their tables or the page.
 * Self-contained, as page.evaluate serialises it.
 */
function findLayoutProblems(): LayoutProblems {
  const brokenWords: string[] = [];
  const scrolling: string[] = [];
  const shown = (element: Element) => element.getClientRects().length > 0;
  const describe = (element: Element) => {
    const text = ((element as HTMLElement).innerText ?? '')
      .replace(/\s+/g, ' ')
      .trim();
    const cls = Array.from(element.classList).find(c => c.startsWith('Mui'));
    // Without the dev app's counter suffix: MuiPaper-root-337 → MuiPaper-root.
    const name = cls ? `.${cls.replace(/-\d+$/, '')}` : '';
    return `<${element.tagName.toLowerCase()}${name}> "${
      text.length > 80 ? `${text.slice(0, 80)}…` : text
    }"`;
  };

  // (a) A word is a run between the breaks a browser may take on its own:
  // white space and hyphens. One spanning two line boxes was broken inside.
  for (const cell of Array.from(document.querySelectorAll('td, th'))) {
    if (!shown(cell)) continue;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    const broken: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      for (const match of Array.from(text.matchAll(/[^\s\u00ad\u200b-]+/g))) {
        const range = document.createRange();
        range.setStart(node, match.index!);
        range.setEnd(node, match.index! + match[0].length);
        const boxes = Array.from(range.getClientRects()).filter(
          box => box.width > 0 && box.height > 0,
        );
        const first = boxes[0];
        if (boxes.some(box => box.top >= first.top + first.height / 2)) {
          broken.push(match[0]);
        }
      }
    }
    if (broken.length > 0) {
      brokenWords.push(`${describe(cell)} breaks ${broken.join(', ')}`);
    }
    // The theme hides a cell's overflow: a word wider than its cell is cut.
    if (cell.scrollWidth > cell.clientWidth + 1) {
      brokenWords.push(
        `${describe(cell)} is cut: ${cell.scrollWidth} px of text in ${
          cell.clientWidth
        } px`,
      );
    }
  }

  // (b) Cards, their tables and the page's own scroll container (Backstage
  // scrolls <main>, not the document) must fit their content. The dev app
  // suffixes Material UI class names (MuiPaper-root-337): match a substring.
  const cards = Array.from(
    document.querySelectorAll(
      [
        'MuiCard-root',
        'MuiCardContent-root',
        'MuiPaper-root',
        'MuiTableContainer-root',
      ]
        .map(name => `[class*="${name}"]`)
        .join(', '),
    ),
  );
  // Code blocks keep their lines (a wrapped YAML line would read as another
  // key) and scroll: they are not layout.
  const scrollers = cards.flatMap(card =>
    Array.from(card.querySelectorAll('*')).filter(element => {
      if (element.closest('pre')) return false;
      const overflow = getComputedStyle(element).overflowX;
      return overflow === 'auto' || overflow === 'scroll';
    }),
  );
  const mains = Array.from(document.querySelectorAll('main'));
  for (const element of new Set([...mains, ...cards, ...scrollers])) {
    if (!shown(element)) continue;
    if (element.scrollWidth > element.clientWidth + 1) {
      scrolling.push(
        `${describe(element)} is ${element.scrollWidth} px wide in ${
          element.clientWidth
        } px`,
      );
    }
  }
  const root = document.scrollingElement ?? document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1) {
    scrolling.push(
      `the document is ${root.scrollWidth} px wide in ${root.clientWidth} px`,
    );
  }
  return { brokenWords, scrolling };
}

test.describe('the layout at common desktop widths', () => {
  requireChromium();

  for (const demoPage of PAGES) {
    test(`${demoPage.name}: no word broken in a table, no horizontal scroll`, async ({
      page,
    }) => {
      // Three loads of the demo app on a possibly busy machine.
      test.setTimeout(240_000);
      await signInAsGuest(page);

      const problems: string[] = [];
      for (const width of WIDTHS) {
        // Loaded at each width, as a visitor would: Backstage's Table
        // (material-table) sizes its columns once, when it mounts.
        await page.setViewportSize({ width, height: 900 });
        await page.goto(demoPage.path);
        await expect(demoPage.ready(page).first()).toBeVisible({
          timeout: 60_000,
        });
        await expect(page.getByTestId('progress')).toHaveCount(0);
        await page.evaluate(() => document.fonts.ready);
        const found = await page.evaluate(findLayoutProblems);
        problems.push(
          ...found.brokenWords.map(p => `${width} px: word broken: ${p}`),
          ...found.scrolling.map(p => `${width} px: horizontal scroll: ${p}`),
        );
      }
      expect(problems, problems.join('\n')).toEqual([]);
    });
  }
});
