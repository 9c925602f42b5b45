"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser).

Skipped — loudly, by ``make test`` — when /usr/bin/chromium is missing.
"""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
    "--lang=nl-NL",  # date inputs as a Dutch browser shows them (dd-mm-jjjj)
]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        pytest.skip(f"Chromium not found at {CHROMIUM}: browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        locale="nl-NL",
        viewport={"width": 1280, "height": 900},
        accept_downloads=True,
    )
    context.set_default_timeout(15_000)
    pg = context.new_page()
    yield pg
    context.close()


def login(page, username: str, password: str = "geheim-wachtwoord-123") -> None:
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state("networkidle")


def screenshot(page, name: str) -> str:
    """Save a screenshot under test-artifacts/ (for looking at, not for asserting)."""
    os.makedirs("test-artifacts", exist_ok=True)
    path = os.path.join("test-artifacts", f"{name}.png")
    page.screenshot(path=path, full_page=True)
    return path


# --- accessibility: axe-core (npm) and reflow ---------------------------------------

from pathlib import Path  # noqa: E402

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
"""axe-core from the npm registry (package.json / package-lock.json; ``make install``
and ``.ci/run`` run ``npm ci``)."""

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
"""The axe rule tags of WCAG 2.1 level A and AA."""

ERNSTIG = ("critical", "serious")
"""Violations of these impacts fail a test."""


@pytest.fixture(scope="session")
def axe_bron():
    if not AXE_JS.exists():
        pytest.skip(f"axe-core not installed ({AXE_JS}): run `make install` (needs npm)")
    return AXE_JS.read_text(encoding="utf-8")


def axe_overtredingen(page, axe_bron: str) -> list[dict]:
    """Run axe-core with the WCAG 2.1 A and AA rules on the current page and return
    the critical and serious violations. Injected through the DevTools protocol
    (page.evaluate), so the page's Content-Security-Policy stays as it is."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_bron + "\n;true")
    resultaat = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {
                runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " :: "
                    + (n.failureSummary || "").replace(/\\s+/g, " ").slice(0, 200))}));
        }""",
        WCAG_21_AA,
    )
    return [v for v in resultaat if v["impact"] in ERNSTIG]


def assert_toegankelijk(page, axe_bron: str, wat: str = "") -> None:
    fouten = axe_overtredingen(page, axe_bron)
    assert not fouten, f"axe (WCAG 2.1 AA) op {wat or page.url}:\n" + "\n".join(
        f"- {v['impact']} {v['id']}: {v['help']}\n    " + "\n    ".join(v["nodes"]) for v in fouten
    )


def horizontaal_scrollen(page) -> int:
    """How many CSS pixels the page is wider than the window (0: no horizontal scroll)."""
    return page.evaluate(
        "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - document.documentElement.clientWidth"
    )


def assert_reflow(page, wat: str = "") -> None:
    """WCAG 1.4.10: at 320 CSS px wide (= 400 % zoom of a 1280 px window) the page
    needs no horizontal scrolling. Restores the desktop viewport afterwards."""
    oud = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 800})
    try:
        # Let charts and other resize observers redraw, as they do for a user who zooms.
        page.wait_for_timeout(300)
        teveel = horizontaal_scrollen(page)
        if teveel > 0:
            breed = page.evaluate(
                """() => [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right
                                 > document.documentElement.clientWidth + 1)
                    .slice(0, 8).map(e => e.tagName.toLowerCase()
                        + (e.id ? '#' + e.id : '')
                        + (e.className && typeof e.className === 'string'
                           ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
                        + ' ' + Math.round(e.getBoundingClientRect().right))"""
            )
            raise AssertionError(
                f"horizontaal scrollen op 320 px ({teveel} px te breed) op {wat or page.url}: "
                f"{breed}"
            )
    finally:
        page.set_viewport_size(oud)
