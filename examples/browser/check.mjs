// Run with `npm ci --prefix examples/browser` once, then, against a running example server,
// `node examples/browser/check.mjs http://127.0.0.1:3000 [screenshot-dir]`.
//
// Follows errors' `type` links as a client would, in a real browser: asks the server for a
// few errors (one of its own, and rejections answered by its middleware: an unknown route,
// invalid JSON, a body failing validation), resolves each body's `type` against the request's
// URL (RFC 9457 allows relative ones), opens it in Debian's headless chromium, and checks
// that the page rendered, that the fragment names an element that is the `:target`, shown
// and scrolled into view, with the code in it, and that the page fetched nothing else. Then,
// at a phone's size, that the page does not scroll sideways and its text is not tiny. It
// saves screenshots (desktop and phone) and exits non-zero naming every failed check.
//
// playwright-core only drives the browser; it downloads none. CHROMIUM names another binary.

import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const base = process.argv[2] ?? process.env.BASE_URL;
if (!base) {
    console.error("usage: node check.mjs BASE_URL [SCREENSHOT_DIR]  (or BASE_URL=... SCREENSHOT_DIR=...)");
    process.exit(2);
}
const shots = process.argv[3] ?? process.env.SCREENSHOT_DIR ?? join(tmpdir(), "errcat-browser");
const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const owner = { authorization: "Bearer owner-token" };
const json = { ...owner, "content-type": "application/json" };

/** Errors to follow: what to send, and the status and code the server must answer. */
const ERRORS = [
    { name: "a bundle that does not exist", method: "GET", path: "/api/v1/bundles/nope", headers: owner, status: 404, code: "BUNDLE_NOT_FOUND" },
    { name: "an unknown route", method: "GET", path: "/api/v1/nowhere", headers: owner, status: 404, code: "ROUTE_NOT_FOUND" },
    { name: "invalid JSON", method: "POST", path: "/api/v1/bundles", headers: json, body: '{"name":', status: 400, code: "INVALID_JSON" },
    {
        name: "two invalid fields",
        method: "POST",
        path: "/api/v1/members",
        headers: json,
        body: JSON.stringify({ email: "not-an-email", role: "member", note: "x".repeat(81) }),
        status: 400,
        code: "VALIDATION_FAILED",
    },
];
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 812 };

const failures = [];
const fail = (message) => {
    failures.push(message);
    console.log(`FAIL ${message}`);
};

/** The error's response, and its `type` resolved against the request's URL. */
async function askFor(error) {
    const url = new URL(error.path, base);
    const response = await fetch(url, { method: error.method, headers: error.headers, body: error.body });
    const text = await response.text();
    const what = `${error.method} ${error.path} (${error.name})`;
    if (response.status !== error.status) {
        return fail(`${what}: status ${response.status}, expected ${error.status}: ${text}`);
    }
    let body;
    try {
        body = JSON.parse(text);
    } catch {
        return fail(`${what}: the body is not JSON: ${text}`);
    }
    if (body.code !== error.code) {
        return fail(`${what}: code ${body.code}, expected ${error.code}`);
    }
    if (typeof body.type !== "string" || body.type === "about:blank") {
        return fail(`${what}: type is ${JSON.stringify(body.type)}, not a link to the docs (#[api_error(docs = "...")])`);
    }
    return { what, code: body.code, type: body.type, link: new URL(body.type, url) };
}

/**
 * Opens `link` in `page` and checks that it lands on the code's section. Returns what the
 * page measured, for the summary.
 */
