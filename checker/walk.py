"""Turn the command line's paths into the list of files to check.

- A file named on the command line is always checked (whatever its suffix, even if
  ``exclude`` matches it or a ``.gitignore`` ignores it) unless ``force-exclude`` is on:
  then it is filtered like a walked file by ``exclude`` and ``include`` (not by
  ``.gitignore``), as with ruff's ``--force-exclude``. That is what a pre-commit hook
  wants, since pre-commit passes file names.
- ``-`` is standard input, shown (and configured, and formatted) as ``--stdin-filename``.
- A directory is walked recursively, files sorted, and only files matching ``include``
  (default: ``*.txt *.md *.markdown *.html *.htm``) are kept. Skipped while walking:
  hidden files and folders (``.git``, ``.drafts``), anything matching ``exclude``,
  anything a ``.gitignore`` ignores (those inside the walked tree and in its parents up
  to the repository root, plus ``.git/info/exclude``), symlinked folders (never
  followed, so no loops), broken symlinks and anything that is not a regular file (pipes,
  devices). A symlink loop (``a.md -> b.md -> a.md``) is reported as an input error.

All patterns are gitignore-style globs (``pathspec``) relative to a base folder.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Sequence
from functools import cache
from typing import TYPE_CHECKING, NamedTuple, Protocol

if TYPE_CHECKING:  # imported when a pattern is first matched: one article from the CLI never needs it
    import pathspec

DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm")
STDIN = "-"


@cache
def _compile(patterns: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _relative(path: str, base: str) -> str:
    """``path`` relative to ``base`` in POSIX form; outside ``base``, the bare absolute path.

    Outside the base, anchored patterns (``/drafts``, ``desk/*.md``) cannot match while
    unanchored ones (``*.draft.md``) still match by name.
    """
    path = os.path.abspath(path)
    rel = os.path.relpath(path, base)
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        rel = path.lstrip(os.sep)
    return rel.replace(os.sep, "/")


class Patterns(NamedTuple):
    """gitignore-style globs relative to the folder ``base`` (an absolute path)."""

    base: str
    patterns: tuple[str, ...] = ()

    def matches(self, path: str, is_dir: bool = False) -> bool:
        if not self.patterns:
            return False
        rel = _relative(path, self.base)
        return _compile(self.patterns).match_file(rel + "/" if is_dir else rel)

    def matches_or_inside(self, path: str) -> bool:
        """True when ``path`` or one of its folders (below ``base``) matches."""
        if self.matches(path):
            return True
        parent = os.path.dirname(os.path.abspath(path))
        while parent != self.base and parent.startswith(self.base + os.sep):
            if self.matches(parent, is_dir=True):
                return True
            parent = os.path.dirname(parent)
        return False


class WalkSettings(Protocol):
    """What the walk needs from the configuration that governs a folder."""

    @property
    def include(self) -> Patterns: ...

    @property
    def exclude(self) -> Patterns: ...

    @property
    def respect_gitignore(self) -> bool: ...

    @property
    def force_exclude(self) -> bool: ...


SettingsFor = Callable[[str], WalkSettings]  # folder -> the settings that govern it


class Target(NamedTuple):
    """One input: ``path`` is what to read (a file or ``-``), ``name`` what to call it.

    ``error`` is set for an input that could not even be listed (an unreadable folder).
    """

    path: str
    name: str
    error: str | None = None


# --- .gitignore -------------------------------------------------------------------------

IgnoreStack = tuple[tuple[str, "pathspec.GitIgnoreSpec"], ...]  # (folder, spec), shallowest first


def _read_ignore_file(path: str) -> pathspec.GitIgnoreSpec | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            import pathspec

            return pathspec.GitIgnoreSpec.from_lines(fh.read().splitlines())
    except OSError:
        return None


def repository_root(folder: str) -> str | None:
    """The nearest folder at or above ``folder`` that holds ``.git`` (a folder or a file)."""
    folder = os.path.abspath(folder)
    while True:
        if os.path.exists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _with_folder(stack: IgnoreStack, folder: str) -> IgnoreStack:
    spec = _read_ignore_file(os.path.join(folder, ".gitignore"))
    return (*stack, (folder, spec)) if spec is not None else stack


def ancestor_ignores(folder: str) -> IgnoreStack:
    """The ignore rules above ``folder``: repository's info/exclude, then .gitignore files
    from the repository root down to ``folder``'s parent. Outside a repository: none."""
    folder = os.path.abspath(folder)
    root = repository_root(folder)
    if root is None:
        return ()
    stack: IgnoreStack = ()
    exclude = _read_ignore_file(os.path.join(root, ".git", "info", "exclude"))
    if exclude is not None:
        stack = ((root, exclude),)
    chain = []
    d = folder
    while d != root:
        d = os.path.dirname(d)
        chain.append(d)
    for d in reversed(chain):
        stack = _with_folder(stack, d)
    return stack


def is_ignored(stack: IgnoreStack, path: str, is_dir: bool = False) -> bool:
    """Git's answer: the deepest file with a matching pattern decides (``!`` re-includes)."""
    ignored = False
    path = os.path.abspath(path)
    for base, spec in stack:
        rel = os.path.relpath(path, base)
        if rel == os.curdir or rel == os.pardir or rel.startswith(os.pardir + os.sep):
            continue
        rel = rel.replace(os.sep, "/")
        result = spec.check_file(rel + "/" if is_dir else rel)
        if result.include is not None:
            ignored = result.include
    return ignored


# --- walking ----------------------------------------------------------------------------


def _sort_key(path: str) -> tuple[str, ...]:
    return tuple(os.path.normpath(path).split(os.sep))


def walk_folder(root: str, settings_for: SettingsFor) -> list[Target]:
    """Every file under ``root`` to check, sorted; see the module docstring for the rules."""
    found: list[Target] = []
    errors: list[Target] = []
    stacks: dict[str, IgnoreStack] = {root: ancestor_ignores(root)}

    def on_error(exc: OSError) -> None:
        name = os.path.normpath(exc.filename or root)
        errors.append(Target(name, name, f"{name}: cannot read folder ({exc.strerror or exc})"))

    for dirpath, dirnames, filenames in os.walk(root, topdown=True, onerror=on_error, followlinks=False):
        stack = _with_folder(stacks.pop(dirpath, ()), dirpath)
        settings = settings_for(dirpath)
        gitignore = settings.respect_gitignore
        keep = []
        for d in sorted(dirnames):
            full = os.path.join(dirpath, d)
            if d.startswith(".") or os.path.islink(full):
                continue
            if settings.exclude.matches(full, is_dir=True) or (gitignore and is_ignored(stack, full, True)):
                continue
            keep.append(d)
            stacks[full] = stack
        dirnames[:] = keep
        for f in filenames:
            full = os.path.join(dirpath, f)
            if f.startswith("."):
                continue
            if not settings.include.matches(full) or settings.exclude.matches(full):
                continue
            if gitignore and is_ignored(stack, full):
                continue
            name = os.path.normpath(full)
            if not os.path.isfile(full):  # a broken link, a pipe, a device: skipped
                if _is_link_loop(full):  # but a loop is a mistake worth reporting
                    found.append(Target(name, name, f"{name}: symbolic link loop"))
                continue
            found.append(Target(name, name))
    found.sort(key=lambda t: _sort_key(t.name))
    return errors + found


def _is_link_loop(path: str) -> bool:
    try:
        os.stat(path)
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def expand_paths(paths: Sequence[str], settings_for: SettingsFor,
                 stdin_filename: str | None = None) -> list[Target]:
    """The inputs to check, in command-line order, each file once."""
    targets: list[Target] = []
    seen: set[str] = set()

    def add(target: Target) -> None:
        key = target.name if target.path == STDIN else os.path.abspath(target.path)
        if key not in seen:
            seen.add(key)
            targets.append(target)

    for path in paths:
        if path == STDIN:
            if stdin_filename and _force_excluded(stdin_filename, False, settings_for):
                continue
            add(Target(STDIN, stdin_filename or STDIN))
            continue
        is_dir = os.path.isdir(path)
        if _force_excluded(path, is_dir, settings_for):
            continue
        if is_dir:
            for target in walk_folder(path, settings_for):
                add(target)
        else:
            add(Target(path, path))
    return targets


def _force_excluded(path: str, is_dir: bool, settings_for: SettingsFor) -> bool:
    """With ``force-exclude``, a path named on the command line is filtered like a walked
    one: dropped when ``exclude`` matches it or a folder above it, or (a file) when
    ``include`` does not match it. ``.gitignore`` is not consulted."""
    absolute = os.path.abspath(path)
    settings = settings_for(absolute if is_dir else os.path.dirname(absolute))
    if not settings.force_exclude:
        return False
    if is_dir:
        return settings.exclude.matches(path, is_dir=True) or settings.exclude.matches_or_inside(path)
    return settings.exclude.matches_or_inside(path) or not settings.include.matches(path)
