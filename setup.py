"""Build hook: with ``TALLYCHECK_MYPYC=1`` the analysis core is compiled with mypyc; otherwise pure Python.

Everything else about the package is in ``pyproject.toml``. The compiled wheel holds the same sources
beside the extension modules and gives the same findings (CI runs the whole test suite on both builds);
it only runs faster. The modules compiled are the ones every check runs through, and the JSON
encoder; the command line, the other renderers, sources and server stay interpreted.
"""

from __future__ import annotations

import os

from setuptools import setup

COMPILED = [
    "checker/chunks.py", "checker/claims.py", "checker/engine.py", "checker/headlines.py",
    "checker/intervals.py", "checker/lexicon.py", "checker/model.py", "checker/numbers.py",
    "checker/offsets.py", "checker/places.py", "checker/reading.py", "checker/segment.py",
    "checker/shares.py", "checker/tokens.py", "checker/verdicts.py", "checker/vocab.py",
    "checker/tallies",
    "checker/render/json_text.py",  # every file's JSON report (in a folder run, encoded in the workers)
]


def ext_modules() -> list:
    if os.environ.get("TALLYCHECK_MYPYC", "").strip().lower() not in ("1", "true", "yes"):
        return []
    from mypyc.build import mypycify  # a build requirement only when asked for (build_backend/)

    return mypycify(COMPILED, opt_level="3", group_name="tallycheck")


setup(ext_modules=ext_modules())
