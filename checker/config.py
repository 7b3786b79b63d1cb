"""Project configuration: ``.tallycheck.toml`` or ``[tool.tallycheck]`` in ``pyproject.toml``.

Discovery walks up from each checked file's folder; the nearest folder with a config
wins, and in one folder ``.tallycheck.toml`` beats ``pyproject.toml``. A
``pyproject.toml`` without a ``[tool.tallycheck]`` table is passed over. Configs do not
merge: the nearest one is the whole configuration (``--config FILE`` replaces discovery).
In ``.tallycheck.toml`` the keys are top-level (``select = [...]``, ``[rules.TC104]``);
in ``pyproject.toml`` they sit under ``[tool.tallycheck]``.

Every problem is a :class:`ConfigError` whose one-line message names the file and key,
e.g. ``pyproject.toml: tool.tallycheck.fail-on: expected one of error, warning, info``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from .model import Severity
from .selection import ALL, Selector, normalize_code, unknown_codes
from .walk import DEFAULT_INCLUDE, Patterns

CONFIG_FILE = ".tallycheck.toml"
PYPROJECT = "pyproject.toml"
SEVERITIES = tuple(s.value for s in Severity)


class ConfigError(Exception):
    """A configuration problem; ``str()`` is the one-line message naming file and key."""


class RuleOptions(NamedTuple):
    """Options of one check (``[rules.TC104]``); only ``severity`` for now."""

    severity: Severity | None = None


_RULE_KEYS = ("severity",)


class Config(NamedTuple):
    """The settings for one file: a config file's values with command-line overrides.

    ``root`` is the folder relative paths and globs are resolved against (the config
    file's folder, or the working directory when there is no config file).
    """

    root: str
    path: str | None = None
    select: tuple[str, ...] = (ALL,)
    ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.ERROR
    extend_rules: tuple[str, ...] = ()
    include: Patterns = Patterns("/", DEFAULT_INCLUDE)
    exclude: Patterns = Patterns("/")
    rules: tuple[tuple[str, RuleOptions], ...] = ()
    report_unused_suppressions: bool = False
    respect_gitignore: bool = True
    force_exclude: bool = False

    @property
    def selector(self) -> Selector:
        return Selector(self.select, self.ignore)

    @property
    def severities(self) -> dict[str, Severity]:
        return {rule: opts.severity for rule, opts in self.rules if opts.severity is not None}

    def options_for(self, rule_id: str) -> RuleOptions:
        return dict(self.rules).get(rule_id.upper(), RuleOptions())


def default_config(root: str) -> Config:
    root = os.path.abspath(root)
    return Config(root, include=Patterns(root, DEFAULT_INCLUDE), exclude=Patterns(root))


class Overrides(NamedTuple):
    """Command-line values; ``None`` leaves the config's value. Paths are already absolute,
    globs are relative to ``cwd``."""

    cwd: str  # the working directory of the run
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    fail_on: Severity | None = None
    extend_rules: tuple[str, ...] | None = None
    exclude: tuple[str, ...] | None = None
    report_unused_suppressions: bool | None = None
    force_exclude: bool | None = None


def known_rule_ids(extend_rules: tuple[str, ...]) -> tuple[str, ...]:
    from .registry import registry_for

    return tuple(c.id for c in registry_for(extend_rules))


# --- reading a config file ---------------------------------------------------------------


def display(path: str) -> str:
    """A path as messages show it: relative to the working directory when inside it."""
    rel = os.path.relpath(path)
    return path if rel.startswith(os.pardir) else rel


class _Reader:
    """Validates one config table; every error names the file and the dotted key."""

    def __init__(self, path: str, prefix: str) -> None:
        self.path = path
        self.prefix = prefix

    def fail(self, key: str, problem: str) -> ConfigError:
        return ConfigError(f"{display(self.path)}: {self.prefix}{key}: {problem}")

    def strings(self, table: Mapping[str, Any], key: str) -> tuple[str, ...] | None:
        if key not in table:
            return None
        value = table[key]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, f"expected a list of strings, got {_describe(value)}")
        return tuple(value)

    def boolean(self, table: Mapping[str, Any], key: str) -> bool | None:
        if key not in table:
            return None
        value = table[key]
        if not isinstance(value, bool):
            raise self.fail(key, f"expected true or false, got {_describe(value)}")
        return value

    def severity(self, table: Mapping[str, Any], key: str) -> Severity | None:
        if key not in table:
            return None
        return parse_severity(table[key], lambda problem: self.fail(key, problem))

    def codes(self, table: Mapping[str, Any], key: str) -> tuple[str, ...] | None:
        raw = self.strings(table, key)
        if raw is None:
            return None
        codes = tuple(normalize_code(c) for c in raw)
        if "" in codes:
            raise self.fail(key, "empty rule id")
        return codes


def _describe(value: Any) -> str:
    kind = {bool: "a boolean", int: "an integer", float: "a number", str: "a string", list: "a list",
            dict: "a table"}.get(type(value), type(value).__name__)
    return f"{kind} ({value!r})" if isinstance(value, str | int | float | bool) else kind


def parse_severity(value: Any, fail: Callable[[str], Exception]) -> Severity:
    if not isinstance(value, str) or value not in SEVERITIES:
        raise fail(f"expected one of {', '.join(SEVERITIES)}, got {_describe(value)}")
    return Severity(value)


_KEYS = ("select", "ignore", "fail-on", "extend-rules", "include", "exclude", "rules",
         "report-unused-suppressions", "respect-gitignore", "force-exclude")


def _check_keys(reader: _Reader, table: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    for key in table:
        if key not in allowed:
            import difflib  # only on an error

            hint = difflib.get_close_matches(key, allowed, n=1)
            extra = f" (did you mean {hint[0]!r}?)" if hint else f" (expected one of {', '.join(allowed)})"
            raise reader.fail(key, f"unknown key{extra}")


def read_table(path: str) -> tuple[Mapping[str, Any], str] | None:
    """The tallycheck table of a config file and its key prefix for messages, or None for a
    pyproject.toml without ``[tool.tallycheck]``."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise ConfigError(f"{display(path)}: cannot read ({exc.strerror or exc})") from None
    is_pyproject = os.path.basename(path) == PYPROJECT
    if is_pyproject and b"tallycheck" not in data:
        return None
    import tomllib  # here, not at the top: a run with no configuration file never needs it

    try:
        doc = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{display(path)}: not valid UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{display(path)}: invalid TOML: {exc}") from None
    if not is_pyproject:
        if "tool" in doc:
            raise ConfigError(f"{display(path)}: tool: unknown key (in {CONFIG_FILE} the keys are "
                              "top-level: write select = [...], not [tool.tallycheck])")
        return doc, ""
    table = doc.get("tool", {}).get("tallycheck") if isinstance(doc.get("tool"), dict) else None
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ConfigError(f"{display(path)}: tool.tallycheck: expected a table, got {_describe(table)}")
    return table, "tool.tallycheck."


def load_config(path: str) -> Config:
    """Read and validate one config file (raises :class:`ConfigError`).

    A pyproject.toml without ``[tool.tallycheck]`` named explicitly gives the defaults.
    """
    path = os.path.abspath(path)
    root = os.path.dirname(path)
    found = read_table(path)
    if found is None:
        return default_config(root)._replace(path=path)
    table, prefix = found
    r = _Reader(path, prefix)
    _check_keys(r, table, _KEYS)
    config = default_config(root)
    changes: dict[str, Any] = {"path": path}

    extend = r.strings(table, "extend-rules")
    if extend is not None:
        folders = tuple(os.path.normpath(os.path.join(root, f)) for f in extend)
        for raw, folder in zip(extend, folders, strict=True):
            if not os.path.isdir(folder):
                raise r.fail("extend-rules", f"rules folder {raw!r} not found (relative to {display(root)})")
        changes["extend_rules"] = folders
    known = _known_ids(r, changes.get("extend_rules", ()))

    for key in ("select", "ignore"):
        codes = r.codes(table, key)
        if codes is not None:
            bad = unknown_codes(codes, known)
            if bad:
                raise r.fail(key, f"unknown rule {bad[0]!r} (see tallycheck --list-rules)")
            changes[key] = codes
    fail_on = r.severity(table, "fail-on")
    if fail_on is not None:
        changes["fail_on"] = fail_on
    for key in ("include", "exclude"):
        globs = r.strings(table, key)
        if globs is not None:
            changes[key] = Patterns(root, globs)
    for key in ("report-unused-suppressions", "respect-gitignore", "force-exclude"):
        flag = r.boolean(table, key)
        if flag is not None:
            changes[key.replace("-", "_")] = flag
    if "rules" in table:
        changes["rules"] = _rule_options(r, table["rules"], known)
    return config._replace(**changes)


def _known_ids(r: _Reader, extend_rules: tuple[str, ...]) -> tuple[str, ...]:
    from .lexicon import RulesError

    try:
        return known_rule_ids(extend_rules)
    except RulesError as exc:
        raise r.fail("extend-rules", str(exc)) from None


def _rule_options(r: _Reader, rules: Any, known: tuple[str, ...]) -> tuple[tuple[str, RuleOptions], ...]:
    if not isinstance(rules, dict):
        raise r.fail("rules", f"expected a table of rule ids, got {_describe(rules)}")
    out = []
    for rule_id, options in rules.items():
        key = f"rules.{rule_id}"
        if rule_id.upper() not in known:
            raise r.fail(key, "unknown rule (per-rule tables take a full id such as TC104)")
        if not isinstance(options, dict):
            raise r.fail(key, f"expected a table, got {_describe(options)}")
        sub = _Reader(r.path, f"{r.prefix}{key}.")
        _check_keys(sub, options, _RULE_KEYS)
        severity = sub.severity(options, "severity")
        out.append((rule_id.upper(), RuleOptions(severity)))
    return tuple(sorted(out))


# --- discovery ------------------------------------------------------------------------


def find_config_file(folder: str) -> str | None:
    """The nearest config at or above ``folder``: ``.tallycheck.toml`` first in each folder,
    then a ``pyproject.toml`` that has ``[tool.tallycheck]``."""
    folder = os.path.abspath(folder)
    while True:
        candidate = os.path.join(folder, CONFIG_FILE)
        if os.path.isfile(candidate):
            return candidate
        candidate = os.path.join(folder, PYPROJECT)
        if os.path.isfile(candidate) and read_table(candidate) is not None:
            return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def apply_overrides(config: Config, o: Overrides) -> Config:
    """The config with command-line values put over it (validated against its rules).

    ``--select`` replaces the config's whole selection (its ``ignore`` too, as in ruff), so
    ``--select TC101`` always checks TC101; ``--ignore`` alone replaces only ``ignore``.
    """
    changes: dict[str, Any] = {}
    if o.extend_rules is not None:
        for folder in o.extend_rules:
            if not os.path.isdir(folder):
                raise ConfigError(f"--extend-rules: rules folder {display(folder)!r} not found")
        changes["extend_rules"] = o.extend_rules
    if o.select is not None or o.ignore is not None:
        from .lexicon import RulesError

        try:
            known = known_rule_ids(changes.get("extend_rules", config.extend_rules))
        except RulesError as exc:
            raise ConfigError(f"--extend-rules: {exc}") from None
        for flag, codes in (("--select", o.select), ("--ignore", o.ignore)):
            if codes is None:
                continue
            bad = unknown_codes(codes, known)
            if bad:
                raise ConfigError(f"{flag}: unknown rule {bad[0]!r} (see tallycheck --list-rules)")
            changes[flag[2:]] = codes
        if o.select is not None and o.ignore is None:
            changes["ignore"] = ()  # as in ruff: a command-line select replaces the config's selection
    if o.fail_on is not None:
        changes["fail_on"] = o.fail_on
    if o.exclude is not None:
        changes["exclude"] = Patterns(os.path.abspath(o.cwd), o.exclude)
    if o.report_unused_suppressions is not None:
        changes["report_unused_suppressions"] = o.report_unused_suppressions
    if o.force_exclude is not None:
        changes["force_exclude"] = o.force_exclude
    return config._replace(**changes) if changes else config


class ConfigResolver:
    """The :class:`Config` for any folder: discovered (cached per folder) or ``--config``,
    with the command-line overrides applied."""

    def __init__(self, overrides: Overrides | None = None, config_file: str | None = None) -> None:
        self.overrides = overrides or Overrides(os.getcwd())
        self._fixed: Config | None = None
        if config_file is not None:
            if not os.path.isfile(config_file):
                raise ConfigError(f"--config: {config_file}: no such file")
            self._fixed = apply_overrides(load_config(config_file), self.overrides)
        self._by_folder: dict[str, Config] = {}
        self._by_file: dict[str | None, Config] = {}

    def for_folder(self, folder: str) -> Config:
        if self._fixed is not None:
            return self._fixed
        folder = os.path.abspath(folder)
        config = self._by_folder.get(folder)
        if config is None:
            path = find_config_file(folder)
            config = self._by_file.get(path)
            if config is None:
                base = load_config(path) if path else default_config(self.overrides.cwd)
                config = apply_overrides(base, self.overrides)
                self._by_file[path] = config
            self._by_folder[folder] = config
        return config

    def for_file(self, path: str) -> Config:
        return self.for_folder(os.path.dirname(os.path.abspath(path)))
