"""The UI in a real browser: Debian's Chromium driven by Playwright, against waitress.

Never downloads a browser: it launches /usr/bin/chromium (`apt-get install chromium`)
and is skipped when that is missing. Every page's console errors and uncaught
exceptions fail the test that opened it. Screenshots go to test-output/screenshots/ (the entity
page's to test-output/entity-desktop.png).
"""

import csv
import re
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
expect = sync_api.expect

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parents[1] / "test-output" / "screenshots"
SEED_001 = "001_7e40db191626a058.txt"
ENTITY_SCREENSHOT = SCREENSHOTS.parent / "entity-desktop.png"


@contextmanager
def serving(index_dir: Path):
    """The app for index_dir under waitress on a free port: its base URL."""
    from waitress import create_server

    from frontline.web.app import create_app

    app = create_app(index_dir)
    app.extensions["frontline"].warm_up()
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.close()


@pytest.fixture(scope="session")
def base_url(web_index):
    """The app under waitress on a free port, for the whole session."""
    with serving(web_index) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: install Debian's Chromium (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def open_page(browser, base_url, **context_options):
    """A fresh page whose console errors and uncaught exceptions are collected in page.problems."""
    context = browser.new_context(base_url=base_url, accept_downloads=True, **context_options)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.problems = []
    page.on("console", lambda message: message.type == "error" and page.problems.append(message.text))
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    page.on("dialog", lambda dialog: page.problems.append(f"dialog opened: {dialog.message}") or dialog.dismiss())
    return page


@pytest.fixture
def page(browser, base_url):
    page = open_page(browser, base_url, viewport={"width": 1280, "height": 900})
    yield page
    problems = page.problems
    page.context.close()
    assert not problems, f"browser console errors: {problems}"


def screenshot(page, name: str, full_page: bool = True) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


def total(page) -> int:
    text = page.locator(".summary .count").inner_text()
    return 0 if text.startswith("No documents") else int(re.search(r"[\d,]+", text).group().replace(",", ""))


def params(page) -> dict:
    return parse_qs(urlparse(page.url).query)


def search(page, text: str) -> None:
    page.goto("/")
    page.fill("#q", text)
    with page.expect_navigation():
        page.press("#q", "Enter")


def test_search_highlights_the_spelling_in_the_text_and_says_why(page):
    search(page, "Lisichansk")
    hit = page.locator("li.hit", has=page.locator(f'a[href^="/doc/{SEED_001}"]'))
    assert hit.count() == 1
    assert set(hit.locator("mark").all_inner_texts()) & {"Lisichansk", "Lysichansk"}
    assert "→ Lysychansk" in hit.locator(".matched").inner_text()
    screenshot(page, "search-lisichansk")


def test_cyrillic_query(page):
    search(page, "Лисичанськ")
    assert page.locator(f'li.hit a[href^="/doc/{SEED_001}"]').count() == 1
    screenshot(page, "search-cyrillic")


def test_facet_click_adds_a_chip_and_clicking_again_removes_it(page):
    search(page, "Kyiv")
    before = total(page)
    page.locator('.facet[data-facet="region"] summary').click()  # Luhansk is among the "more" values
    page.locator('.facet[data-facet="region"] a[data-value="UA-09"]').click()
    page.wait_for_url(re.compile(r"region=UA-09"))
    chip = page.locator('.active-filters a[data-filter="region=UA-09"]')
    assert "Luhansk Oblast" in chip.inner_text()
    assert total(page) < before
    screenshot(page, "facet-region")
    page.locator('.facet[data-facet="region"] a.active[data-value="UA-09"]').click()
    page.wait_for_url(lambda url: "region=" not in url)
    assert total(page) == before and chip.count() == 0
    page.go_back()  # the URL is the state: back restores the filter
    assert page.locator('.active-filters a[data-filter="region=UA-09"]').count() == 1


def test_typeahead_suggests_names_in_any_spelling(page):
    page.goto("/")
    page.locator("#q").press_sequentially("Kharko", delay=30)
    option = page.locator("#q-suggestions li").first
    option.wait_for()
    assert "Kharkiv" in option.inner_text() and "Kharkiv Oblast" in page.locator("#q-suggestions").inner_text()
    assert page.get_attribute("#q", "aria-expanded") == "true"
    screenshot(page, "typeahead-kharko")
    page.keyboard.press("ArrowDown")
    assert page.get_attribute("#q", "aria-activedescendant") == "q-option-0"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert params(page)["q"] == ["Kharkiv"] and total(page) > 0

    page.fill("#q", "")
    page.locator("#q").press_sequentially("Zelenskiy", delay=30)
    page.locator("#q-suggestions li", has_text="Volodymyr Zelenskyy").wait_for()
    page.keyboard.press("Escape")
    assert page.locator("#q-suggestions").is_hidden()


