"""``--list-rules`` and ``--explain ID``: the checks' docs, read from ``rules/checks``."""

from __future__ import annotations

import textwrap

from .registry import Registry


def list_rules(registry: Registry) -> str:
    lines = [f"{'id':<7}{'name':<34}{'severity':<10}summary"]
    for c in registry:
        lines.append(f"{c.id:<7}{c.name:<34}{c.severity.value:<10}{c.summary}")
    return "\n".join(lines) + "\n"


def explain(registry: Registry, check_id: str) -> str | None:
    c = registry.get(check_id)
    if c is None:
        return None
    out = [f"{c.id} {c.name} ({c.severity.value}, family: {c.family})", "", c.summary, "",
           "Why", textwrap.indent(c.why, "  ")]
    if c.fix:
        out += ["", "Fix", textwrap.indent(c.fix, "  ")]
    for label, expect in (("Flags", "fail"), ("Passes", "pass")):
        examples = [e for e in c.examples if e.expect == expect]
        if examples:
            out += ["", label]
            for e in examples:
                out.append(textwrap.indent(textwrap.fill(e.text.strip(), 88), "  > ", lambda _: True))
                out.append("")
    return "\n".join(out).rstrip() + "\n"
