"""The page filters: highlights stay safe whatever the API sends, Dutch dates, source links."""

from __future__ import annotations

from api.ui_format import datum, marked, percent, source_url


def test_marked_keeps_only_mark_tags_and_escapes_the_rest() -> None:
    assert str(marked("de <mark>lig</mark>plaats &amp; meer")) == "de <mark>lig</mark>plaats &amp; meer"
    assert str(marked('<mark>x</mark><script>alert(1)</script>')) == (
        "<mark>x</mark>&lt;script&gt;alert(1)&lt;/script&gt;")
    assert str(marked("&lt;b&gt;")) == "&lt;b&gt;"  # escaped text is not un-escaped into a tag


def test_marked_with_unbalanced_tags_gives_plain_text() -> None:
    assert str(marked("<mark>open <img src=x>")) == "open &lt;img src=x&gt;"
    assert str(marked(None)) == ""


def test_datum_is_dutch_and_leaves_other_values_alone() -> None:
    assert datum("2024-01-01") == "1 januari 2024"
    assert datum("2010-06-30T00:00:00") == "30 juni 2010"
    assert datum("onbekend") == "onbekend"
    assert datum(None) == ""


def test_source_url_falls_back_to_juriconnect_then_bwb_id() -> None:
    assert source_url({"url": "https://wetten.overheid.nl/x"}) == "https://wetten.overheid.nl/x"
    assert source_url({"juriconnect": "jci1.3:c:BWBR0005537&artikel=1:1"}) == (
        "https://wetten.overheid.nl/jci1.3:c:BWBR0005537&artikel=1:1")
    assert source_url({"bwb_id": "BWBR0005537"}) == "https://wetten.overheid.nl/BWBR0005537"
    assert source_url({}) is None
    assert source_url(None) is None


def test_percent() -> None:
    assert percent(0.645) == "64%" or percent(0.645) == "65%"
    assert percent(None) == ""