def test_map_click_filters_by_oblast(page):
    page.goto("/")
    page.locator('svg.map a[data-region="UA-09"]').click()
    page.wait_for_url(re.compile(r"region=UA-09"))
    assert params(page)["region"] == ["UA-09"]
    assert page.locator('.active-filters a[data-filter="region=UA-09"]').count() == 1
    assert "active" in page.get_attribute('svg.map a[data-region="UA-09"]', "class")
    screenshot(page, "map-luhansk")


def test_histogram_click_and_drag_select_months(page):
    page.goto("/")
    page.locator('svg.months a[data-month="2022-05"]').click()
    page.wait_for_url(re.compile(r"date=2022-05"))
    assert total(page) == 1
    page.goto("/")
    start = page.locator('svg.months a[data-month="2022-03"] .hit-area').bounding_box()
    end = page.locator('svg.months a[data-month="2022-07"] .hit-area').bounding_box()
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(end["x"] + end["width"] / 2, end["y"] + end["height"] / 2, steps=8)
    with page.expect_navigation():
        page.mouse.up()
    assert params(page)["from"] == ["2022-03"] and params(page)["to"] == ["2022-07"]
    assert total(page) == 4
    screenshot(page, "histogram-range")


def test_pagination(page):
    page.goto("/?limit=2")
    first = page.locator("li.hit h2").all_inner_texts()
    page.locator(".pagination a[rel=next]").click()
    page.wait_for_url(re.compile(r"offset=2"))
    assert page.get_attribute("ol.hits", "start") == "3"
    assert page.locator(".pagination [aria-current=page]").inner_text() == "2"
    assert not set(first) & set(page.locator("li.hit h2").all_inner_texts())
    screenshot(page, "page-2")


def test_export_csv_downloads_every_matching_document(page, tmp_path):
    search(page, "Kyiv")
    expected = total(page)
    with page.expect_download() as download:
        page.locator(".export a", has_text="CSV").click()
    path = tmp_path / "export.csv"
    download.value.save_as(path)
    assert download.value.suggested_filename == "frontline-kyiv.csv"
    rows = list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == expected > 1
    assert {"id", "title", "date", "source", "url", "score"} <= set(rows[0])


def test_document_page_and_entity_link(page):
    search(page, "Lisichansk")
    page.locator(f'li.hit a[href^="/doc/{SEED_001}"]').click()
    page.wait_for_url(re.compile(r"/doc/"))
    assert page.locator("article h1").inner_text().startswith("Russian missiles aim at Kyiv")
    assert page.locator(".text a.ent").count() > 10
    assert page.locator(".similar li").count() >= 3
    screenshot(page, "document")
    page.locator(".text a.ent", has_text="Vitali Klitschko").first.click()
    page.wait_for_url(re.compile(r"person=person%3Avitali-klitschko|person=person:vitali-klitschko"))
    assert total(page) >= 1


def test_script_in_a_document_stays_text(page):
    search(page, "alert")
    assert "<script>alert(1)</script>" in page.locator("li.hit h2").first.inner_text()
    page.goto("/doc/extra-script")
    assert "<script>alert(1)</script>" in page.locator(".text").inner_text()


def test_facet_filter_box_narrows_long_lists(page):
    page.goto("/")
    places = page.locator('.facet[data-facet="place"]')
    places.locator(".facet-filter").fill("odes")
    expect(places.locator("a.facet-value", has_text="Kyiv").first).to_be_hidden()
    expect(places.locator("a.facet-value:visible")).to_contain_text(["Odesa"])


def test_facet_filter_box_takes_any_spelling(page):
    page.goto("/")
    places = page.locator('.facet[data-facet="place"]')
    for typed in ("Kiev", "Київ"):
        places.locator(".facet-filter").fill(typed)
        expect(places.locator("a.facet-value:visible").first).to_contain_text("Kyiv")
    places.locator(".facet-filter").fill("Sievier")
    expect(places.locator("a.facet-value:visible")).to_contain_text(["Siverskodonetsk"])


