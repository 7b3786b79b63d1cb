"""Config files: discovery, every key, and one-line errors that name the file and the key."""

import os
from pathlib import Path

import pytest

from checker.config import (
    ConfigError,
    ConfigResolver,
    Overrides,
    RuleOptions,
    apply_overrides,
    find_config_file,
    load_config,
)
from checker.model import Severity

CONTROL = Path(__file__).parent / "control"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- discovery ----------------------------------------------------------------------------


def test_nearest_config_wins_and_tallycheck_toml_beats_pyproject():
    d = CONTROL / "discovery"
    assert find_config_file(str(d / "desk" / "sub")) == str(d / "desk" / ".tallycheck.toml")
    assert find_config_file(str(d / "both")) == str(d / "both" / ".tallycheck.toml")
    assert find_config_file(str(d)) == str(d / "pyproject.toml")


def test_pyproject_without_a_tallycheck_table_is_passed_over():
    d = CONTROL / "discovery"
    assert find_config_file(str(d / "other-tool")) == str(d / "pyproject.toml")


def test_no_config_anywhere(tmp_path):
    assert find_config_file(str(tmp_path)) is None
    config = ConfigResolver(Overrides(cwd=str(tmp_path))).for_folder(str(tmp_path))
    assert config.path is None and config.fail_on is Severity.ERROR


def test_resolver_caches_one_config_per_file(tmp_path):
    write(tmp_path / ".tallycheck.toml", 'fail-on = "warning"\n')
    (tmp_path / "a" / "b").mkdir(parents=True)
    resolver = ConfigResolver(Overrides(cwd=str(tmp_path)))
    assert resolver.for_folder(str(tmp_path / "a" / "b")) is resolver.for_file(str(tmp_path / "x.txt"))


def test_explicit_config_replaces_discovery(tmp_path):
    cfg = write(tmp_path / "elsewhere" / "house.toml", 'ignore = ["TC104"]\n')
    resolver = ConfigResolver(Overrides(cwd=str(tmp_path)), str(cfg))
    assert resolver.for_folder(str(CONTROL / "discovery" / "desk")).ignore == ("TC104",)


def test_explicit_config_must_exist(tmp_path):
    with pytest.raises(ConfigError, match=r"--config: .*missing\.toml: no such file"):
        ConfigResolver(Overrides(cwd=str(tmp_path)), str(tmp_path / "missing.toml"))


# --- keys ---------------------------------------------------------------------------------


def test_every_key_in_tallycheck_toml(tmp_path):
    (tmp_path / "house-rules").mkdir()
    cfg = write(tmp_path / ".tallycheck.toml", """\
select = ["tc1", "TC105"]
ignore = ["TC104"]
fail-on = "warning"
extend-rules = ["house-rules"]
include = ["articles/**/*.md"]
exclude = ["drafts/"]
report-unused-suppressions = true
respect-gitignore = false
force-exclude = true

[rules.TC104]
severity = "error"
""")
    c = load_config(str(cfg))
    assert c.path == str(cfg) and c.root == str(tmp_path)
    assert c.select == ("TC1", "TC105") and c.ignore == ("TC104",)
    assert c.fail_on is Severity.WARNING
    assert c.extend_rules == (str(tmp_path / "house-rules"),)
    assert c.include.base == str(tmp_path) and c.include.patterns == ("articles/**/*.md",)
    assert c.exclude.patterns == ("drafts/",)
    assert (c.report_unused_suppressions, c.respect_gitignore, c.force_exclude) == (True, False, True)
    assert c.rules == (("TC104", RuleOptions(Severity.ERROR)),)
    assert c.severities == {"TC104": Severity.ERROR}
    assert c.options_for("tc104").severity is Severity.ERROR


def test_pyproject_table(tmp_path):
    cfg = write(tmp_path / "pyproject.toml", """\
[project]
name = "x"

[tool.tallycheck]
ignore = ["TC10"]

[tool.tallycheck.rules.TC101]
severity = "info"
""")
    c = load_config(str(cfg))
    assert c.ignore == ("TC10",) and c.severities == {"TC101": Severity.INFO}


def test_defaults(tmp_path):
    c = load_config(str(write(tmp_path / ".tallycheck.toml", "# nothing set\n")))
    assert c.select == ("ALL",) and c.ignore == () and c.fail_on is Severity.ERROR
    assert c.include.patterns == ("*.txt", "*.md", "*.markdown", "*.html", "*.htm")
    assert c.exclude.patterns == () and c.respect_gitignore and not c.force_exclude


def test_extend_rules_rule_ids_are_known_to_select(tmp_path):
    write(tmp_path / "house" / "checks" / "NR201.toml", """\
id = "NR201"
name = "house-style-total"
family = "house"
severity = "warning"
summary = "A house check."
message = "house {total}"
why = "Because the desk says so."
""")
    cfg = write(tmp_path / ".tallycheck.toml", 'extend-rules = ["house"]\nselect = ["NR2"]\n')
    assert load_config(str(cfg)).select == ("NR2",)


# --- errors: one line, naming the file and the key -----------------------------------------

