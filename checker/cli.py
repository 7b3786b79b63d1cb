"""The ``tallycheck`` command: find files, check them, print a report, exit with a code.

Exit codes: 0 no finding at or above the fail level, 1 findings at or above it, 2 a
usage, configuration or input error (the other files are still checked and reported;
2 outranks 1). Each file is judged by the ``fail-on`` of its own configuration.
"""

from __future__ import annotations

import argparse
import codecs
import itertools
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing
from functools import partial
from typing import TYPE_CHECKING, NoReturn

from . import __version__
from .baseline import BaselineError
from .config import ConfigError, ConfigResolver, Overrides
from .lexicon import RulesError
from .model import FileReport, Severity
from .parallel import available_cores, positive_jobs
from .reading import DEFAULT_MAX_SIZE, check_encoding, parse_size
from .render import FORMATS
from .runtime import exit_quickly, tune_gc

if TYPE_CHECKING:
    from .runner import Outcome, RunOptions

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SEVERITIES = ("error", "warning", "info")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="tallycheck",
        description="Check that the totals in news copy add up: breakdowns, restated totals, shares.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="files or folders to check (folders are walked); '-' reads standard input")
    p.add_argument("--format", choices=(*FORMATS, "auto"), default="text",
                   help="output format (default: text; auto picks github under GitHub Actions)")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="write the report to FILE instead of standard output")

    control = p.add_argument_group("configuration (overrides .tallycheck.toml / [tool.tallycheck])")
    control.add_argument("--config", metavar="FILE",
                         help="use this config file instead of discovering one per file")
    control.add_argument("--select", metavar="IDS", action="append",
                         help="comma-separated rule ids or prefixes to check (default: all)")
    control.add_argument("--ignore", metavar="IDS", action="append",
                         help="comma-separated rule ids or prefixes not to check")
    control.add_argument("--fail-on", choices=SEVERITIES,
                         help="lowest severity that makes the exit code 1 (default: error)")
    control.add_argument("--extend-rules", metavar="DIR", action="append",
                         help="a folder of extra rules merged over the packaged ones (repeatable)")
    control.add_argument("--exclude", metavar="GLOB", action="append",
                         help="gitignore-style glob (relative to the working folder) of files and "
                              "folders to skip while walking (repeatable)")
    control.add_argument("--force-exclude", action=argparse.BooleanOptionalAction,
                         help="filter files named on the command line by exclude/include too")
    control.add_argument("--report-unused-suppressions", action=argparse.BooleanOptionalAction,
                         help="report suppression comments that suppressed nothing (TC900, info)")
    control.add_argument("--baseline", metavar="FILE",
                         help="report only findings that are not in this baseline file")
    control.add_argument("--write-baseline", metavar="FILE",
                         help="record today's findings in FILE (JSON) and exit 0")
    control.add_argument("--show-files", action="store_true",
                         help="list the files that would be checked and exit")

    inputs = p.add_argument_group("input")
    inputs.add_argument("--stdin-filename", metavar="NAME",
                        help="name standard input: its suffix picks the format, its folder the "
                             "config, and reports show it")
    inputs.add_argument("--stdin-format", choices=("text", "markdown", "html"),
                        help="how to read standard input (default: from --stdin-filename, else text)")
    inputs.add_argument("--encoding", type=_encoding,
                        help="decode files with this encoding instead of UTF-8 (a byte-order mark still decides)")
    inputs.add_argument("--max-size", type=_size, default=DEFAULT_MAX_SIZE, metavar="SIZE",
                        help="skip (as an input error) files larger than SIZE, e.g. 500KB, 20MB or bytes "
                             "(default: 20MB; KB = 1024 bytes)")
    inputs.add_argument("-j", "--jobs", type=positive_jobs, metavar="N",
                        help="check files on N processes (default: all cores; 1: no worker processes)")

    p.add_argument("--list-rules", action="store_true", help="list the checks and exit")
    p.add_argument("--explain", metavar="ID", help="explain one check (e.g. TC101) and exit")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                   help="colour in text output (default: auto)")
    p.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    p.add_argument("--version", action="version", version=f"tallycheck {__version__}")
    return p


