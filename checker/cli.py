"""The ``tallycheck`` command: read files, check them, print a report, exit with a code.

Exit codes: 0 no finding at or above the fail level, 1 findings at or above it, 2 a
usage, configuration or input error (the other files are still checked and reported).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__
from .lexicon import RulesError
from .model import FileReport, Severity
from .render import FORMATS

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="tallycheck",
        description="Check that the totals in news copy add up: breakdowns, restated totals, shares.",
    )
    p.add_argument("paths", nargs="*", metavar="FILE", help="files to check; '-' reads standard input")
    p.add_argument("--format", choices=(*FORMATS, "auto"), default="text",
                   help="output format (default: text; auto picks github under GitHub Actions)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of standard output")
    p.add_argument("--fail-on", choices=("error", "warning", "info"), default="error",
                   help="lowest severity that makes the exit code 1 (default: error)")
    p.add_argument("--stdin-format", choices=("text", "markdown", "html"), default="text",
                   help="how to read standard input (default: text)")
    p.add_argument("--encoding", help="decode files with this encoding instead of UTF-8")
    p.add_argument("--list-rules", action="store_true", help="list the checks and exit")
    p.add_argument("--explain", metavar="ID", help="explain one check (e.g. TC101) and exit")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                   help="colour in text output (default: auto)")
    p.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    p.add_argument("--version", action="version", version=f"tallycheck {__version__}")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return run(args)
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


def run(args: argparse.Namespace) -> int:
    from .registry import registry_for

    registry = registry_for()
    if args.list_rules:
        from .explain import list_rules

        print(list_rules(registry), end="")
        return EXIT_OK
    if args.explain:
        from .explain import explain

        text = explain(registry, args.explain)
        if text is None:
            print(f"tallycheck: unknown rule {args.explain!r} (see --list-rules)", file=sys.stderr)
            return EXIT_ERROR
        print(text, end="")
        return EXIT_OK
    if not args.paths:
        print("tallycheck: no files given (use '-' for standard input; --help for usage)", file=sys.stderr)
        return EXIT_ERROR

    from .runner import RunOptions, check_paths

    reports = check_paths(args.paths, RunOptions(encoding=args.encoding, stdin_format=args.stdin_format))
    from .render import RenderContext, renderer_for, resolve_format

    fmt = resolve_format(args.format)
    to_terminal = args.output is None and sys.stdout.isatty()
    color = args.color == "always" or (args.color == "auto" and to_terminal)
    ctx = RenderContext(registry, __version__, color=color)
    output = renderer_for(fmt)(reports, ctx)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(output)
    else:
        sys.stdout.write(output)
    for r in reports:
        if r.error:
            print(f"tallycheck: {r.error}", file=sys.stderr)
    return exit_code(reports, Severity(args.fail_on))


def exit_code(reports: Sequence[FileReport], fail_on: Severity) -> int:
    if any(r.error for r in reports):
        return EXIT_ERROR
    worst = max((f.severity.rank for r in reports for f in r.analysis.findings), default=0)
    return EXIT_FINDINGS if worst >= fail_on.rank else EXIT_OK
