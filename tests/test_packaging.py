"""The wheel lists its packages by hand (rules/ ships as `checker.rules`), so a new
subpackage that is not listed would work in a checkout and be missing once installed."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_subpackage_ships_in_the_wheel():
    setup = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(setup["packages"])
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "checker").rglob("__init__.py")}
    on_disk |= {"checker." + ".".join(p.parent.relative_to(ROOT).parts)
                for p in (ROOT / "rules").rglob("__init__.py")}
    assert on_disk - listed == set()
    assert setup["package-dir"]["checker.rules"] == "rules"
