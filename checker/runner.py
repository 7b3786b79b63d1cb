"""Check many inputs: find the files, read each, run the engine, apply the project's control.

Per file: read -> source format -> Engine(extend-rules).analyse -> inline suppressions
-> select/ignore -> per-rule severities -> unused suppressions (TC900) -> baseline.
A file that cannot be read becomes a report with ``error`` set, never an exception;
configuration problems raise :class:`~checker.config.ConfigError` for the CLI to report.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import closing
from typing import TYPE_CHECKING, NamedTuple

from .baseline import Baseline
from .config import Config, ConfigResolver, default_config
from .engine import Engine
from .model import Analysis, FileReport
from .reading import DEFAULT_MAX_SIZE, InputError, read_document
from .selection import select_findings
from .sources import Directive, SourceText, format_for_path, load_source
from .suppress import apply_suppressions, unused_findings
from .walk import STDIN, Target, expand_paths

if TYPE_CHECKING:
    from .parallel import Finish


class RunOptions(NamedTuple):
    """How to read inputs. ``stdin_format`` None: from ``stdin_filename``'s suffix, else text.
    ``extra_rules`` is used by :func:`check_one` only (a run takes it from the config)."""

    encoding: str | None = None
    stdin_format: str | None = None
    extra_rules: tuple[str, ...] = ()
    stdin_filename: str | None = None
    baseline: Baseline | None = None
    max_size: int = DEFAULT_MAX_SIZE  # bytes; a larger file is an input error, not read


class Outcome(NamedTuple):
    """One checked input with the configuration it was checked under."""

    report: FileReport
    config: Config


def source_format(target: Target, options: RunOptions) -> str:
    if target.path == STDIN:
        if options.stdin_format:
            return options.stdin_format
        return format_for_path(target.name) if target.name != STDIN else "text"
    return format_for_path(target.path)


def directives_of(source: SourceText) -> tuple[Directive, ...]:
    """The document's suppression directives; plain text is scanned for them here."""
    if source.directives or source.format != "text":
        return source.directives
    from .sources.directives import text_directives

    return tuple(text_directives(source.source))


def review(analysis: Analysis, source: SourceText, config: Config) -> Analysis:
    """Apply suppressions, selection and severities to what the engine found. Pure."""
    text = source.source
    result = apply_suppressions(analysis.findings, directives_of(source), text)
    findings = select_findings(result.kept, config.selector, config.severities)
    if config.report_unused_suppressions:
        findings += unused_findings(result.unused, text)
    findings = tuple(sorted(findings, key=lambda f: (f.primary.start, f.rule_id)))
    return analysis._replace(findings=findings)


def check_target(target: Target, config: Config, options: RunOptions) -> FileReport:
    if target.error:
        return FileReport(target.name, error=target.error)
    try:
        doc = read_document(target.path, options.encoding, options.max_size)
    except InputError as exc:
        message = str(exc).replace("<stdin>", target.name) if target.path == STDIN else str(exc)
        return FileReport(target.name, error=message)
    source = load_source(doc.text, source_format(target, options))
    analysis = review(Engine(config.extend_rules).analyse(source), source, config)
    if options.baseline is not None:
        new = options.baseline.new_findings(target.name, analysis.findings, doc.text)
        analysis = analysis._replace(findings=new)
    return FileReport(target.name, doc.text, analysis)


def config_for(target: Target, resolver: ConfigResolver) -> Config:
    if target.path == STDIN and target.name == STDIN:
        return resolver.for_folder(resolver.overrides.cwd)
    return resolver.for_file(target.name)


def run_paths(paths: Sequence[str], options: RunOptions, resolver: ConfigResolver, jobs: int = 1,
              show_progress: bool = False) -> list[Outcome]:
    """Expand ``paths`` (folders are walked) and check every input with its own config.

    ``jobs`` > 1 checks many files on that many processes (:mod:`checker.parallel`): the
    same reports in the same order. ``show_progress`` draws a bar on a terminal's stderr.
    """
    with closing(iter_outcomes(paths, options, resolver, jobs, show_progress)) as outcomes:
        return list(outcomes)


def iter_outcomes(paths: Sequence[str], options: RunOptions, resolver: ConfigResolver, jobs: int = 1,
                  show_progress: bool = False, finish: Finish | None = None) -> Iterator[Outcome]:
    """:func:`run_paths` one outcome at a time, in order (for output written as it comes);
    close it, or run it to the end, so that the pool stops. ``finish`` is applied to each report
    the pool's workers make, before they send it (see :func:`checker.parallel.check_many`)."""
    from .parallel import progress_bar

    targets = expand_paths(paths, resolver.for_folder, options.stdin_filename)
    items = ((target, config_for(target, resolver)) for target in targets)
    if jobs > 1 and len(targets) >= MIN_POOL_FILES:
        from .parallel import batch_size, check_many

        size = batch_size(len(targets), jobs)
        checked = check_many(items, options, min(jobs, -(-len(targets) // size)), finish, size)
    else:
        checked = ((target, config, check_target(target, config, options)) for target, config in items)
    with progress_bar(len(targets), enabled=show_progress) as bar, closing(checked):
        for _target, config, report in checked:
            bar.advance()
            yield Outcome(report, config)


MIN_POOL_FILES = 4  # fewer files are checked in-process: starting workers would cost more than it saves


def check_one(path: str, options: RunOptions) -> FileReport:
    """Check one file with the default configuration (no discovery) and ``extra_rules``."""
    config = default_config(os.getcwd())._replace(extend_rules=options.extra_rules)
    name = options.stdin_filename if path == STDIN and options.stdin_filename else path
    return check_target(Target(path, name), config, options)


def check_paths(paths: Sequence[str], options: RunOptions,
                resolver: ConfigResolver | None = None) -> list[FileReport]:
    return [o.report for o in run_paths(paths, options, resolver or ConfigResolver())]
