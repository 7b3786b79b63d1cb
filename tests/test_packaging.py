"""The wheel lists its packages by hand (rules/ ships as `checker.rules`), so a new
subpackage that is not listed would work in a checkout and be missing once installed."""

import ast
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_every_subpackage_ships_in_the_wheel():
    setup = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(setup["packages"])
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "checker").rglob("__init__.py")}
    on_disk |= {"checker." + ".".join(p.parent.relative_to(ROOT).parts)
                for p in (ROOT / "rules").rglob("__init__.py")}
    assert on_disk - listed == set()
    assert setup["package-dir"]["checker.rules"] == "rules"


def test_a_checkout_run_without_installing_finds_the_top_level_rules(monkeypatch):
    """`python -m checker` from a fresh clone has no `checker.rules` package, only rules/."""
    from checker import lexicon

    if Path(lexicon.__file__).resolve().parent.parent != ROOT:
        pytest.skip("tallycheck is imported from an install (CI's compiled build), not from this checkout")
    monkeypatch.setitem(sys.modules, "checker.rules", None)  # what an uninstalled checkout sees
    assert lexicon._packaged_folder() == ROOT / "rules"
    names = {name for kind, name, _ in lexicon._packaged_files(lexicon._packaged_folder()) if kind == "check"}
    assert {"TC101.toml", "TC106.toml"} <= names


def test_the_compiled_build_names_modules_that_exist():
    """setup.py lists the modules mypyc compiles (TALLYCHECK_MYPYC=1); a renamed module must be renamed there."""
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    paths = next(ast.literal_eval(node.value) for node in tree.body
                 if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "COMPILED")
    assert len(paths) >= 10
    assert all((ROOT / p).exists() for p in paths), [p for p in paths if not (ROOT / p).exists()]
    assert "checker/cli.py" not in paths  # the command line stays interpreted: its start-up is import-bound