def test_works_without_javascript(browser, base_url):
    page = open_page(browser, base_url, java_script_enabled=False, viewport={"width": 1280, "height": 900})
    try:
        page.goto("/")
        page.fill("#q", "Lisichansk")
        with page.expect_navigation():
            page.locator("button.primary").click()
        assert page.locator(f'li.hit a[href^="/doc/{SEED_001}"]').count() == 1
        page.locator('.facet[data-facet="region"] a[data-value="UA-09"]').click()
        page.wait_for_url(re.compile(r"region=UA-09"))
        page.locator('svg.map a[data-region="UA-09"]').click()  # the map is links: works too
        page.wait_for_url(lambda url: "region=" not in url)
        page.locator(f'li.hit a[href^="/doc/{SEED_001}"]').click()
        page.wait_for_url(re.compile(r"/doc/"))
        assert page.locator(".text a.ent").count() > 10
        screenshot(page, "no-javascript-document")
        assert not page.problems
    finally:
        page.context.close()


# -- layout at every width, the filters drawer, keyboard, a document's matches --------------

#: A document printing Kyiv, Kiev and Київ, with a long address, a long id and a long word.
LAYOUT_CORPUS = Path(__file__).resolve().parent / "layout_corpus"
SPELLINGS = "spellings-" + "x" * 60
PHONE = {"is_mobile": True, "has_touch": True}
WIDTHS = [1280, 768, 600, 390, 360]


@pytest.fixture(scope="module")
def layout_url(tmp_path_factory):
    """corpus/, tests/web_corpus/ and tests/layout_corpus/ indexed and served, for this section."""
    from conftest import CORPUS, WEB_CORPUS
    from frontline.index.indexer import index_paths

    index_dir = tmp_path_factory.mktemp("layout-index")
    index_paths([CORPUS, WEB_CORPUS, LAYOUT_CORPUS], index_dir)
    with serving(index_dir) as url:
        yield url


@contextmanager
def sized_page(browser, url, width: int, height: int = 900, **options):
    """A page width pixels wide (a phone's below 500), failing on console errors."""
    page = open_page(browser, url, viewport={"width": width, "height": height}, **(PHONE if width < 500 else {}),
                     **options)
    try:
        yield page
        assert not page.problems, f"browser console errors: {page.problems}"
    finally:
        page.context.close()


def assert_no_sideways_scroll(page) -> None:
    scroll, client = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert scroll <= client, f"the page is {scroll}px wide on a {client}px screen"


def expected_status(page) -> None:
    """Forget the console's note of the page's own error status (404, 400, 503): it is what was asked for."""
    page.problems[:] = [p for p in page.problems if not p.startswith("Failed to load resource: the server responded")]


def box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


@pytest.mark.parametrize("width", WIDTHS)
def test_search_page_fits_the_screen(browser, layout_url, width):
    with sized_page(browser, layout_url, width) as page:
        page.goto("/?q=Kyiv")
        assert_no_sideways_scroll(page)
        card, results = box(page, "li.hit"), box(page, "main.results")
        client = page.evaluate("document.documentElement.clientWidth")
        assert card["height"] < 700, "a hit card with a word per line"
        if width <= 760:  # one column: the card takes the width, the filters fold into a drawer above it
            padding = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.layout')).paddingLeft)")
            assert card["width"] >= 0.9 * (client - 2 * padding)
            assert page.locator(".drawer-button").is_visible() and page.locator("aside.sidebar").is_hidden()
            assert box(page, ".drawer-button")["y"] < results["y"]
        else:  # the filters beside the results, which keep most of the width
            assert page.locator(".drawer-button").is_hidden() and page.locator("#show-filters").is_hidden()  # not a tab stop
            sidebar = box(page, "aside.sidebar")
            assert sidebar["x"] + sidebar["width"] <= results["x"]
            assert results["width"] >= 0.6 * client
            assert box(page, "svg.map")["width"] <= sidebar["width"]
        screenshot(page, f"search-{width}")


