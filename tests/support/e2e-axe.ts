// Accessibility and layout checks for the browser-mode e2e suite: axe-core run inside the page (its
// source evaluated over the DevTools protocol, so the page's strict CSP stays as it is), what a
// narrow window would hide (a table scrolling sideways, a button out of sight), and what the
// keyboard focus is on.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';

/** An element as the functions below see it inside the page (the Node-side types have no DOM). */
interface PageElement {
  readonly tagName: string;
  readonly id: string;
  readonly classList: ArrayLike<string>;
  readonly scrollWidth: number;
  readonly clientWidth: number;
  readonly textContent: string | null;
  readonly labels?: ArrayLike<{ readonly textContent: string | null }> | null;
  readonly dataset: Readonly<Record<string, string | undefined>>;
  getBoundingClientRect(): { readonly left: number; readonly right: number; readonly width: number };
  closest(selector: string): PageElement | null;
  getAttribute(name: string): string | null;
}

/** The page's globals these checks use; cast from globalThis inside page.evaluate only. */
interface PageWindow {
  readonly document: {
    readonly activeElement: PageElement | null;
    readonly body: PageElement;
    readonly documentElement: PageElement;
    querySelectorAll(selector: string): ArrayLike<PageElement>;
  };
  getComputedStyle(element: PageElement): {
    readonly outlineStyle: string;
    readonly backgroundColor: string;
    readonly direction: string;
    readonly unicodeBidi: string;
  };
}

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The standards the pages are held to, plus axe's best practices (heading order among them). */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** What must never be found: any serious or critical violation, and headings out of order. */
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);
const ALWAYS_BLOCKING = new Set(['heading-order', 'page-has-heading-one']);

export interface AxeFinding {
  readonly rule: string;
  readonly impact: string;
  readonly targets: readonly string[];
  readonly summary: string;
}

/** Runs axe on the whole page as it is now and returns every violation, as short plain data. */
export async function axeViolations(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(await axeSource);
  const results = (await page.evaluate((tags) => {
    const { axe, document } = globalThis as unknown as PageWindow & {
      axe: { run(context: unknown, options: unknown): Promise<unknown> };
    };
    return axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
  }, AXE_TAGS)) as AxeResults;
  return results.violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact ?? 'unknown',
    targets: violation.nodes.map((node) => node.target.join(' ')),
    summary: violation.nodes[0]?.failureSummary?.split('\n').slice(0, 2).join(' ') ?? violation.help,
  }));
}

/** The violations a view may not have: serious, critical, or a broken heading structure. */
export async function blockingAxeViolations(page: Page): Promise<AxeFinding[]> {
  const found = await axeViolations(page);
  return found.filter(({ rule, impact }) => BLOCKING_IMPACTS.has(impact) || ALWAYS_BLOCKING.has(rule));
}

/**
 * What a narrow window hides: elements that scroll sideways (a table wider than its frame, the page
 * itself) and controls that stick out of the window. Empty when everything fits.
 */
export async function clippedContent(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as PageWindow;
    const name = (el: PageElement) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${
        el.classList.length > 0 ? `.${Array.from(el.classList).join('.')}` : ''
      }`;
    const found: string[] = [];
    const width = document.documentElement.clientWidth;
    for (const el of Array.from(document.querySelectorAll('body, main, .table-wrap, .panel, .view'))) {
      if (el.scrollWidth > el.clientWidth + 1)
        found.push(`${name(el)} scrolls sideways (${el.scrollWidth} > ${el.clientWidth})`);
    }
    for (const el of Array.from(document.querySelectorAll('button, a[href], input, select, textarea'))) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || el.closest('.visually-hidden')) continue;
      if (box.left < -1 || box.right > width + 1)
        found.push(`${name(el)} "${el.textContent?.trim() ?? ''}" is outside the window`);
    }
    return found;
  });
}

/** The page's background colour as the browser resolved it, e.g. "rgb(15, 21, 28)". */
export async function pageBackground(page: Page): Promise<string> {
  return page.evaluate(() => {
    const window = globalThis as unknown as PageWindow;
    return window.getComputedStyle(window.document.body).backgroundColor;
  });
}

/** The Appearance setting as the page applied it: "light", "dark", or undefined (follow the system). */
export async function pageTheme(page: Page): Promise<string | undefined> {
  return page.evaluate(() => (globalThis as unknown as PageWindow).document.documentElement.dataset.theme);
}

/** The name of the focused element (its label, aria-label or text), and whether its focus ring shows. */
export async function focusedControl(page: Page): Promise<{ name: string; ringShown: boolean }> {
  return page.evaluate(() => {
    const window = globalThis as unknown as PageWindow;
    const el = window.document.activeElement;
    if (!el || el === window.document.body) return { name: '', ringShown: false };
    const labelled = el.labels?.[0]?.textContent;
    const name = el.getAttribute('aria-label') ?? labelled ?? el.textContent ?? '';
    return {
      name: name.replace(/\s+/g, ' ').trim(),
      ringShown: window.getComputedStyle(el).outlineStyle !== 'none',
    };
  });
}

/**
 * Values that would scramble in a right-to-left page: a catalog id, a hash or a path inside text
 * that runs right to left without being isolated (no <bdi>, no dir="ltr", no U+2068 before it).
 * Returns each one with the text around it; none when every value keeps its own order.
 */
export async function unisolatedValues(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    interface TextNode {
      readonly data: string;
      readonly parentElement: (PageElement & { readonly tagName: string }) | null;
    }
    const window = globalThis as unknown as PageWindow & {
      readonly document: { createTreeWalker(root: unknown, show: number): { nextNode(): TextNode | null } };
    };
    const VALUE = /\d+\.[\w-]+@[\w.-]+|\b[0-9a-f]{16,}\b|(?:\/[\w.@-]+){2,}/g;
    const found: string[] = [];
    const walker = window.document.createTreeWalker(window.document.body, 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent) continue;
      const style = window.getComputedStyle(parent);
      if (style.direction === 'ltr' || /isolate|plaintext/.test(style.unicodeBidi)) continue;
      for (const match of node.data.matchAll(VALUE)) {
        const before = node.data.slice(0, match.index);
        // Isolated inside the string (the translator's FSI…PDI around every argument).
        if (before.lastIndexOf('\u2068') > before.lastIndexOf('\u2069')) continue;
        // The whole text of an element that reads right to left but holds only the value: an id
        // alone in its cell keeps its order (nothing around it to reorder with).
        if (node.data.trim() === match[0]) continue;
        found.push(`${parent.tagName.toLowerCase()}: ${node.data.trim().slice(0, 80)}`);
      }
    }
    return found;
  });
}
