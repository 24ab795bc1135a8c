"""Entity pages in a real browser: reached from a document's entity chip, a facet value and a name suggestion.

Chromium is launched as tests/test_browser.py launches it (its fixtures are used here)."""

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")

from test_browser import SEED_001, base_url, browser, page  # noqa: E402,F401  (fixtures)

SCREENSHOT = Path(__file__).resolve().parents[1] / "test-output" / "entity-desktop.png"


def test_entity_chip_opens_the_entity_page(page):
    page.goto(f"/doc/{SEED_001}")
    page.locator('.entity-list a.chip.kind-place', has_text="Kyiv").first.click()
    page.wait_for_url(re.compile(r"/entity/place/ua:UA80000000000093317$"))
    assert page.locator(".entity-head h1").inner_text().startswith("Kyiv")
    spellings = page.locator('[aria-labelledby="h-spellings"] tbody th').all_inner_texts()
    assert spellings[:2] == ["Kyiv", "Kiev"]
    assert page.locator('svg.map a.oblast.active[data-region="UA-30"]').count() == 1
    assert page.locator(".entity-company a.chip", has_text="Vitali Klitschko").count() == 1
    assert page.locator('[aria-labelledby="h-documents"] li.hit').count() >= 5
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    page.locator(".entity-company a.chip", has_text="Vitali Klitschko").click()  # named together: its own page
    page.wait_for_url(re.compile(r"/entity/person/person:vitali-klitschko$"))
    assert page.locator(".entity-head h1").inner_text().startswith("Vitali Klitschko")


def test_facet_values_and_suggestions_link_to_entity_pages(page):
    page.goto("/?q=Lisichansk")
    page.locator('.facet[data-facet="region"] a.entity-link[href="/entity/region/UA-09"]').click()
    page.wait_for_url(re.compile(r"/entity/region/UA-09$"))
    assert page.locator(".entity-head h1").inner_text().startswith("Luhansk Oblast")
    page.fill("#q", "Kharko")
    suggestion = page.locator("#q-suggestions li", has_text="Kharkiv").first
    suggestion.locator(".entity-link").click()
    page.wait_for_url(re.compile(r"/entity/place/ua:UA63120270010096107$"))
    assert page.locator(".entity-head h1").inner_text().startswith("Kharkiv")