async function follow(page, { what, code, type, link }, label) {
    const response = await page.goto(link.href, { waitUntil: "load" });
    const contentType = response?.headers()["content-type"] ?? "";
    if (!response?.ok() || !contentType.startsWith("text/html")) {
        return fail(`${label} ${type}: ${response?.status()} ${contentType}, expected a 200 HTML page`);
    }
    const id = decodeURIComponent(link.hash.slice(1));
    // Navigation scrolls to the fragment once the page has loaded; wait for it to settle.
    await page.waitForFunction((id) => document.getElementById(id)?.matches(":target"), id, { timeout: 5000 }).catch(() => {});
    const seen = await page.evaluate((id) => {
        const element = document.getElementById(id);
        if (!element) return { title: document.title, found: false };
        const box = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        return {
            title: document.title,
            heading: document.querySelector("h1")?.textContent ?? "",
            found: true,
            target: element.matches(":target"),
            visible: box.width > 0 && box.height > 0 && style.visibility !== "hidden" && style.display !== "none",
            top: Math.round(box.top),
            height: innerHeight,
            highlighted: style.backgroundColor !== getComputedStyle(document.body).backgroundColor,
            text: element.textContent ?? "",
        };
    }, id);
    const at = `${label} ${what} -> ${type}`;
    if (!seen.title || seen.title !== seen.heading) {
        return fail(`${at}: the page's title ${JSON.stringify(seen.title)} is not its heading ${JSON.stringify(seen.heading)}`);
    }
    if (!seen.found) return fail(`${at}: no element has the id ${JSON.stringify(id)}`);
    if (!seen.target) return fail(`${at}: #${id} is not the :target`);
    if (!seen.visible) return fail(`${at}: #${id} is not visible`);
    if (seen.top < 0 || seen.top >= seen.height) {
        return fail(`${at}: #${id} is not scrolled into view (its top at ${seen.top}px, the viewport ${seen.height}px high)`);
    }
    if (!seen.highlighted) return fail(`${at}: #${id} is not highlighted as the target`);
    if (!seen.text.includes(code)) return fail(`${at}: #${id} does not mention ${code}`);
    console.log(`ok   ${at}: section #${id} shown, its top at ${seen.top}px of ${seen.height}px`);
    return seen;
}

/** At a phone's size: nothing wider than the screen, and no text smaller than 12px. */
async function checkPhoneLayout(page) {
    const layout = await page.evaluate(() => {
        const tiny = [...document.querySelectorAll("body *")]
            .filter((element) => element.childElementCount === 0 && element.textContent.trim())
            .filter((element) => parseFloat(getComputedStyle(element).fontSize) < 12)
            .map((element) => element.tagName.toLowerCase());
        return { scrollWidth: document.documentElement.scrollWidth, innerWidth, tiny: [...new Set(tiny)] };
    });
    if (layout.scrollWidth > layout.innerWidth) {
        return fail(`phone: the page scrolls sideways (${layout.scrollWidth}px wide in a ${layout.innerWidth}px viewport)`);
    }
    if (layout.tiny.length) return fail(`phone: text under 12px in ${layout.tiny.join(", ")}`);
    console.log(`ok   phone ${PHONE.width}x${PHONE.height}: no sideways scrolling (${layout.scrollWidth}px of ${layout.innerWidth}px), no text under 12px`);
}

/** A new page that fails the check on any request beyond the docs page itself. */
async function isolatedPage(browser, options) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    page.setDefaultTimeout(15000);
    page.on("request", (request) => {
        const url = new URL(request.url());
        if (url.origin !== new URL(base).origin || !url.pathname.startsWith("/docs/")) {
            fail(`the page fetched ${request.url()}: it must need nothing but itself`);
        }
    });
    page.on("pageerror", (error) => fail(`the page threw: ${error.message}`));
    return page;
}

const links = [];
for (const error of ERRORS) {
    const link = await askFor(error);
    if (link) links.push(link);
}

mkdirSync(shots, { recursive: true });
const browser = await chromium.launch({
    executablePath,
    args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ],
});
const saved = [];
try {
    const desktop = await isolatedPage(browser, { viewport: DESKTOP });
    for (const link of links) {
        // Each from a blank page, so every `goto` is a fresh load and not a same-page scroll.
        await desktop.goto("about:blank");
        await follow(desktop, link, "desktop");
    }
    if (links.length) {
        const path = join(shots, "desktop.png");
        await desktop.screenshot({ path });
        saved.push(path);
    }

    const phone = await isolatedPage(browser, { viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const last = links.at(-1);
    if (last) {
        await follow(phone, last, "phone");
        await checkPhoneLayout(phone);
        const path = join(shots, "phone.png");
        await phone.screenshot({ path });
        saved.push(path);
        await phone.evaluate(() => scrollTo(0, 0));
        const top = join(shots, "phone-top.png");
        await phone.screenshot({ path: top });
        saved.push(top);
    }
} finally {
    await browser.close();
}

if (saved.length) console.log(`screenshots: ${saved.join(" ")}`);
if (links.length < ERRORS.length && !failures.length) fail("not every error could be followed");
if (failures.length) {
    console.log(`browser check FAILED: ${failures.length} problem(s)`);
    process.exit(1);
}
console.log(`browser check passed: ${links.length} error types followed to their sections, phone layout checked`);
