"""The workspace in a real browser (Debian's chromium) with two people: sign in, propose, see the
API's validation by the field, review as the other person, see the result, its history and the
feed; the author can never approve (also from a second session); a form without its CSRF token is
refused; axe-core finds no serious or critical accessibility violation on any of these pages."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from api.app import create_app
from graph.open import open_store
from graph.settings import Settings
from graph.trust import AccountStore
from loaders.pipeline import load
from loaders.seed import load_seed
from tests.conftest import REPO, free_port
from tests.ui.conftest import shoot

pytestmark = [pytest.mark.slow]
AXE = REPO / ".tools" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
PEOPLE = {"anna": ("editor", "anna-wachtwoord-1"), "bram": ("reviewer", "bram-wachtwoord-1")}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("werkplaats")
    settings = Settings(store=":memory:", auth_db=str(root / "auth.sqlite"))
    store = open_store(settings)
    list(load_seed(store))
    load(store, [REPO / "tests" / "data" / "concepts.ttl"], name="kader", fmt="rdf")
    accounts = AccountStore(Path(settings.auth_db))
    for name, (role, password) in PEOPLE.items():
        accounts.create(name, role, password=password)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings, store), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture
def person(browser: Any, site: str) -> Iterator[Any]:
    """Open a fresh browser context (its own cookies) per person: ``person()`` gives a new tab."""
    contexts: list[Any] = []

    def new() -> Any:
        context = browser.new_context(base_url=site, locale="nl-NL", bypass_csp=False)
        contexts.append(context)
        tab = context.new_page()
        tab.errors = []
        tab.on("pageerror", lambda e: tab.errors.append(str(e)))
        return tab

    yield new
    for context in contexts:
        context.close()


def sign_in(tab: Any, name: str) -> None:
    tab.goto("/inloggen?terug=/voorstellen")
    tab.get_by_label("Naam").fill(name)
    tab.get_by_label("Wachtwoord").fill(PEOPLE[name][1])
    tab.get_by_role("button", name="Inloggen").click()
    tab.wait_for_url("**/voorstellen")


def axe_serious(tab: Any) -> list[str]:
    if not AXE.exists():
        pytest.skip(f"{AXE} is missing: run scripts/install-axe.sh")
    tab.evaluate(AXE.read_text("utf-8") + "\n;0")
    found = tab.evaluate("async () => (await axe.run(document)).violations"
                         ".filter(v => ['serious', 'critical'].includes(v.impact)).map(v => v.id + ': ' + v.help)")
    return list(found)


def test_two_people_propose_and_review_in_the_pages(person: Any) -> None:
    anna = person()
    sign_in(anna, "anna")
    assert axe_serious(anna) == []
    anna.get_by_role("link", name="Nieuwe definitie voorstellen").click()
    anna.get_by_label("Term").fill("woonark")
    anna.get_by_label("Motivatie").fill("Woonarken ontbreken in het kader")
    anna.get_by_role("button", name="Controleren en voorbeeld tonen").click()
    assert anna.locator(".veldfout").count() >= 1  # the API's reason, next to the field
    assert axe_serious(anna) == []
    anna.get_by_label("Definitie", exact=True).fill("een schip dat als woning dient en aan een ligplaats ligt")
    anna.get_by_role("button", name="Controleren en voorbeeld tonen").click()
    assert "Het voorstel voldoet aan de regels" in anna.inner_text("main")
    anna.get_by_role("button", name="Indienen ter beoordeling").click()
    anna.wait_for_url(re.compile(r"/voorstellen/[0-9a-f]+$"))
    pid = anna.url.rsplit("/", 1)[-1]
    assert "voorgesteld" in anna.inner_text("main") and axe_serious(anna) == []
    shoot(anna, "voorstel-ingediend")
    anna.goto(f"/beoordelen/{pid}")
    assert anna.get_by_role("button", name="Besluit vastleggen").count() == 0  # never for the author
    assert "niet goedkeuren" in anna.inner_text("main")

    bram = person()
    sign_in(bram, "bram")
    bram.get_by_role("link", name="Beoordelen").click()
    assert axe_serious(bram) == []
    bram.get_by_role("link", name="Woonarken ontbreken in het kader").click()
    assert bram.locator("ins").count() >= 1 and axe_serious(bram) == []
    bram.get_by_label("Goedkeuren en publiceren").check()
    bram.get_by_label("Toelichting").fill("Helder, goedgekeurd")
    bram.get_by_role("button", name="Besluit vastleggen").click()
    bram.wait_for_url(f"**/beoordelen/{pid}")
    assert "gepubliceerd" in bram.inner_text("main")
    shoot(bram, "voorstel-gepubliceerd")
    bram.goto("/begrip/stelselgraaf/woonark")
    page_text = bram.inner_text("main")
    assert "een schip dat als woning dient" in page_text
    assert "voorgesteld door anna, goedgekeurd door bram: Woonarken ontbreken in het kader" in page_text
    bram.goto("/wijzigingen")
    text = bram.inner_text("main")
    assert "woonark" in text and "anna" in text and "bram" in text and axe_serious(bram) == []
    assert anna.errors == [] and bram.errors == []


def test_a_second_session_of_the_author_cannot_approve_and_forms_need_their_token(person: Any) -> None:
    anna = person()
    sign_in(anna, "anna")
    anna.goto("/voorstellen/nieuw")
    anna.get_by_label("Term").fill("woonboot")
    anna.get_by_label("Definitie", exact=True).fill("een boot die als woning dient")
    anna.get_by_label("Motivatie").fill("Woonboten ontbreken")
    anna.get_by_role("button", name="Indienen ter beoordeling").click()
    anna.wait_for_url(re.compile(r"/voorstellen/[0-9a-f]+$"))
    pid = anna.url.rsplit("/", 1)[-1]
    again = person()  # the same person in another browser: still the author
    sign_in(again, "anna")
    again.goto(f"/beoordelen/{pid}")
    assert again.get_by_role("button", name="Besluit vastleggen").count() == 0
    response = again.request.post(f"/beoordelen/{pid}", form={"besluit": "approve", "csrf": "x"})
    assert response.status == 403
    again.goto(f"/voorstellen/{pid}")
    again.evaluate("document.querySelectorAll('input[name=csrf]').forEach(e => e.remove())")
    again.get_by_role("textbox", name="Opmerking").fill("zonder token")
    again.get_by_role("button", name="Opmerking plaatsen").click()
    assert "Formulier verlopen" in again.inner_text("main")
    assert "zonder token" not in anna.goto(f"/voorstellen/{pid}").text()


def test_sign_in_page_and_recent_changes_are_accessible(person: Any) -> None:
    tab = person()
    tab.goto("/inloggen")
    assert axe_serious(tab) == []
    tab.get_by_label("Naam").fill("anna")
    tab.get_by_label("Wachtwoord").fill("fout")
    tab.get_by_role("button", name="Inloggen").click()
    assert "onjuist" in tab.inner_text("main") and axe_serious(tab) == []
    tab.goto("/wijzigingen")
    assert axe_serious(tab) == []


def _approve(person: Any, motivation: str) -> None:
    bram = person()
    sign_in(bram, "bram")
    bram.goto("/beoordelen")
    bram.get_by_role("link", name=motivation).click()
    bram.get_by_label("Goedkeuren en publiceren").check()
    bram.get_by_role("button", name="Besluit vastleggen").click()
    bram.wait_for_url(re.compile(r"/beoordelen/[0-9a-f]+$"))
    assert "gepubliceerd" in bram.inner_text("main"), bram.inner_text("main")


def test_annotating_a_law_concept_and_proposing_a_relation_and_a_note_in_the_pages(person: Any, site: str) -> None:
    import httpx

    [pand] = [i for i in httpx.get(site + "/v1/definitions", params={"q": "pand"}).json()["items"]
              if i["term"] == "pand"]
    anna = person()
    sign_in(anna, "anna")
    anna.goto(f"/begrip/{pand['id']}")
    anna.get_by_role("link", name="Toelichting of koppeling voorstellen").click()
    assert axe_serious(anna) == []
    anna.get_by_label("Uitleg in gewone taal").fill("Een gebouw, zoals een huis of een schuur.")
    anna.get_by_label("Motivatie").fill("Uitleg voor burgers bij pand")
    anna.get_by_role("button", name="Indienen ter beoordeling").click()
    anna.wait_for_url(re.compile(r"/voorstellen/[0-9a-f]+$"))
    _approve(person, "Uitleg voor burgers bij pand")
    anna.goto(f"/begrip/{pand['id']}")
    text = anna.inner_text("main")
    assert "Een gebouw, zoals een huis of een schuur." in text and "Toegevoegd door anna" in text
    assert pand["definition"] in text  # the law's own text is unchanged

    anna.goto("/voorstellen")
    anna.get_by_role("link", name="Relatie tussen objecttypen voorstellen").click()
    assert axe_serious(anna) == []
    anna.get_by_label("Van objecttype").fill("objecttype/bag-ligplaats")
    anna.get_by_label("Relatie (werkwoord)").fill("ligt in")
    anna.get_by_label("Naar objecttype").fill("objecttype/brk-kadastraal-perceel")
    anna.get_by_label("Kardinaliteit").select_option("0..*")
    anna.get_by_label("Wettelijke grondslag: BWB-id").fill("BWBR0023466")
    anna.get_by_label("Artikel").fill("23")
    anna.get_by_label("Motivatie").fill("Ligplaatsen liggen in percelen")
    anna.get_by_role("button", name="Indienen ter beoordeling").click()
    anna.wait_for_url(re.compile(r"/voorstellen/[0-9a-f]+$"))
    _approve(person, "Ligplaatsen liggen in percelen")
    relations = httpx.get(site + "/v1/relations").json()["items"]
    assert any(r["label"] == "ligt in" and r["kardinaliteit"] == "0..*" for r in relations)

    anna.goto("/voorstellen/stelsel?soort=note&onderwerp=register/bag")
    anna.get_by_label("Soort notitie").select_option("bekend-probleem")
    anna.get_by_label("Notitie", exact=True).fill("Ligplaatsen in havens ontbreken soms.")
    anna.get_by_label("Motivatie").fill("Praktijkervaring met ligplaatsen")
    anna.get_by_role("button", name="Indienen ter beoordeling").click()
    anna.wait_for_url(re.compile(r"/voorstellen/[0-9a-f]+$"))
    _approve(person, "Praktijkervaring met ligplaatsen")
    feed = httpx.get(site + "/v1/changes/feed", params={"since": "2000-01-01"}).json()["items"]
    assert {"Uitleg voor burgers bij pand", "Ligplaatsen liggen in percelen",
            "Praktijkervaring met ligplaatsen"} <= {e["why"] for e in feed}