@pytest.mark.parametrize("width", WIDTHS)
def test_document_page_fits_the_screen(browser, layout_url, width):
    with sized_page(browser, layout_url, width) as page:
        page.goto(f"/doc/{SPELLINGS}?q=Kyiv")
        assert_no_sideways_scroll(page)
        article, text = box(page, "article"), box(page, ".text")
        assert text["width"] >= 0.7 * article["width"] or text["width"] >= 600
        screenshot(page, f"document-{width}")


@pytest.mark.parametrize("url", [f"/doc/no-such-{SPELLINGS}", "/?q=%22unclosed", "/?q=zzqqxx"])
def test_message_pages_fit_a_phone(browser, layout_url, url):
    with sized_page(browser, layout_url, 360) as page:
        page.goto(url)
        assert_no_sideways_scroll(page)
        expected_status(page)


def test_no_index_page_fits_a_phone(browser, tmp_path):
    with serving(tmp_path / "not-built" / ("deep" * 20) / "index") as url, sized_page(browser, url, 360) as page:
        page.goto("/")
        assert "There is nothing to search yet" in page.locator("h1").inner_text()
        assert_no_sideways_scroll(page)
        screenshot(page, "no-index-360")
        expected_status(page)


@pytest.mark.parametrize("javascript", [True, False])
def test_filters_drawer_on_a_phone(browser, layout_url, javascript):
    with sized_page(browser, layout_url, 390, java_script_enabled=javascript) as page:
        page.goto("/?q=Kyiv")
        drawer = page.locator(".drawer-button")
        assert "Filters" in drawer.inner_text() and page.locator("aside.sidebar").is_hidden()
        drawer.click()
        facets = page.locator('aside.sidebar .facet[data-facet="region"]')
        expect(facets).to_be_visible()
        expect(page.locator("aside.sidebar svg.map")).to_be_visible()
        assert box(page, "aside.sidebar")["y"] < box(page, "main.results")["y"]  # the drawer opens above the results
        assert_no_sideways_scroll(page)
        screenshot(page, f"filters-open-390{'' if javascript else '-no-javascript'}", full_page=False)
        facets.locator("a.facet-value").first.click()
        page.wait_for_url(re.compile(r"region="))
        assert "1 active" in page.locator(".drawer-button").inner_text()
        assert page.locator("aside.sidebar").is_hidden()  # folded again on the filtered page
        drawer = page.locator(".drawer-button")
        drawer.click()
        expect(page.locator('aside.sidebar .facet[data-facet="region"] a.facet-value.active')).to_have_count(1)
        drawer.click()
        expect(page.locator("aside.sidebar")).to_be_hidden()
        page.focus("#show-filters")  # a keyboard opens it too
        page.keyboard.press("Space")
        expect(page.locator("aside.sidebar")).to_be_visible()


def test_keyboard_on_the_search_page(browser, layout_url):
    with sized_page(browser, layout_url, 1280) as page:
        page.goto("/?q=Kyiv")
        links = page.locator("li.hit h2 a")
        second = links.nth(1).get_attribute("href")
        page.keyboard.press("/")
        expect(page.locator("#q")).to_be_focused()
        page.keyboard.type("/x")  # in the box, / is a character
        assert page.input_value("#q") == "/x"
        page.locator("#q").fill("Kyiv")
        page.locator(".summary .count").click()  # out of the box: keys are shortcuts again
        page.keyboard.press("j")
        expect(links.nth(0)).to_be_focused()
        expect(page.locator("li.hit").nth(0)).to_have_class(re.compile(r"\bselected\b"))
        page.keyboard.press("j")
        page.keyboard.press("j")
        page.keyboard.press("k")
        expect(links.nth(1)).to_be_focused()
        assert page.locator("li.hit.selected").count() == 1
        screenshot(page, "keyboard-selection", full_page=False)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url.endswith(second) and "q=Kyiv" in page.url
        page.keyboard.press("/")
        expect(page.locator("#q")).to_be_focused()


def current_mark(page) -> str:
    return page.locator(".text mark.current").inner_text()


def in_view(page, locator) -> bool:
    found, height = locator.bounding_box(), page.viewport_size["height"]
    return found is not None and 0 <= found["y"] and found["y"] + found["height"] <= height


