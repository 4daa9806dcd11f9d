"""The wiki-like workspace over real HTTP: people with accounts sign in to the pages, propose and
annotate, another person reviews; four-eyes compares the person, every form needs its CSRF token."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.open import open_store
from graph.settings import Settings
from graph.store import GraphStore
from graph.trust import AccountStore, TokenStore, audit, delay
from loaders.pipeline import load

DATA = Path(__file__).resolve().parents[1] / "data"
PASSWORDS = {"anna": "anna-wachtwoord-1", "bram": "bram-wachtwoord-1"}


@dataclass
class Site:
    app: object
    store: GraphStore
    settings: Settings
    accounts: AccountStore
    tmp: Path

    def browser(self) -> TestClient:
        return TestClient(self.app, follow_redirects=False)  # type: ignore[arg-type]

    def token(self, name: str) -> dict[str, str]:
        account = self.accounts.named(name)
        assert account is not None
        token, _ = TokenStore(Path(self.settings.auth_db)).create(name, account.role, "2026-01-01T00:00:00Z",
                                                                 account=account.id)
        return {"Authorization": f"Bearer {token}"}

    def audit_results(self) -> list[tuple[str, str]]:
        return [(e.name, e.result or "") for e in audit.query_audit(self.store, limit=1000).events]


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    settings = Settings(store=":memory:", auth_db=str(tmp_path / "auth.sqlite"))
    store = open_store(settings)
    (tmp_path / "kader.ttl").write_bytes((DATA / "concepts.ttl").read_bytes())
    load(store, [tmp_path / "kader.ttl"], name="kader", fmt="rdf")
    accounts = AccountStore(Path(settings.auth_db))
    accounts.create("anna", "admin", email="anna@example.org", password=PASSWORDS["anna"])  # may review too
    accounts.create("bram", "reviewer", email="bram@example.org", password=PASSWORDS["bram"])
    app = create_app(settings, store)
    with TestClient(app):
        yield Site(app, store, settings, accounts, tmp_path)
    store.close()


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no CSRF token on the page"
    return found.group(1)


def sign_in(site: Site, name: str) -> TestClient:
    client = site.browser()
    form = client.get("/inloggen")
    done = client.post("/inloggen", data={"naam": name, "wachtwoord": PASSWORDS[name], "csrf": _csrf(form.text),
                                          "terug": "/voorstellen"})
    assert done.status_code == 303 and done.headers["location"] == "/voorstellen", done.text
    return client


def test_sign_in_sets_a_safe_session_cookie_and_failures_are_audited_and_slowed(site: Site) -> None:
    client = site.browser()
    form = client.get("/inloggen")
    assert form.status_code == 200 and "stg_inlog" in form.headers["set-cookie"]
    wrong = client.post("/inloggen", data={"naam": "anna", "wachtwoord": "fout", "csrf": _csrf(form.text)})
    assert wrong.status_code == 401 and "onjuist" in wrong.text
    assert ("inloggen mislukt", "geweigerd (401)") in site.audit_results()
    assert site.accounts.failures("anna") == 1 and delay(1) > 0 and delay(4) > delay(1)
    forged = client.post("/inloggen", data={"naam": "anna", "wachtwoord": PASSWORDS["anna"], "csrf": "x" * 64})
    assert forged.status_code == 403 and "stg_sessie" not in forged.headers.get("set-cookie", "")
    right = client.post("/inloggen", data={"naam": "anna", "wachtwoord": PASSWORDS["anna"], "csrf": _csrf(form.text),
                                           "terug": "https://elders.example/"})
    cookie = right.headers["set-cookie"]
    assert right.status_code == 303 and right.headers["location"] == "/"  # never an open redirect
    assert "stg_sessie=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "Secure" not in cookie  # served over plain http here; https gets Secure
    assert site.accounts.failures("anna") == 0
    mine = client.get("/voorstellen")
    assert mine.status_code == 200 and "anna" in mine.text
    out = client.post("/uitloggen", data={"csrf": _csrf(mine.text)})
    assert out.status_code == 303 and client.get("/voorstellen").status_code == 303


def test_pages_that_change_things_need_a_session_and_its_csrf_token(site: Site) -> None:
    anonymous = site.browser()
    assert anonymous.get("/voorstellen/nieuw").headers["location"].startswith("/inloggen")
    assert anonymous.get("/zoeken?q=pand").status_code == 200  # reading stays anonymous
    anna = sign_in(site, "anna")
    refused = anna.post("/voorstellen/nieuw", data={"soort": "create", "term": "woonark", "definitie": "een schip",
                                                    "motivatie": "nodig", "actie": "indienen"})
    assert refused.status_code == 403
    assert site.browser().get("/v1/changes", headers=site.token("bram")).json()["total"] == 0


def _propose(client: TestClient, **fields: str) -> str:
    page = client.get("/voorstellen/nieuw", params={"soort": fields.get("soort", "create"),
                                                    "begrip": fields.get("begrip", "")})
    done = client.post("/voorstellen/nieuw", data={"csrf": _csrf(page.text), "actie": "indienen", **fields})
    assert done.status_code == 303, done.text
    return done.headers["location"].rsplit("/", 1)[-1]


def test_a_person_proposes_in_the_pages_and_another_person_approves(site: Site) -> None:
    anna = sign_in(site, "anna")
    page = anna.get("/voorstellen/nieuw")
    checked = anna.post("/voorstellen/nieuw", data={"csrf": _csrf(page.text), "soort": "create", "term": "woonark",
                                                    "definitie": "", "motivatie": "nodig", "actie": "voorbeeld"})
    assert checked.status_code == 422 and 'class="veldfout"' in checked.text  # the API's reason by the field
    pid = _propose(anna, soort="create", term="woonark", motivatie="Woonarken ontbreken",
                   definitie="een schip dat als woning dient en aan een ligplaats ligt")
    assert "woonark" in anna.get(f"/voorstellen/{pid}").text
    own = anna.get(f"/beoordelen/{pid}")
    assert anna.post(f"/beoordelen/{pid}", data={"csrf": _csrf(own.text), "besluit": "approve"}).status_code == 403
    again = sign_in(site, "anna")  # a second session of the same person
    second = again.get(f"/beoordelen/{pid}")
    assert again.post(f"/beoordelen/{pid}", data={"csrf": _csrf(second.text), "besluit": "approve"}).status_code == 403
    by_token = site.browser().post(f"/v1/changes/{pid}/review", json={"decision": "approve", "comment": "ok"},
                                   headers=site.token("anna"))  # a token of hers, under another name
    assert by_token.status_code == 403
    bram = sign_in(site, "bram")
    queue = bram.get("/beoordelen")
    assert pid in queue.text
    detail = bram.get(f"/beoordelen/{pid}")
    assert "<ins>" in detail.text
    approved = bram.post(f"/beoordelen/{pid}", data={"csrf": _csrf(detail.text), "besluit": "approve",
                                                     "toelichting": "goed"})
    assert approved.status_code == 303
    history = bram.get("/v1/definitions/stelselgraaf/woonark/history").json()
    assert [(v["author"], v["reviewer"]) for v in history["versions"]] == [("anna", "bram")]
    refusals = [r for n, r in site.audit_results() if n == "wijzigingsvoorstel beoordelen"]
    assert refusals.count("geweigerd (403)") == 3


def test_an_annotation_explains_a_law_concept_without_changing_its_text_and_survives_a_reload(site: Site) -> None:
    reader = site.browser()
    [pand] = [i for i in reader.get("/v1/definitions", params={"q": "pand"}).json()["items"] if i["term"] == "pand"]
    [lig] = [i for i in reader.get("/v1/definitions", params={"q": "ligplaats"}).json()["items"]
             if i["term"] == "ligplaats"]
    body = {"motivation": "uitleg voor burgers", "changes": [{"op": "annotate", "concept": pand["iri"], "set": {
        "explanation": "Een gebouw, zoals een huis of een schuur.",
        "mappings": [{"type": "relatedMatch", "target": lig["iri"]}]}}]}
    made = reader.post("/v1/changes", json=body, headers=site.token("anna"))
    assert made.status_code == 201, made.text
    pid = made.json()["id"]
    assert reader.post(f"/v1/changes/{pid}/review", json={"decision": "approve", "comment": "helder"},
                       headers=site.token("bram")).status_code == 200
    notes = reader.get(f"/v1/definitions/{pand['id']}/annotations").json()
    assert notes["explanation"].startswith("Een gebouw") and notes["history"][0]["author"] == "anna"
    assert notes["mappings"] == [{"type": "relatedMatch", "target": lig["iri"], "id": lig["id"]}]
    after = reader.get(f"/v1/definitions/{pand['id']}").json()
    assert after["definition"] == pand["definition"] and after["valid_from"] == pand.get("valid_from")
    changed = (DATA / "concepts.ttl").read_text("utf-8").replace("in het water", "in het open water")
    (site.tmp / "kader.ttl").write_text(changed, "utf-8")
    load(site.store, [site.tmp / "kader.ttl"], name="kader", fmt="rdf")  # a reload of the source
    kept = reader.get(f"/v1/definitions/{pand['id']}/annotations").json()
    assert kept["explanation"] == notes["explanation"] and kept["mappings"] == notes["mappings"]
    page = reader.get(f"/begrip/{pand['id']}")
    assert "Een gebouw, zoals een huis" in page.text and "Toegevoegd door anna" in page.text


def test_status_and_author_filters_and_two_approvals_on_one_day(site: Site) -> None:
    client = site.browser()
    anna, bram = site.token("anna"), site.token("bram")
    first = client.post("/v1/changes", json={"motivation": "nieuw", "changes": [
        {"op": "create", "term": "woonark", "definition": "een schip dat als woning dient"}]}, headers=anna).json()
    client.post(f"/v1/changes/{first['id']}/review", json={"decision": "approve", "comment": ""}, headers=bram)
    second = client.post("/v1/changes", json={"motivation": "scherper", "changes": [
        {"op": "update", "concept": "stelselgraaf/woonark", "set": {"definition": "een vaartuig om in te wonen"}}]},
        headers=anna).json()
    client.post(f"/v1/changes/{second['id']}/review", json={"decision": "approve", "comment": ""}, headers=bram)
    pending = client.post("/v1/changes", json={"motivation": "nog een", "changes": [
        {"op": "create", "term": "woonboot", "definition": "een boot om in te wonen"}]}, headers=anna).json()
    listed = client.get("/v1/changes", params={"status": "voorgesteld"}, headers=anna).json()["items"]
    assert [p["id"] for p in listed] == [pending["id"]]
    assert {p["id"] for p in client.get("/v1/changes", params={"author": "ik"}, headers=anna).json()["items"]} \
        == {first["id"], second["id"], pending["id"]}
    assert client.get("/v1/changes", params={"author": "ik"}, headers=bram).json()["items"] == []
    assert len(client.get("/v1/changes", params={"author": "ANNA"}, headers=bram).json()["items"]) == 3
    versions = client.get("/v1/definitions/stelselgraaf/woonark/history").json()["versions"]
    assert len(versions) == 2 and all(v["valid_to"] is None or v["valid_to"] >= v["valid_from"] for v in versions)


def test_users_own_their_tokens_and_a_disabled_account_is_locked_out(site: Site,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from api.cli import main

    monkeypatch.setenv("STELSELGRAAF_AUTH_DB", site.settings.auth_db)
    assert main(["users", "create", "--name", "carla", "--role", "reviewer"]) == 0
    assert main(["users", "create", "--name", "Carla", "--role", "editor"]) == 2  # names are unique, any case
    assert main(["tokens", "create", "--user", "carla", "--role", "admin"]) == 2  # never more than the account
    assert main(["tokens", "create", "--user", "nobody"]) == 2
    carla = site.accounts.named("carla")
    assert carla is not None and carla.role == "reviewer"
    token, _ = TokenStore(Path(site.settings.auth_db)).create("laptop", "reviewer", "2026-01-01T00:00:00Z",
                                                             account=carla.id)
    headers = {"Authorization": f"Bearer {token}"}
    assert site.browser().get("/v1/changes", headers=headers).status_code == 200
    assert main(["users", "disable", "carla"]) == 0
    assert site.browser().get("/v1/changes", headers=headers).status_code == 401
    assert main(["users", "disable", "carla"]) == 2  # already disabled


def test_published_changes_are_in_the_feed_the_atom_feed_and_the_recent_changes_page(site: Site) -> None:
    client = site.browser()
    made = client.post("/v1/changes", json={"motivation": "woonarken ontbraken", "changes": [
        {"op": "create", "term": "woonark", "definition": "een schip dat als woning dient"}]},
        headers=site.token("anna")).json()
    client.post(f"/v1/changes/{made['id']}/review", json={"decision": "approve", "comment": ""},
                headers=site.token("bram"))
    feed = client.get("/v1/changes/feed", params={"since": "2000-01-01"}).json()
    [entry] = feed["items"]
    assert (entry["term"], entry["kind"], entry["author"], entry["reviewer"], entry["why"], entry["proposal"]) == (
        "woonark", "versie", "anna", "bram", "woonarken ontbraken", made["id"])
    assert client.get("/v1/changes/feed", params={"since": "2999-01-01"}).json()["total"] == 0
    assert client.get("/v1/changes/feed", params={"since": "gisteren"}).status_code == 400
    atom = client.get("/wijzigingen.atom")
    assert atom.headers["content-type"].startswith("application/atom+xml")
    from defusedxml import ElementTree

    titles = [t.text for t in ElementTree.fromstring(atom.content).iter("{http://www.w3.org/2005/Atom}title")]
    assert "Nieuwe versie van woonark" in titles
    assert "woonarken ontbraken" in client.get("/wijzigingen").text


CONFLICTING = """@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <http://example.org/ander/> .
ex:kader a skos:ConceptScheme ; skos:prefLabel "Ander kader"@nl .
ex:ligplaats a skos:Concept ; skos:inScheme ex:kader ; skos:prefLabel "ligplaats"@nl ;
    skos:definition "een vaste plek in een haven waar een schip mag aanmeren voor een nacht"@nl .
