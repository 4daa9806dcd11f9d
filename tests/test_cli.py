"""The stelselgraaf command: exit codes 0 / 1 (data invalid) / 2 (usage or system error)."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.cli import main

DATA = Path(__file__).resolve().parent / "data"


def run(store: Path, *args: str) -> int:
    return main(["--store", str(store), "--quiet", *args])


def test_load_sources_query_unload(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "store"
    assert run(store, "load", str(DATA / "concepts.ttl"), "--source", "begrippen") == 0
    assert run(store, "sources") == 0
    assert "begrippen" in capsys.readouterr().out
    concepts = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <http://www.w3.org/2004/02/skos/core#Concept> }"
    assert run(store, "query", concepts) == 0
    assert capsys.readouterr().out.splitlines() == ["n", "2"]
    assert run(store, "validate") == 0
    assert run(store, "unload", "begrippen") == 0
    assert run(store, "unload", "begrippen") == 2


def test_malformed_input_exit_1_with_location(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "store"
    bad = tmp_path / "bad.nt"
    bad.write_text('<http://ex/a> <http://ex/b> "ok" .\n<http://ex/a> <http://ex/b> broken .\n')
    assert run(store, "load", str(bad)) == 1
    err = capsys.readouterr().err
    assert f"{bad}:2:" in err and "nothing was changed" in err
    assert run(store, "export") == 0
    assert capsys.readouterr().out == ""


def test_usage_and_query_errors_exit_2(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as usage:
        main(["load"])
    assert usage.value.code == 2
    assert run(tmp_path / "s", "query", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> {} }") == 2
    assert run(tmp_path / "s", "query", "DROP ALL") == 2


def test_export_backup_restore_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "store"
    assert run(store, "load", str(DATA / "concepts.ttl")) == 0
    capsys.readouterr()
    assert run(store, "export") == 0
    before = capsys.readouterr().out
    assert run(store, "backup", str(tmp_path / "b")) == 0
    assert run(store, "unload", "concepts") == 0
    assert run(store, "restore", str(tmp_path / "b")) == 0
    capsys.readouterr()
    assert run(store, "export") == 0
    assert capsys.readouterr().out == before and before.count("\n") > 8


def test_seed_is_idempotent(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "store"
    assert main(["--store", str(store), "seed"]) == 0
    assert "loaded" in capsys.readouterr().err
    assert main(["--store", str(store), "seed"]) == 0
    assert capsys.readouterr().err.count("unchanged") == 2


def test_loading_the_same_input_again_says_unchanged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "store"
    args = ["--store", str(store), "load", str(DATA / "concepts.ttl"), "--source", "begrippen"]
    assert main(args) == 0
    assert "loaded begrippen: 8 triples" in " ".join(capsys.readouterr().err.split())
    assert main(args) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "begrippen unchanged" in said and "graph/source/begrippen/" in said
