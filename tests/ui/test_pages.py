"""The drafter's web pages in a real browser (chromium) against a real server with the real laws."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from tests.ui.conftest import shoot

pytestmark = [pytest.mark.shared_data, pytest.mark.slow]
WETTEN = "https://wetten.overheid.nl/"
DRAFT = "orgaan van een publiekrechtelijke rechtspersoon of een persoon met openbaar gezag"


def search_from_start(tab: Any, text: str) -> None:
    tab.goto("/")
    tab.get_by_label("Zoek een begrip of definitie").fill(text)
    tab.keyboard.press("Enter")
    tab.wait_for_url(re.compile(r"/zoeken\?"))


def results(tab: Any) -> Any:
    return tab.locator("ol.resultaten > li")


def test_inflected_query_finds_the_term_with_its_law_and_a_working_source_link(tab: Any) -> None:
    search_from_start(tab, "ligplaatsen")
    first = results(tab).first
    assert first.locator("h2").inner_text().strip().startswith("ligplaats")
    assert first.locator("h2 mark").count() >= 1
    link = first.locator("a.bronlink")
    assert "Wet basisregistraties adressen en gebouwen" in link.inner_text()
    assert "BWBR0023466" in first.inner_text()
    href = link.get_attribute("href")
    assert href is not None and href.startswith(WETTEN + "jci1.3:c:BWBR0023466&artikel=1")
    shoot(tab, "zoeken-ligplaatsen")
    # the link really navigates there (wetten.overheid.nl answered locally: no network in tests)
    tab.route(WETTEN + "**", lambda route: route.fulfill(
        status=200, content_type="text/html", body='<html lang="nl"><title>wetten.overheid.nl</title></html>'))
    link.click()
    tab.wait_for_url(WETTEN + "**")
    assert tab.url.startswith(WETTEN + "jci1.3:c:BWBR0023466&artikel=1")
    assert tab.errors == []


def test_onze_minister_lists_several_laws_and_warns_about_several_meanings(tab: Any) -> None:
    search_from_start(tab, "Onze Minister")
    items = results(tab)
    laws = {re.search(r"BWBR\d{7}", items.nth(i).inner_text()).group(0)  # type: ignore[union-attr]
            for i in range(items.count()) if "Onze" in items.nth(i).locator("h2").inner_text()}
    assert len(laws) >= 5, laws
    warning = tab.locator(".waarschuwing", has_text="Let op: deze term heeft meerdere betekenissen").first
    assert warning.is_visible()
    shoot(tab, "zoeken-onze-minister")
    warning.get_by_role("link").click()
    tab.wait_for_url(re.compile(r"/conflicten/"))
    assert "Onze Minister" in tab.locator("h1").inner_text()
    assert tab.locator("ol.resultaten > li").count() >= 2
    shoot(tab, "conflict-onze-minister")
    assert tab.errors == []


def test_check_form_finds_the_awb_bestuursorgaan_for_a_paraphrase(tab: Any) -> None:
    tab.goto("/controleren")
    assert tab.locator("h1").inner_text() == "Bestaat deze definitie al?"
    tab.get_by_label("Term").fill("overheidsinstantie")
    tab.get_by_label("Conceptdefinitie").fill(DRAFT)
    tab.get_by_role("button", name="Controleren").click()
    tab.wait_for_selector(".uitkomst")
    assert tab.locator(".oordeel").inner_text().strip() != ""
    match = tab.locator("ol.resultaten > li", has=tab.locator("h3 a", has_text=re.compile(r"^bestuursorgaan$")))
    match = match.filter(has_text="Algemene wet bestuursrecht").first
    assert match.is_visible()
    assert "lijkende definitie" in match.inner_text()
    assert re.search(r"gelijkenis \d+%", match.inner_text())
    assert tab.get_by_label("Conceptdefinitie").input_value() == DRAFT  # the draft stays in the form
    shoot(tab, "controleren")
    match.locator("h3 a").first.click()
    tab.wait_for_url(re.compile(r"/begrip/BWBR0005537/"))
    assert tab.locator("h1").inner_text() == "bestuursorgaan"
    assert tab.errors == []


def test_detail_page_shows_the_exact_legal_text_source_and_a_date_picker(tab: Any, server: str) -> None:
    api = httpx.get(server + "/v1/definitions", params={"q": "bestuursorgaan", "source": "BWBR0005537"}).json()
    item = next(i for i in api["items"] if i["term"] == "bestuursorgaan")
    tab.goto(f"/begrip/{item['id']}")
    assert tab.locator("h1").inner_text() == "bestuursorgaan"
    assert tab.locator("blockquote.wettekst").inner_text().strip() == item["definition"].strip()
    assert "orgaan van een rechtspersoon die krachtens publiekrecht is ingesteld" in item["definition"]
    source = tab.locator("a.bronlink").first
    assert "Algemene wet bestuursrecht, artikel 1:1" in source.inner_text()
    assert source.get_attribute("href") == item["source"]["url"]
    assert item["source"]["juriconnect"] in tab.locator(".feiten").first.inner_text()
    shoot(tab, "begrip-bestuursorgaan")
    tab.get_by_label("Datum").fill("2010-06-01")
    tab.get_by_role("button", name="Toon de definitie op die datum").click()
    tab.wait_for_url(re.compile(r"op=2010-06-01"))
    assert "1 juni 2010" in tab.locator("#wettekst").inner_text()
    assert tab.errors == []


def test_keyboard_only_from_start_page_to_a_definition(tab: Any) -> None:
    tab.goto("/")
    assert tab.evaluate("document.activeElement.id") == "q"  # the search field has focus at once
    assert tab.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"  # visibly
    tab.keyboard.type("bestuursorgaan")
    tab.keyboard.press("Enter")
    tab.wait_for_url(re.compile(r"/zoeken\?q=bestuursorgaan"))
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.textContent") == "Direct naar de inhoud"
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.id") == "inhoud"
    for _ in range(30):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.closest('ol.resultaten h2') !== null"):
            break
    assert tab.evaluate("document.activeElement.getAttribute('href')").startswith("/begrip/")
    assert tab.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    tab.keyboard.press("Enter")
    tab.wait_for_url(re.compile(r"/begrip/"))
    assert tab.locator("blockquote.wettekst").is_visible()
    assert tab.errors == []


PAGES = [("start", "/"), ("zoeken-leeg", "/zoeken"), ("zoeken-filter", "/zoeken?q=adres&bron=BWBR0023466"),
         ("registraties", "/registraties"), ("begrippenkaders", "/begrippenkaders"), ("conflicten", "/conflicten"),
         ("catalogus", "/catalogus")]


@pytest.mark.parametrize(("name", "path"), PAGES, ids=[p[0] for p in PAGES])
def test_every_page_is_dutch_labelled_and_error_free(tab: Any, name: str, path: str) -> None:
    response = tab.goto(path)
    assert response.status == 200
    assert tab.locator("html").get_attribute("lang") == "nl"
    assert tab.locator("h1").count() == 1
    unlabelled = tab.evaluate("""[...document.querySelectorAll('input, select, textarea')]
        .filter(e => e.type !== 'hidden' && e.labels.length === 0).map(e => e.name)""")
    assert unlabelled == []
    assert tab.evaluate("[...document.images].filter(i => !i.alt || !i.complete || !i.naturalWidth).length") == 0
    shoot(tab, name)
    assert tab.errors == []


def test_user_input_is_shown_as_text_never_run(tab: Any) -> None:
    dialogs: list[str] = []
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    evil = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    tab.goto("/")
    tab.get_by_label("Zoek een begrip of definitie").fill(evil)
    tab.keyboard.press("Enter")
    tab.wait_for_url(re.compile(r"/zoeken\?"))
    assert evil in tab.locator("h1").inner_text()
    tab.goto("/controleren")
    tab.get_by_label("Term").fill(evil)
    tab.get_by_role("button", name="Controleren").click()
    tab.wait_for_load_state()
    assert tab.get_by_label("Term").input_value() == evil
    assert dialogs == []
    assert tab.evaluate("document.querySelectorAll('main script, main img[src=x]').length") == 0


def test_unknown_definition_gives_a_dutch_404_page(tab: Any) -> None:
    response = tab.goto("/begrip/BWBR0000000/bestaat-niet")
    assert response.status == 404
    assert tab.locator("h1").inner_text() == "Begrip niet gevonden"
    assert tab.locator("html").get_attribute("lang") == "nl"


@pytest.mark.parametrize("path", ["/zoeken?q=kind", "/begrip/BWBR0005537/bestuursorgaan", "/registraties"])
def test_pages_fit_a_phone_screen(tab: Any, path: str) -> None:
    tab.set_viewport_size({"width": 390, "height": 800})
    tab.goto(path)
    overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"
    shoot(tab, "telefoon-" + path.strip("/").replace("/", "-").replace("?", "-").replace("=", "-"))
    assert tab.errors == []


def test_filters_and_paging_keep_the_query(tab: Any, server: str) -> None:
    search_from_start(tab, "Onze Minister")
    tab.get_by_label("Begrippenkader").select_option(label="Kadasterwet")
    tab.get_by_role("button", name="Zoeken").click()
    tab.wait_for_url(re.compile(r"begrippenkader="))
    items = results(tab)
    assert items.count() >= 1
    assert all("Kadasterwet" in items.nth(i).inner_text() for i in range(items.count()))
    assert tab.get_by_label("Zoek een begrip of definitie").input_value() == "Onze Minister"
    total = httpx.get(server + "/v1/definitions", params={"q": "persoon", "limit": 1}).json()["total"]
    assert total > 20  # enough for a second page
    tab.goto("/zoeken?q=persoon")
    first_page = results(tab).first.inner_text()
    tab.get_by_role("link", name="Volgende »").click()
    tab.wait_for_url(re.compile(r"pagina=2"))
    assert tab.locator("ol.resultaten").get_attribute("start") == "21"
    assert results(tab).count() == min(20, total - 20)
    assert results(tab).first.inner_text() != first_page
    assert tab.get_by_role("link", name="« Vorige").is_visible()
    assert tab.errors == []


def test_conflict_list_filters_by_kind(tab: Any, server: str) -> None:
    total = httpx.get(server + "/v1/conflicts", params={"type": "homonym", "limit": 1}).json()["total"]
    tab.goto("/conflicten")
    tab.get_by_label("Soort").select_option("homonym")
    tab.get_by_role("button", name="Toon").click()
    tab.wait_for_url(re.compile(r"soort=homonym"))
    kinds = tab.locator("table.conflicten tbody td:nth-child(2)").all_inner_texts()
    assert kinds and set(kinds) == {"homoniem"}
    assert len(kinds) == min(20, total)
    tab.locator("table.conflicten tbody a").first.click()
    tab.wait_for_url(re.compile(r"/conflicten/"))
    assert tab.locator(".soort").first.inner_text().startswith("homoniem")
    assert tab.errors == []