def console_main() -> NoReturn:
    """The ``tallycheck`` script and ``python -m checker``: run, then exit without the last collection."""
    exit_quickly(main())


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    tune_gc()
    if argv[:1] == ["serve"]:  # tallycheck serve [--host H] [--port P] ...: the copy-desk page and API
        from .server import serve_main

        return serve_main(argv[1:])
    args = build_parser().parse_args(argv)
    try:
        return run(args)
    except (ConfigError, BaselineError) as exc:
        print(f"tallycheck: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except RulesError as exc:
        print(f"tallycheck: rules error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("tallycheck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # never a traceback for users
        if args.debug:
            raise
        print(f"tallycheck: internal error: {type(exc).__name__}: {exc} "
              "(please report it; run with --debug for the traceback)", file=sys.stderr)
        return EXIT_ERROR


def _codes(values: list[str] | None) -> tuple[str, ...] | None:
    """``--select TC1,TC2 --select TC3`` -> (TC1, TC2, TC3), upper-cased."""
    if values is None:
        return None
    from .selection import normalize_code

    return tuple(normalize_code(c) for v in values for c in v.split(",") if c.strip())


def overrides_from(args: argparse.Namespace) -> Overrides:
    cwd = os.getcwd()
    return Overrides(
        cwd=cwd,
        select=_codes(args.select),
        ignore=_codes(args.ignore),
        fail_on=Severity(args.fail_on) if args.fail_on else None,
        extend_rules=tuple(os.path.abspath(d) for d in args.extend_rules) if args.extend_rules else None,
        exclude=tuple(args.exclude) if args.exclude else None,
        report_unused_suppressions=args.report_unused_suppressions,
        force_exclude=args.force_exclude,
    )


def run(args: argparse.Namespace) -> int:
    from .registry import registry_for

    resolver = ConfigResolver(overrides_from(args), args.config)
    if args.list_rules or args.explain:
        registry = registry_for(resolver.for_folder(os.getcwd()).extend_rules)
        if args.list_rules:
            from .explain import list_rules

            print(list_rules(registry), end="")
            return EXIT_OK
        from .explain import explain

        text = explain(registry, args.explain)
        if text is None:
            print(f"tallycheck: unknown rule {args.explain!r} (see --list-rules)", file=sys.stderr)
            return EXIT_ERROR
        print(text, end="")
        return EXIT_OK
    paths = list(args.paths)
    if not paths and args.stdin_filename:
        paths = ["-"]
    if not paths:
        print("tallycheck: no files given (use '-' for standard input; --help for usage)", file=sys.stderr)
        return EXIT_ERROR
    if args.show_files:
        return show_files(paths, args, resolver)

    from .baseline import load_baseline, write_baseline
    from .runner import RunOptions, run_paths

    baseline = load_baseline(args.baseline) if args.baseline and not args.write_baseline else None
    options = RunOptions(encoding=args.encoding, stdin_format=args.stdin_format,
                         stdin_filename=args.stdin_filename, baseline=baseline, max_size=args.max_size)
    jobs = args.jobs or available_cores()
    if args.write_baseline:
        reports = [o.report for o in run_paths(paths, options, resolver, jobs=jobs, show_progress=True)]
        count = write_baseline(args.write_baseline, reports)
        print(f"tallycheck: wrote {count} finding{'s' if count != 1 else ''} to {args.write_baseline}",
              file=sys.stderr)
        _print_errors(reports)
        return EXIT_ERROR if any(r.error for r in reports) else EXIT_OK
    return report(paths, options, resolver, jobs, args)


def report(paths: Sequence[str], options: RunOptions, resolver: ConfigResolver, jobs: int,
           args: argparse.Namespace) -> int:
    """Check the inputs and write the report. Formats that can (text, concise, json, github) are
    written a file at a time, keeping only each file's findings: memory does not grow with the
    number of files. sarif and html need every report first."""
    from .registry import registry_for
    from .render import RenderContext, part_renderer_for, prerender, renderer_for, resolve_format, streamer_for
    from .runner import iter_outcomes

    fmt = resolve_format(args.format)
    to_terminal = args.output is None and sys.stdout.isatty()
    color = args.color == "always" or (args.color == "auto" and to_terminal)
    try:
        sink = open(args.output, "w", encoding="utf-8", errors=ESCAPE) if args.output else None  # noqa: SIM115
    except OSError as exc:
        print(f"tallycheck: {args.output}: cannot write report ({exc.strerror or exc})", file=sys.stderr)
        return EXIT_ERROR
    write = sink.write if sink is not None else _write_stdout
    codes: list[int] = []
    errors: list[str] = []  # printed after the report; nothing else of a file outlives its rendering

    def checked(outcomes: Iterable[Outcome]) -> Iterator[FileReport]:
        for o in outcomes:
            codes.append(file_exit_code(o.report, o.config.fail_on))
            if o.report.error:
                errors.append(o.report.error)
            yield o.report

    # a pool's workers render each file's part of a streamed report and send back only that and the
    # findings; the report is the same, and the parent is spared most of its work
    finish = partial(prerender, fmt) if part_renderer_for(fmt) is not None else None
    with closing(iter_outcomes(paths, options, resolver, jobs, show_progress=True, finish=finish)) as outcomes:
        first = next(outcomes, None)
        # Rule docs (SARIF's tool.driver.rules, --format html) come from the first file's rules.
        extend_rules = first.config.extend_rules if first is not None else ()
        ctx = RenderContext(registry_for(extend_rules), __version__, color=color)
        reports = checked(itertools.chain([first] if first is not None else [], outcomes))
        stream = streamer_for(fmt)
        try:
            if stream is not None:
                stream(reports, ctx, write)
            else:
                write(renderer_for(fmt)(list(reports), ctx))
        finally:
            if sink is not None:
                sink.close()
    for error in errors:
        print(f"tallycheck: {error}", file=sys.stderr)
    return max(codes, default=EXIT_OK)


def _escape(exc: UnicodeError) -> tuple[str, int]:
    """``\\uXXXX`` for characters an encoding cannot hold: readable as text, valid inside JSON strings."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = []
    for ch in exc.object[exc.start : exc.end]:
        code = ord(ch)
        if code > 0xFFFF:  # a surrogate pair, as JSON spells it
            code -= 0x10000
            out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            out.append(f"\\u{code:04x}")
    return "".join(out), exc.end


ESCAPE = "tallycheck.escape"
codecs.register_error(ESCAPE, _escape)


def _write_stdout(output: str) -> None:
    """Print the report; what the output's encoding cannot hold (a lone surrogate decoded with
    ``--encoding utf-7``, an undecodable file name, any non-ASCII on an ASCII terminal) is
    written as a ``\\uXXXX`` escape, not a crash."""
    try:
        sys.stdout.write(output)
    except UnicodeEncodeError:
        encoding = sys.stdout.encoding or "utf-8"
        sys.stdout.write(output.encode(encoding, ESCAPE).decode(encoding))


def _size(text: str) -> int:
    try:
        return parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _encoding(name: str) -> str:
    try:
        return check_encoding(name)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def show_files(paths: Sequence[str], args: argparse.Namespace, resolver: ConfigResolver) -> int:
    from .walk import expand_paths

    targets = expand_paths(paths, resolver.for_folder, args.stdin_filename)
    for t in targets:
        if t.error:
            print(f"tallycheck: {t.error}", file=sys.stderr)
        else:
            _write_stdout(t.name + "\n")
    return EXIT_ERROR if any(t.error for t in targets) else EXIT_OK


def _print_errors(reports: Sequence[FileReport]) -> None:
    for r in reports:
        if r.error:
            print(f"tallycheck: {r.error}", file=sys.stderr)


def file_exit_code(report: FileReport, fail_on: Severity) -> int:
    if report.error:
        return EXIT_ERROR
    worst = max((f.severity.rank for f in report.analysis.findings), default=0)
    return EXIT_FINDINGS if worst >= fail_on.rank else EXIT_OK