"""


def test_a_published_same_meaning_mapping_resolves_the_conflict(site: Site) -> None:
    (site.tmp / "ander.ttl").write_text(CONFLICTING, "utf-8")
    load(site.store, [site.tmp / "ander.ttl"], name="ander", fmt="rdf")
    client = site.browser()
    [conflict] = [c for c in client.get("/v1/conflicts", params={"term": "ligplaats"}).json()["items"]]
    assert conflict["status"] == "open"
    one, other = sorted(m["iri"] if isinstance(m, dict) else m for m in conflict["members"])
    made = client.post("/v1/changes", json={"motivation": "zelfde begrip", "changes": [
        {"op": "annotate", "concept": one, "set": {"mappings": [{"type": "exactMatch", "target": other}]}}]},
        headers=site.token("anna")).json()
    client.post(f"/v1/changes/{made['id']}/review", json={"decision": "approve", "comment": "klopt"},
                headers=site.token("bram"))
    after = client.get(f"/v1/conflicts/{conflict['id']}").json()
    assert after["status"] == "opgelost" and "skos:exactMatch" in after["note"] and made["id"] in after["note"]


def test_knowledge_beyond_begrippen_relations_and_notes_go_through_review(site: Site) -> None:
    from loaders.seed import load_seed

    list(load_seed(site.store))
    client = site.browser()
    relation = {"op": "relate", "from": "objecttype/bag-ligplaats", "to": "objecttype/brk-kadastraal-perceel",
                "label": "ligt in", "cardinality": "0..*", "authentic": False,
                "legal_basis": {"bwb": "BWBR0023466", "article": "23"}}
    bad = client.post("/v1/changes", json={"motivation": "m", "changes": [{**relation, "cardinality": "veel"}]},
                      headers=site.token("anna"))
    assert bad.status_code == 422 and "cardinality" in bad.json()["detail"]
    nowhere = {**relation, "to": "objecttype/nergens"}
    unknown = client.post("/v1/changes", json={"motivation": "m", "changes": [nowhere]}, headers=site.token("anna"))
    assert unknown.status_code == 422 and "object type" in unknown.json()["detail"]
    note = {"op": "note", "subject": "register/bag", "kind": "bekend-probleem",
            "text": "Ligplaatsen in havens ontbreken soms in oudere extracten."}
    made = client.post("/v1/changes", json={"motivation": "kennis uit de praktijk", "changes": [relation, note]},
                       headers=site.token("anna"))
    assert made.status_code == 201, made.text
    before = {r["id"] for r in client.get("/v1/relations").json()["items"]}
    approved = client.post(f"/v1/changes/{made.json()['id']}/review", json={"decision": "approve", "comment": "ok"},
                           headers=site.token("bram"))
    assert approved.status_code == 200, approved.text
    added = [r for r in client.get("/v1/relations").json()["items"] if r["id"] not in before]
    assert [(r["label"], r["kardinaliteit"], r["authentiek"]) for r in added] == [("ligt in", "0..*", False)]
    feed = client.get("/v1/changes/feed", params={"since": "2000-01-01"}).json()["items"]
    assert {e["kind"] for e in feed} == {"toelichting"} and len(feed) == 2 and feed[0]["author"] == "anna"


@pytest.mark.parametrize("cited", ["jci1.3:c:BWBR0023466&artikel=1&lid=2",
                                   "https://wetten.overheid.nl/jci1.3:c:BWBR0023466&artikel=1&lid=2"])
def test_a_cited_article_becomes_a_linked_legal_source(site: Site, cited: str) -> None:
    client = site.browser()
    made = client.post("/v1/changes", json={"motivation": "uit de wet", "changes": [
        {"op": "create", "term": "woonark", "definition": "een schip dat als woning dient", "source": cited}]},
        headers=site.token("anna")).json()
    assert client.post(f"/v1/changes/{made['id']}/review", json={"decision": "approve", "comment": ""},
                       headers=site.token("bram")).status_code == 200
    source = client.get("/v1/definitions/stelselgraaf/woonark").json()["source"]
    assert source["iri"] == "https://stelselgraaf.nl/id/bron-wet/BWBR0023466/artikel-1/lid-2"
    assert source["bwb_id"] == "BWBR0023466" and source["juriconnect"] == "jci1.3:c:BWBR0023466&artikel=1&lid=2"
