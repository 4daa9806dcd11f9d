"""The typeahead (api/static/suggest.js) in a real browser against a real server with the real laws."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from tests.ui.conftest import shoot

pytestmark = [pytest.mark.shared_data, pytest.mark.slow]
FIELD = "Zoek een begrip of definitie"


def typed(tab: Any, page: str, text: str) -> Any:
    """The combobox on ``page`` after typing ``text`` key by key, once its list is open."""
    tab.goto(page)
    field = tab.get_by_role("combobox", name=FIELD)
    field.press_sequentially(text, delay=30)
    tab.get_by_role("listbox").get_by_role("option").first.wait_for(state="visible")
    return field


SHOWS = """labels => {
    const shown = [...document.querySelectorAll('[role=listbox] [role=option] .term')].map(e => e.textContent);
    return shown.length === labels.length && shown.every((text, i) => text.startsWith(labels[i]));
}"""


def shows(tab: Any, expected: list[dict[str, Any]]) -> None:
    """Wait until the list shows exactly the API's answer to the whole prefix (on a slow machine the
    answer to a shorter prefix may show first)."""
    tab.wait_for_function(SHOWS, arg=[item["label"] for item in expected])


def test_typing_ligpl_then_down_and_enter_opens_the_begrip(tab: Any, server: str) -> None:
    expected = httpx.get(server + "/v1/suggest", params={"q": "ligpl"}).json()["items"]
    field = typed(tab, "/", "ligpl")
    shows(tab, expected)
    assert field.get_attribute("aria-expanded") == "true"
    listbox = tab.get_by_role("listbox")
    assert field.get_attribute("aria-controls") == listbox.get_attribute("id")
    options = listbox.get_by_role("option")
    assert options.count() == len(expected) and "ligplaats" in options.first.inner_text()
    assert tab.get_by_role("status").inner_text().endswith(("suggestie", "suggesties"))
    shoot(tab, "suggest-ligpl")
    field.press("ArrowDown")
    assert field.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
    assert options.first.get_attribute("aria-selected") == "true"
    field.press("Enter")
    tab.wait_for_url(re.compile(r"/begrip/"))
    assert tab.url == server + expected[0]["href"]
    assert tab.locator("h1").inner_text().strip().startswith("ligplaats")
    assert tab.errors == []


def test_up_wraps_escape_closes_and_enter_without_a_choice_searches(tab: Any, server: str) -> None:
    expected = httpx.get(server + "/v1/suggest", params={"q": "verbl"}).json()["items"]
    field = typed(tab, "/zoeken", "verbl")
    shows(tab, expected)
    options = tab.get_by_role("listbox").get_by_role("option")
    field.press("ArrowUp")  # from nothing chosen to the last option
    assert field.get_attribute("aria-activedescendant") == options.last.get_attribute("id")
    field.press("Escape")
    assert tab.get_by_role("listbox").is_hidden() and field.get_attribute("aria-expanded") == "false"
    assert field.get_attribute("aria-activedescendant") is None
    field.press("Enter")  # nothing chosen: the form is submitted as without script
    tab.wait_for_url(re.compile(r"/zoeken\?q=verbl"))
    assert tab.errors == []


def test_a_click_on_a_suggestion_opens_it(tab: Any) -> None:
    typed(tab, "/", "ingez")
    option = tab.get_by_role("option", name=re.compile("ingezetene"))
    option.click()
    tab.wait_for_url(re.compile(r"/begrip/"))
    assert tab.locator("h1").inner_text().strip().startswith("ingezetene")


def test_the_page_has_only_its_own_script_under_a_strict_policy(tab: Any, server: str) -> None:
    response = tab.goto("/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert tab.evaluate("document.querySelectorAll('script:not([src])').length") == 0
    assert tab.evaluate("[...document.scripts].map(s => new URL(s.src).origin)") == [server]
    assert tab.errors == []


def test_without_javascript_the_search_form_still_works(browser: Any, server: str) -> None:
    context = browser.new_context(base_url=server, java_script_enabled=False, locale="nl-NL")
    try:
        tab = context.new_page()
        tab.goto("/")
        field = tab.get_by_label(FIELD)
        assert field.get_attribute("role") is None  # not enhanced
        field.fill("ligpl")
        field.press("Enter")
        tab.wait_for_url(re.compile(r"/zoeken\?q=ligpl"))
        assert tab.locator("ol.resultaten > li").count() >= 1
    finally:
        context.close()
