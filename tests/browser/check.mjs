// Checks the HTML edition in headless Chromium (Debian's, driven by playwright-core; no
// browser is downloaded) and prints one JSON object on stdout for tests/test_html_browser.py:
//   axe:        per page, the axe-core violations (rule id, impact, the nodes)
//   overflow:   per page, how far the page is wider than a phone's screen (0 is good)
//   letter:     what happened when following links on the letter page (notes, back-links,
//               register links and back), page markers in print, console errors
//   file:       whether the stylesheet applies when the page is opened from file://
// Usage: node check.mjs --base URL --dir DIR --letter PAGE --screenshot PNG PAGE...
//        node check.mjs --base URL PAGE...   (no --letter: axe and overflow only)
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--no-first-run', '--disable-sync', '--disable-quic'];

function options(argv) {
  const out = { pages: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) out[argv[i].slice(2)] = argv[++i];
    else out.pages.push(argv[i]);
  }
  return out;
}

const inView = (selector) => {
  const el = document.getElementById(selector);
  if (!el) return { found: false };
  const r = el.getBoundingClientRect();
  return { found: true, inView: r.bottom > 0 && r.top < window.innerHeight && r.top >= -1, top: Math.round(r.top) };
};

async function followHash(page, link) {
  const href = await link.getAttribute('href');
  const id = decodeURIComponent(href.slice(href.indexOf('#') + 1));
  await link.click({ timeout: 5000 });
  await page.waitForFunction((h) => decodeURIComponent(location.hash.slice(1)) === h, id, { timeout: 5000 });
  const where = await page.evaluate(inView, id);
  return { href, target: id, ...where };
}

async function main() {
  const opt = options(process.argv.slice(2));
  const browser = await chromium.launch({ executablePath: opt.chromium || '/usr/bin/chromium', headless: true, args: FLAGS });
  const result = { axe: {}, overflow: {}, letter: {}, file: {} };
  try {
    // 1. axe on every page (axe is injected, so this context lets it past the page's CSP).
    const audit = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const page = await audit.newPage();
    for (const name of opt.pages) {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(opt.base + name, { waitUntil: 'load' });
      await page.addScriptTag({ content: AXE });
      const run = await page.evaluate(() => axe.run(document, { resultTypes: ['violations'] }));
      result.axe[name] = run.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
      await page.setViewportSize({ width: 360, height: 740 });
      result.overflow[name] = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    }
    await audit.close();

    if (!opt.letter) return;
    // 2. The letter page as a reader gets it: CSP in force, links followed by clicking.
    const context = await browser.newContext({ viewport: { width: 1200, height: 1400 } });
    const reader = await context.newPage();
    const errors = [];
    reader.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    reader.on('pageerror', (e) => errors.push(String(e)));
    const letterUrl = opt.base + opt.letter;
    await reader.goto(letterUrl, { waitUntil: 'load' });
    const L = result.letter;
    L.styled = await reader.evaluate(() => getComputedStyle(document.querySelector('.site-header')).backgroundColor);
    if (opt.screenshot) await reader.screenshot({ path: opt.screenshot });
    L.notes = [];
    for (const ref of await reader.locator('a[role="doc-noteref"]').all()) {
      const there = await followHash(reader, ref);
      const back = await followHash(reader, reader.locator(`[id="${there.target}"] a[role="doc-backlink"]`).first());
      L.notes.push({ there, back });
    }
    L.pageMarkers = await reader.evaluate(() => [...document.querySelectorAll('.pb')].map((e) => ({ id: e.id, text: e.textContent })));
    await reader.emulateMedia({ media: 'print' });
    L.hiddenInPrint = await reader.evaluate(() => Object.fromEntries(['.pb', '.site-nav', '.skip-link'].map(
      (s) => [s, [...document.querySelectorAll(s)].every((e) => getComputedStyle(e).display === 'none')])));
    await reader.emulateMedia({ media: 'screen' });
    // a name in the text, to its register entry, and from there back to the paragraph
    const name = reader.locator('#editio\\:text a.name').first();
    const nameHref = await name.getAttribute('href');
    await name.click({ timeout: 5000 });
    await reader.waitForURL((u) => u.href.endsWith(nameHref), { timeout: 5000 });
    const entryId = decodeURIComponent(nameHref.split('#')[1]);
    L.register = { href: nameHref, ...(await reader.evaluate(inView, entryId)) };
    const backLink = reader.locator(`[id="${entryId}"] .occurrences a[href^="${opt.letter}#"]`).last();
    const backHref = await backLink.getAttribute('href');
    await backLink.click({ timeout: 5000 });
    await reader.waitForURL((u) => u.href.endsWith(backHref), { timeout: 5000 });
    L.registerBack = { href: backHref, ...(await reader.evaluate(inView, decodeURIComponent(backHref.split('#')[1]))) };
    L.consoleErrors = errors;
    await context.close();

    // 3. The same page from file://: the stylesheet must apply under the page's CSP.
    if (opt.dir) {
      const local = await browser.newContext();
      const p = await local.newPage();
      await p.goto(pathToFileURL(path.join(opt.dir, opt.letter)).href, { waitUntil: 'load' });
      result.file.styled = await p.evaluate(() => getComputedStyle(document.querySelector('.site-header')).backgroundColor);
      await local.close();
    }
  } finally {
    await browser.close();
    process.stdout.write(JSON.stringify(result) + '\n');
  }
}

main().catch((e) => { process.stderr.write(String(e && e.stack || e) + '\n'); process.exit(2); });
