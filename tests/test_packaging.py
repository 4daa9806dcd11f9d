"""The wheel holds every module and data file of the project, and imports from itself alone.

Packages are found by discovery (pyproject.toml); this test builds the wheel the way a release
would and proves nothing is dropped silently: every tracked module and data file of the packages
is in it, and every module imports from the unpacked wheel, not from the working tree.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("graph", "loaders", "api", "shapes", "ontologies", "seed")
DATA = (".py", ".rq", ".ru", ".ttl", ".jsonld", ".html", ".css", ".svg", ".js")


def _tracked() -> set[str]:
    out = subprocess.run(["git", "ls-files", *PACKAGES], cwd=ROOT, capture_output=True, text=True, check=True)
    return {line for line in out.stdout.splitlines() if line.endswith(DATA)}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out, tree = tmp_path_factory.mktemp("wheel"), tmp_path_factory.mktemp("checkout")
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True)
    for name in listed.stdout.splitlines():  # a clean copy: no build/ left over from an earlier build
        if (ROOT / name).is_file():
            (tree / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, tree / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
                    "-w", str(out), str(tree)], check=True, capture_output=True, cwd=out)
    (built,) = out.glob("stelselgraaf-*.whl")
    return built


def test_the_wheel_holds_every_tracked_module_and_data_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = sorted(_tracked() - names)
    assert not missing, f"not in the wheel: {missing}"


def test_every_module_imports_from_the_unpacked_wheel(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    script = (
        "import importlib, json, pkgutil, sys\n"
        f"sys.path.insert(0, {str(site)!r})\n"
        "seen = {}\n"
        f"for top in {list(PACKAGES[:3])!r}:\n"
        "    pkg = importlib.import_module(top)\n"
        "    seen[top] = pkg.__file__\n"
        "    for info in pkgutil.walk_packages(pkg.__path__, top + '.'):\n"
        "        seen[info.name] = importlib.import_module(info.name).__file__\n"
        "print(json.dumps(seen))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    seen: dict[str, str] = json.loads(done.stdout)
    outside = {name: file for name, file in seen.items() if not file.startswith(str(site))}
    assert not outside, f"imported from outside the wheel: {outside}"
    modules = {p[:-3].replace("/", ".").removesuffix(".__init__") for p in _tracked()
               if p.endswith(".py") and p.split("/")[0] in PACKAGES[:3]}
    assert modules == set(seen), f"tracked but not importable from the wheel: {sorted(modules - set(seen))}"
