"""The layout docs/architecture.md describes: graph/ is feature packages, and the table there
names every one of them."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOP_LEVEL = {"__init__.py", "errors.py", "settings.py", "open.py"}


def test_graph_holds_only_packages_besides_errors_settings_and_open() -> None:
    assert {p.name for p in (ROOT / "graph").glob("*.py")} == TOP_LEVEL


def test_every_package_names_what_the_rest_may_use() -> None:
    for init in (ROOT / "graph").glob("*/__init__.py"):
        text = init.read_text("utf-8")
        assert text.startswith('"""') and "__all__" in text, f"{init} has no docstring or __all__"


def test_the_architecture_table_lists_every_graph_and_loader_package() -> None:
    doc = (ROOT / "docs" / "architecture.md").read_text("utf-8")
    packages = [f"graph/{p.parent.name}/" for p in (ROOT / "graph").glob("*/__init__.py")]
    packages += [f"loaders/{p.parent.name}/" for p in (ROOT / "loaders").glob("*/__init__.py")]
    missing = [p for p in packages if f"`{p}`" not in doc]
    assert not missing, f"docs/architecture.md does not mention {missing}"