def test_document_page_marks_every_spelling_and_steps_through_them(browser, layout_url):
    with sized_page(browser, layout_url, 390, height=600) as page:
        page.goto(f"/doc/{SPELLINGS}?q=Kyiv")
        marks = page.locator(".text mark")
        assert marks.all_inner_texts() == ["Kyiv", "Kiev", "Київ", "Kyiv", "Kiev", "Київ"]
        summary = page.locator(".match-summary").inner_text()
        assert "6 matches" in summary and "Kiev → Kyiv" in summary and "Київ → Kyiv" in summary
        counter = page.locator(".match-counter")
        expect(counter).to_have_text("– of 6")
        page.keyboard.press("n")
        expect(counter).to_have_text("1 of 6")
        assert current_mark(page) == "Kyiv" and page.url.endswith("#match-0")
        for _ in range(4):
            page.keyboard.press("n")
        expect(counter).to_have_text("5 of 6")
        assert current_mark(page) == "Kiev" and in_view(page, page.locator(".text mark.current"))
        expect(page.locator(".text mark.current")).to_be_focused()
        screenshot(page, "document-match-5-390", full_page=False)
        page.keyboard.press("p")
        expect(counter).to_have_text("4 of 6")
        page.locator(".match-step", has_text="Next").click()
        page.locator(".match-step", has_text="Next").click()
        expect(counter).to_have_text("6 of 6")
        assert current_mark(page) == "Київ"
        page.keyboard.press("j")  # past the last: back to the first
        expect(counter).to_have_text("1 of 6")
        page.keyboard.press("k")
        expect(counter).to_have_text("6 of 6")
        shared = page.url
        page.goto(shared.replace("#match-5", "#match-2"))  # the URL keeps the place
        page.reload()
        expect(counter).to_have_text("3 of 6")
        assert current_mark(page) == "Київ" and in_view(page, page.locator(".text mark.current"))


def test_a_hit_opens_its_document_with_the_search_marked(browser, layout_url):
    with sized_page(browser, layout_url, 1280) as page:
        page.goto("/?q=%D0%9A%D0%B8%D1%97%D0%B2&region=UA-30")  # Київ, in Kyiv (city)
        page.locator(f'li.hit a[href^="/doc/{SPELLINGS}"]').click()
        page.wait_for_url(re.compile(r"/doc/"))
        assert "region=UA-30" in page.url
        assert set(page.locator(".text mark").all_inner_texts()) == {"Kyiv", "Kiev", "Київ"}
        assert "region=UA-30" in page.locator(".crumbs a").get_attribute("href")
        screenshot(page, "document-1280-marked", full_page=False)


def test_date_range_placeholders_read_as_examples(browser, layout_url):
    with sized_page(browser, layout_url, 1280) as page:
        page.goto("/")
        box_from = page.locator('.range input[name="from"]')
        assert box_from.get_attribute("placeholder").startswith("e.g.") and box_from.input_value() == ""
        colours = box_from.evaluate("(el) => [getComputedStyle(el).color, getComputedStyle(el, '::placeholder').color]")
        assert colours[0] != colours[1]


# -- entity pages: reached from a document's entity chip, a facet value and a name suggestion ------------

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
    ENTITY_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ENTITY_SCREENSHOT), full_page=True)
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


@pytest.fixture(scope="module")
def wire_url(tmp_path_factory):
    """A wire story printed three times and two other reports, indexed and served."""
    from frontline.index.indexer import index_paths
    from test_stories import wire_copies

    folder = tmp_path_factory.mktemp("wire")
    for name, content in wire_copies().items():
        (folder / name).write_text(content, encoding="utf-8")
    index_paths([folder], folder / "index")
    with serving(folder / "index") as url:
        yield url


@pytest.mark.parametrize("width", [1280, 390])
def test_copies_of_a_story_fold_into_one_hit_that_opens_to_list_them(browser, wire_url, width):
    with sized_page(browser, wire_url, width) as page:
        page.goto("/?q=Kharkiv")
        assert page.locator("li.hit").count() == 2
        assert "4 reports, copies of a story folded" in page.locator(".summary").inner_text()
        story = page.locator("details.story")
        assert story.locator("summary").inner_text() == "2 more reports of this story"
        assert story.locator("li").first.is_hidden()
        story.locator("summary").click()
        assert story.locator("li a").count() == 2 and story.locator("li").first.is_visible()
        assert_no_sideways_scroll(page)
        screenshot(page, f"story-{width}")
        story.locator("a.story-all").click()
        page.wait_for_url("**collapse=0**")
        assert page.locator("li.hit").count() == 3
        assert page.locator("details.story").count() == 3  # each copy still says it has two more