BAD = [
    ('fail-on = "fatal"', "fail-on: expected one of error, warning, info, got a string ('fatal')"),
    ("fail-on = 2", "fail-on: expected one of error, warning, info, got an integer (2)"),
    ('select = "TC101"', "select: expected a list of strings, got a string ('TC101')"),
    ("select = [101]", "select: expected a list of strings, got a list"),
    ('select = ["TC999"]', "select: unknown rule 'TC999'"),
    ('ignore = ["XY1"]', "ignore: unknown rule 'XY1'"),
    ('ignore = [""]', "ignore: empty rule id"),
    ('selct = ["TC101"]', "selct: unknown key (did you mean 'select'?)"),
    ("colour = true", "colour: unknown key (expected one of select, ignore"),
    ('extend-rules = ["nowhere"]', "extend-rules: rules folder 'nowhere' not found"),
    ('extend-rules = "house"', "extend-rules: expected a list of strings"),
    ('exclude = "drafts/"', "exclude: expected a list of strings"),
    ('report-unused-suppressions = "yes"', "report-unused-suppressions: expected true or false"),
    ('rules = ["TC101"]', "rules: expected a table of rule ids"),
    ('[rules.TC999]\nseverity = "error"', "rules.TC999: unknown rule"),
    ('[rules.TC1]\nseverity = "error"', "rules.TC1: unknown rule"),
    ('[rules.TC104]\nlevel = "error"', "rules.TC104.level: unknown key"),
    ('[rules.TC104]\nseverity = "fatal"', "rules.TC104.severity: expected one of error, warning, info"),
    ("[rules]\nTC104 = 3", "rules.TC104: expected a table"),
    ('[tool.tallycheck]\nselect = ["TC1"]', "tool: unknown key (in .tallycheck.toml the keys are top-level"),
    ("select = [", "invalid TOML"),
]


@pytest.mark.parametrize(("body", "message"), BAD, ids=[b[1].split(":")[0] for b in BAD])
def test_bad_tallycheck_toml(tmp_path, body, message):
    cfg = write(tmp_path / ".tallycheck.toml", body + "\n")
    with pytest.raises(ConfigError) as exc:
        load_config(str(cfg))
    text = str(exc.value)
    assert "\n" not in text
    assert text.startswith(os.path.relpath(cfg) if not os.path.relpath(cfg).startswith("..") else str(cfg))
    assert f": {message}" in text


@pytest.mark.parametrize(("body", "message"), [
    ('fail-on = "fatal"', "tool.tallycheck.fail-on: expected one of"),
    ('[tool.tallycheck.rules.TC104]\nlevel = "error"', "tool.tallycheck.rules.TC104.level: unknown key"),
    ('selct = []', "tool.tallycheck.selct: unknown key"),
])
def test_bad_pyproject_names_the_dotted_key(tmp_path, body, message):
    cfg = write(tmp_path / "pyproject.toml", f"[tool.tallycheck]\n{body}\n")
    with pytest.raises(ConfigError, match=r"pyproject\.toml: ") as exc:
        load_config(str(cfg))
    assert message in str(exc.value)


def test_broken_pyproject_is_an_error_only_if_it_mentions_tallycheck(tmp_path):
    write(tmp_path / "pyproject.toml", "[project\nname = 1\n")
    assert find_config_file(str(tmp_path)) is None
    write(tmp_path / "pyproject.toml", "[tool.tallycheck\nselect = 1\n")
    with pytest.raises(ConfigError, match=r"pyproject\.toml: invalid TOML"):
        find_config_file(str(tmp_path))


# --- command-line overrides ---------------------------------------------------------------


def test_overrides_replace_config_values(tmp_path):
    cfg = write(tmp_path / ".tallycheck.toml", 'select = ["TC1"]\nignore = ["TC104"]\nfail-on = "info"\n')
    base = load_config(str(cfg))
    o = Overrides(cwd=str(tmp_path), ignore=("TC105",), fail_on=Severity.WARNING, exclude=("*.draft.md",),
                  force_exclude=True, report_unused_suppressions=True)
    c = apply_overrides(base, o)
    assert (c.select, c.ignore, c.fail_on) == (("TC1",), ("TC105",), Severity.WARNING)
    assert c.exclude.base == str(tmp_path) and c.exclude.patterns == ("*.draft.md",)
    assert c.force_exclude and c.report_unused_suppressions


def test_command_line_select_replaces_the_whole_selection(tmp_path):
    base = load_config(str(write(tmp_path / ".tallycheck.toml", 'ignore = ["TC101"]\n')))
    c = apply_overrides(base, Overrides(cwd=str(tmp_path), select=("TC101",)))
    assert (c.select, c.ignore) == (("TC101",), ())
    assert c.selector.enabled("TC101")


def test_override_errors_name_the_flag(tmp_path):
    base = load_config(str(write(tmp_path / ".tallycheck.toml", "\n")))
    with pytest.raises(ConfigError, match=r"^--select: unknown rule 'TC9'"):
        apply_overrides(base, Overrides(cwd=str(tmp_path), select=("TC9",)))
    with pytest.raises(ConfigError, match=r"^--extend-rules: rules folder .* not found"):
        apply_overrides(base, Overrides(cwd=str(tmp_path), extend_rules=(str(tmp_path / "nope"),)))


def test_nothing_is_written(tmp_path):
    cfg = write(tmp_path / ".tallycheck.toml", 'select = ["TC1"]\n')
    before = cfg.stat().st_mtime_ns, cfg.read_bytes()
    load_config(str(cfg))
    assert (cfg.stat().st_mtime_ns, cfg.read_bytes()) == before
