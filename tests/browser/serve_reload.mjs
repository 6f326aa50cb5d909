// Drives a page served by `editio serve` in headless Chromium (Debian's, driven by
// playwright-core; no browser is downloaded) and prints one JSON object on stdout for
// tests/test_serve_browser.py. The page is never reloaded by this script: after each edit
// of the source it waits for the page's own reload script to do it.
//   first:   the letter as first opened (title, whether the reload script loaded and polled)
//   edited:  after --edit-from is replaced by --edit-to in --source: whether the page
//            reloaded by itself, how long it took, whether the new text is shown
//   broken:  after --break-from is replaced by --break-to: the banner's text
//   console, pageErrors, csp: everything the page said, threw, or had blocked by its policy
//   requests, failed: the paths the page asked for, and those answered with 4xx/5xx
// Usage: node serve_reload.mjs --base URL --letter PAGE --source FILE --edit-from S --edit-to S
//                              --break-from S --break-to S [--timeout MS] [--chromium PATH]
import { chromium } from 'playwright-core';
import { readFileSync, writeFileSync } from 'node:fs';

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--no-first-run', '--disable-sync', '--disable-quic'];

function options(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 2) out[argv[i].replace(/^--/, '')] = argv[i + 1];
  return out;
}

function replaceIn(file, from, to) {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${JSON.stringify(from)}`);
  writeFileSync(file, text.split(from).join(to));
}

// Marks the current document; a reload gives a new document without the mark.
const mark = (page) => page.evaluate(() => { window.__editioTestMark = true; });

// Waits until the page has been reloaded (by itself: the new document has no mark) and
// `ready(arg)` holds in the new document. `ready` runs in the page and checks the mark too.
async function waitForOwnReload(page, ready, arg, timeout) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      if (await page.evaluate(ready, arg)) return true;
    } catch (e) { /* the page is navigating: ask again */ }
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function main() {
  const opt = options(process.argv.slice(2));
  const timeout = Number(opt.timeout || 8000);
  const browser = await chromium.launch({ executablePath: opt.chromium || '/usr/bin/chromium', headless: true, args: FLAGS });
  const result = { console: [], pageErrors: [], csp: [], requests: [], failed: [], loads: 0 };
  try {
    const context = await browser.newContext();  // the page's own policy in force (no bypassCSP)
    const page = await context.newPage();
    page.on('console', (m) => result.console.push({ type: m.type(), text: m.text(), url: m.location().url }));
    page.on('pageerror', (e) => result.pageErrors.push(String(e)));
    // a navigation of the page (counted when the new document is committed, before it can be read)
    page.on('framenavigated', (f) => { if (f === page.mainFrame()) result.loads += 1; });
    page.on('request', (r) => result.requests.push(new URL(r.url()).pathname));
    page.on('response', (r) => { if (r.status() >= 400) result.failed.push({ path: new URL(r.url()).pathname, status: r.status() }); });
    // violations are reported through a binding, which survives the page's reloads
    await page.exposeFunction('__editioTestCsp', (v) => result.csp.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => window.__editioTestCsp(
        { directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber, sample: e.sample }));
    });
    // the reload script has polled once when it has shown (or not) the banner: wait for that poll
    const polled = page.waitForResponse((r) => new URL(r.url()).pathname === '/_editio/version', { timeout });
    const response = await page.goto(opt.base + opt.letter, { waitUntil: 'load', timeout });
    result.first = { polled: await polled.then((r) => r.status(), () => null) };
    Object.assign(result.first, await page.evaluate(() => ({
      title: document.title,
      text: document.body.innerText,
      scripts: [...document.scripts].map((s) => s.getAttribute('src')),
      reloadScriptLoaded: performance.getEntriesByType('resource').some((e) => new URL(e.name).pathname === '/_editio/reload.js'),
      banner: !!document.getElementById('editio-serve-banner'),
    })));
    result.first.policy = response.headers()['content-security-policy'] || null;

    if (result.first.polled === null) {  // the reload script never asked: nothing would reload
      result.edited = result.broken = null;
      return;
    }

    // 1. A word of a paragraph changed: the page reloads itself and shows it.
    await mark(page);
    let loads = result.loads;
    let started = Date.now();
    replaceIn(opt.source, opt['edit-from'], opt['edit-to']);
    const edited = await waitForOwnReload(page,
      (word) => !window.__editioTestMark && document.body.innerText.includes(word), opt['edit-to'], timeout);
    if (edited) await page.waitForLoadState('load', { timeout });
    result.edited = {
      reloaded: edited, ms: Date.now() - started, loads: result.loads - loads,
      shown: edited && await page.evaluate((w) => document.body.innerText.includes(w), opt['edit-to']),
      oldGone: edited && !(await page.evaluate((w) => document.body.innerText.includes(w), opt['edit-from'])),
    };

    // 2. The letter broken: the page reloads itself and shows the problems as a banner.
    await mark(page);
    loads = result.loads;
    started = Date.now();
    replaceIn(opt.source, opt['break-from'], opt['break-to']);
    const broken = await waitForOwnReload(page,
      () => !window.__editioTestMark && !!document.getElementById('editio-serve-banner'), null, timeout);
    result.broken = {
      reloaded: broken, ms: Date.now() - started, loads: result.loads - loads,
      banner: broken ? await page.evaluate(() => {
        const b = document.getElementById('editio-serve-banner');
        return { text: b.innerText, role: b.getAttribute('role'), items: [...b.querySelectorAll('li')].map((li) => li.textContent) };
      }) : null,
    };
  } finally {
    await browser.close();
    process.stdout.write(JSON.stringify(result) + '\n');
  }
}

main().catch((e) => { process.stderr.write(String(e && e.stack || e) + '\n'); process.exit(2); });
