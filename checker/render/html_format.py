"""``--format html``: one self-contained page an editor opens before publication.

The article is shown as written, every total and part highlighted, each finding beside
the paragraph it concerns, with links both ways (highlight -> finding or tally, finding
-> highlight). Nothing is fetched and nothing runs: inline CSS, no script, and a
Content-Security-Policy that forbids everything else, so an article containing
``<script>`` can do no harm even if escaping were ever missed. Every piece of article
text goes through :func:`esc`.

Spans may overlap (a part inside a total's sentence, two tallies sharing a total), so
text is cut at every span boundary and each segment is wrapped on its own: tags never
interleave, whatever the spans.

Reuse: :func:`render_document` gives one file's fragment and :func:`page` wraps
fragments into a full document; a web server calls those two rather than writing a
second renderer, and can send :data:`CONTENT_SECURITY_POLICY` as a header as well.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from ..model import FileReport, Finding, Part, Reading, Severity, Span, Status, Tally
from ..offsets import LineIndex
from ..registry import Registry
from . import RenderContext
from .json_format import summary

CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

STATUS_TEXT = {
    Status.CONSISTENT: "adds up",
    Status.PARTIAL: "partial list within its total",
    Status.AMBIGUOUS: "adds up under one reading only",
    Status.MISMATCH: "does not add up",
}
KIND_TEXT = {
    "breakdown": "breakdown",
    "restated": "restated total",
    "shares": "shares of one whole",
    "list-count": "count of the places named",
}
RELATION_TEXT = {
    "equal": "complete: parts must equal the total",
    "at_most": "partial: parts may not exceed the total",
}
SEVERITY_TEXT = {Severity.ERROR: "Error", Severity.WARNING: "Warning", Severity.INFO: "Info"}

# Link priority when one segment is covered by several spans: the finding wins.
_PRIMARY, _RELATED, _TOTAL, _PART = range(4)
# Label order when one span means several things: what it is, then what is wrong with it.
_LABEL_ORDER = {_TOTAL: 0, _PART: 1, _PRIMARY: 2, _RELATED: 3}

# A paragraph ends at a line break followed by one or more blank lines.
_PARAGRAPH_BREAK = re.compile(r"(?:\r\n|\r|\n)(?:[ \t\f\v]*(?:\r\n|\r|\n))+")
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


def esc(text: object) -> str:
    """Escape for element content and quoted attributes alike (``&<>"'``)."""
    return html.escape(str(text), quote=True)


@dataclass(slots=True)
class _Mark:
    """One highlighted source span and everything said about it."""

    start: int
    end: int
    anchor: str
    classes: set[str] = field(default_factory=set)
    labels: list[tuple[int, str]] = field(default_factory=list)
    link: tuple[int, str] | None = None

    def add(self, classes: Sequence[str], label: str, priority: int, href: str) -> None:
        self.classes.update(classes)
        if self.link is None or priority < self.link[0]:
            self.link = (priority, href)
        # A finding's label for a part ("part: two (Voronezh)") is the start of the
        # tally's fuller one: keep only the longer, so a screen reader says it once.
        if any(old.startswith(label) for _, old in self.labels):
            return
        self.labels = [(k, old) for k, old in self.labels if not label.startswith(old)]
        self.labels.append((_LABEL_ORDER[priority], label))

    @property
    def priority(self) -> int:
        return self.link[0] if self.link else _PART


class _Marks:
    """The highlights of one document, one per distinct span."""

    def __init__(self, text: str, prefix: str) -> None:
        self.text = text
        self.prefix = prefix
        self.by_span: dict[tuple[int, int], _Mark] = {}

    def clamp(self, span: Span) -> tuple[int, int] | None:
        n = len(self.text)
        start = max(0, min(span.start, n))
        end = max(start, min(span.end, n))
        return (start, end) if end > start else None

    def add(self, span: Span, classes: Sequence[str], label: str, priority: int, href: str) -> str | None:
        """Record a highlight; returns the anchor id of its span (None if it covers no text)."""
        key = self.clamp(span)
        if key is None:
            return None
        mark = self.by_span.get(key)
        if mark is None:
            mark = self.by_span[key] = _Mark(key[0], key[1], f"{self.prefix}-s{key[0]}-{key[1]}")
        mark.add(classes, label, priority, href)
        return mark.anchor

    def anchor(self, span: Span) -> str | None:
        key = self.clamp(span)
        mark = self.by_span.get(key) if key else None
        return mark.anchor if mark else None


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph: text between blank lines, outer blank space trimmed."""
    out = []
    pos = 0
    for m in [*_PARAGRAPH_BREAK.finditer(text), None]:
        lo, hi = pos, (m.start() if m else len(text))
        while lo < hi and text[lo] in "\r\n":
            lo += 1
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        if hi > lo:
            out.append((lo, hi))
        if m:
            pos = m.end()
    return out


def _segment(piece: str, cover: list[_Mark], emitted: set[str]) -> str:
    """One run of text covered by the same highlights: a single ``<mark>`` around it."""
    if not cover:
        return esc(piece)
    cover = sorted(cover, key=lambda m: (m.priority, m.end - m.start, m.start))
    classes = sorted(set().union(*(m.classes for m in cover)))
    labels: list[str] = []
    for _, text in sorted(item for m in cover for item in m.labels):
        if text not in labels:
            labels.append(text)
    label = "; ".join(labels)
    new_ids = [m.anchor for m in cover if m.anchor not in emitted]
    emitted.update(new_ids)
    id_attr = f' id="{esc(new_ids[0])}"' if new_ids else ""
    extra = "".join(f'<span class="anchor" id="{esc(i)}"></span>' for i in new_ids[1:])
    href = min((m.link for m in cover if m.link), default=None)
    inner = esc(piece)
    if href is not None:
        inner = f'<a href="#{esc(href[1])}" aria-label="{esc(label)}">{inner}</a>'
    return f'<mark class="hl {" ".join(classes)}"{id_attr} title="{esc(label)}">{extra}{inner}</mark>'


def _highlight(text: str, lo: int, hi: int, marks: Sequence[_Mark], emitted: set[str]) -> str:
    """``text[lo:hi]`` cut at every span boundary, each piece wrapped in its own element."""
    inside = [m for m in marks if m.start < hi and m.end > lo]
    cuts = {lo, hi}
    for m in inside:
        cuts.add(max(m.start, lo))
        cuts.add(min(m.end, hi))
    points = sorted(cuts)
    out = []
    # sweep: the marks covering [a, b) are those begun by a that do not end before b (once ended, for good)
    order = {id(m): k for k, m in enumerate(inside)}
    pending = sorted(inside, key=lambda m: m.start)
    active: list[_Mark] = []
    begun = 0
    for a, b in pairwise(points):
        while begun < len(pending) and pending[begun].start <= a:
            active.append(pending[begun])
            begun += 1
        active = [m for m in active if m.end >= b]
        out.append(_segment(text[a:b], sorted(active, key=lambda m: order[id(m)]), emitted))
    return "".join(out)


def _quote(text: str) -> str:
    return f"“{text}”"


def _span_text(text: str, marks: _Marks, span: Span) -> str:
    key = marks.clamp(span)
    return " ".join(text[key[0] : key[1]].split()) if key else ""


def _where(index: LineIndex, span: Span) -> str:
    line, column = index.position(span.start)
    return f"line {line}, column {column}"


def _span_link(marks: _Marks, span: Span, shown: str) -> str:
    anchor = marks.anchor(span)
    if anchor is None:
        return esc(shown)
    return f'<a href="#{esc(anchor)}">{esc(shown)}</a>'


def _part_label(part: Part, total_label: str) -> str:
    q = part.quantity
    words = "the rest" if part.remainder else q.label
    if part.places:
        words += f" ({', '.join(part.places)})"
    if part.multiplier != 1:
        words += f" ×{part.multiplier}"
    if part.ambiguous:
        words += ", read both jointly and per place"
    return f"part: {words} — of {total_label}"


def _reading_text(reading: Reading) -> str:
    out = f"{reading.expression} = {reading.value.describe()}"
    return out + " (read as “each”)" if reading.distributive else out


@dataclass(slots=True)
class _Numbered:
    """Display numbers for findings and tallies, in text order."""

    findings: list[tuple[int, Finding]]
    tallies: list[tuple[int, Tally]]


def _number(report: FileReport) -> _Numbered:
    findings = sorted(report.analysis.findings, key=lambda f: (f.primary.start, f.primary.end, f.rule_id))
    tallies = sorted(report.analysis.tallies, key=lambda t: (t.total.span.start, t.total.span.end))
    return _Numbered(list(enumerate(findings, 1)), list(enumerate(tallies, 1)))


def _collect(report: FileReport, numbered: _Numbered, prefix: str) -> _Marks:
    marks = _Marks(report.text, prefix)
    for n, f in numbered.findings:
        href = f"{prefix}-finding-{n}"
        sev = SEVERITY_TEXT[f.severity].lower()
        marks.add(f.primary, ("hl-finding", f"sev-{f.severity.value}"), f"{sev} {f.rule_id}: {f.message}",
                  _PRIMARY, href)
        for r in f.related:
            marks.add(r.span, ("hl-related",), r.label, _RELATED, href)
    for n, t in numbered.tallies:
        href = f"{prefix}-tally-{n}"
        total_label = t.total.label or _span_text(report.text, marks, t.total.span)
        label = f"total: {total_label}, {t.status.value}"
        marks.add(t.total.span, ("hl-total", f"st-{t.status.value}"), label, _TOTAL, href)
        for p in t.parts:
            marks.add(p.quantity.span, ("hl-part",), _part_label(p, total_label), _PART, href)
    return marks


def _finding_item(n: int, f: Finding, prefix: str, text: str, marks: _Marks, index: LineIndex,
                  registry: Registry | None) -> str:
    sev = SEVERITY_TEXT[f.severity]
    out = [f'<li id="{prefix}-finding-{n}" class="finding sev-{esc(f.severity.value)}">',
           f'<p class="finding-head"><span class="badge sev-{esc(f.severity.value)}">{esc(sev)}</span> '
           f'<code class="rule-id">{esc(f.rule_id)}</code> '
           f'<span class="rule-name">{esc(f.rule_name)}</span></p>',
           f'<p class="message">{esc(f.message)}</p>']
    if f.arithmetic:
        out.append('<ul class="arithmetic" aria-label="Arithmetic">')
        out.extend(f"<li><code>{esc(a)}</code></li>" for a in f.arithmetic)
        out.append("</ul>")
    shown = _span_text(text, marks, f.primary)
    link = _span_link(marks, f.primary, _quote(shown))
    out.append(f'<p class="where">At {link}, {esc(_where(index, f.primary))}</p>')
    if f.related:
        out.append('<ul class="related" aria-label="Related">')
        for r in f.related:
            link = _span_link(marks, r.span, _quote(_span_text(text, marks, r.span)))
            out.append(f'<li>{link} <span class="label">{esc(r.label)}</span></li>')
        out.append("</ul>")
    check = registry.get(f.rule_id) if registry is not None else None
    if check is not None and (check.why or check.fix):
        out.append(f"<details><summary>Why {esc(f.rule_id)} matters</summary>")
        if check.why:
            out.append(f'<p class="why">{esc(" ".join(check.why.split()))}</p>')
        if check.fix:
            out.append(f'<p class="fix">{esc(check.fix)}</p>')
        out.append("</details>")
    out.append("</li>")
    return "".join(out)


def _tally_item(n: int, t: Tally, prefix: str, text: str, marks: _Marks) -> str:
    total = t.total.label or _span_text(text, marks, t.total.span)
    status = STATUS_TEXT.get(t.status, t.status.value)
    kind = KIND_TEXT.get(t.kind, t.kind)
    relation = RELATION_TEXT.get(t.relation, t.relation)
    unit = f' <span class="unit">({esc(t.unit)})</span>' if t.unit else ""
    out = [f'<li id="{prefix}-tally-{n}" class="tally st-{esc(t.status.value)}">',
           f'<p class="tally-head"><span class="badge st-{esc(t.status.value)}">{esc(status)}</span> '
           f"{_span_link(marks, t.total.span, total)}{unit}"
           f' <span class="kind">— {esc(kind)}, {esc(relation)}</span></p>',
           '<ul class="arithmetic" aria-label="Arithmetic">']
    out.extend(f"<li><code>{esc(_reading_text(r))}</code></li>" for r in t.readings)
    if not t.readings:
        out.append(f"<li><code>parts: {esc(t.sum.describe())}</code></li>")
    out.append(f"<li>stated total: <code>{esc(t.total.value.describe())}</code></li></ul></li>")
    return "".join(out)


def _verdict(report: FileReport) -> tuple[str, str]:
    """(css class, sentence) for one file's banner."""
    if report.error:
        return "unreadable", f"Could not be checked: {report.error}"
    counts = summary([report])
    tallies = report.analysis.tallies
    if report.analysis.findings:
        return ("problems" if counts["errors"] else "warnings"), _count_sentence(counts) + "."
    unverified = _unverified(tallies)
    if unverified:
        return "warnings", f"No findings, but {unverified} of {len(tallies)} tallies did not verify."
    if tallies:
        return "ok", f"All tallies add up: {len(tallies)} checked."
    return "empty", "No findings: no total with a breakdown was found to check."


def _unverified(tallies: Sequence[Tally]) -> int:
    """Tallies the engine could not confirm; they rule out "all tallies add up" even with no finding."""
    return sum(1 for t in tallies if t.status in (Status.MISMATCH, Status.AMBIGUOUS))


def _count_sentence(counts: dict[str, int]) -> str:
    parts = [f"{counts[key]} {word}{'' if counts[key] == 1 else 's'}"
             for key, word in (("errors", "error"), ("warnings", "warning"), ("infos", "info"))
             if counts[key]]
    return ", ".join(parts) if parts else "no findings"


def _safe_prefix(prefix: str) -> str:
    return _ID_UNSAFE.sub("-", prefix) or "doc"


def render_document(report: FileReport, registry: Registry | None = None, *, prefix: str = "doc",
                    heading_level: int = 2) -> str:
    """One file as an HTML fragment (a ``<section>``): verdict, article with highlights, tallies.

    ``prefix`` makes element ids unique when several documents share a page.
    """
    prefix = _safe_prefix(prefix)
    h = max(1, min(heading_level, 5))
    css, verdict = _verdict(report)
    out = [f'<section class="document {css}" id="{prefix}" aria-labelledby="{prefix}-title">',
           f'<h{h} id="{prefix}-title" class="path">{esc(report.path)}</h{h}>',
           f'<p class="verdict {css}" id="{prefix}-verdict">{esc(verdict)}</p>']
    if report.error:
        out.append("</section>")
        return "".join(out)
    text = report.text
    index = LineIndex(text)
    numbered = _number(report)
    marks = _collect(report, numbered, prefix)
    if numbered.findings:
        out.append(f'<nav class="jump" aria-label="Findings in {esc(report.path)}"><ol>')
        for n, f in numbered.findings:
            out.append(f'<li><a href="#{prefix}-finding-{n}">{esc(SEVERITY_TEXT[f.severity])} '
                       f'{esc(f.rule_id)}, {esc(_where(index, f.primary))}</a>: {esc(f.message)}</li>')
        out.append("</ol></nav>")
    out.append(f'<h{h + 1} class="visually-hidden">Article</h{h + 1}><div class="article">')
    out.extend(_article(report, numbered, marks, index, registry, prefix))
    out.append("</div>")
    if numbered.tallies:
        out.append(f'<h{h + 1}>Tallies checked ({len(numbered.tallies)})</h{h + 1}><ol class="tallies">')
        out.extend(_tally_item(n, t, prefix, text, marks) for n, t in numbered.tallies)
        out.append("</ol>")
    out.append("</section>")
    return "".join(out)


def _article(report: FileReport, numbered: _Numbered, marks: _Marks, index: LineIndex,
             registry: Registry | None, prefix: str) -> list[str]:
    """Paragraph blocks, each followed by the findings whose total lies in it."""
    text = report.text
    paragraphs = _paragraphs(text)
    placed: dict[int, list[tuple[int, Finding]]] = {}
    leftover: list[tuple[int, Finding]] = []
    starts = [lo for lo, _ in paragraphs]
    for n, f in numbered.findings:
        if not paragraphs:
            leftover.append((n, f))
            continue
        home = max(bisect_right(starts, f.primary.start) - 1, 0)
        placed.setdefault(home, []).append((n, f))
    ordered = sorted(marks.by_span.values(), key=lambda m: (m.start, m.end))
    emitted: set[str] = set()
    out = []
    live: list[_Mark] = []  # marks that reach into the current paragraph (one pass, not one per paragraph)
    upcoming = 0
    for i, (lo, hi) in enumerate(paragraphs):
        while upcoming < len(ordered) and ordered[upcoming].start < hi:
            live.append(ordered[upcoming])
            upcoming += 1
        live = [m for m in live if m.end > lo]
        here = placed.get(i, [])
        out.append(f'<div class="block{" has-findings" if here else ""}">'
                   f'<p class="para" id="{prefix}-p{i + 1}">{_highlight(text, lo, hi, live, emitted)}</p>')
        if here:
            out.append(_notes(here, f"Findings in paragraph {i + 1}", text, marks, index, registry, prefix))
        out.append("</div>")
    if leftover:
        out.append(_notes(leftover, "Other findings", text, marks, index, registry, prefix))
    return out


def _notes(items: list[tuple[int, Finding]], label: str, text: str, marks: _Marks, index: LineIndex,
           registry: Registry | None, prefix: str) -> str:
    lis = "".join(_finding_item(n, f, prefix, text, marks, index, registry) for n, f in items)
    start = items[0][0]
    return (f'<div class="notes"><ol class="findings" start="{start}" aria-label="{esc(label)}">'
            f"{lis}</ol></div>")


def summary_header(reports: Sequence[FileReport], version: str) -> str:
    """The page header: overall verdict, counts, one line per file, and the legend."""
    counts = summary(reports)
    unreadable = sum(1 for r in reports if r.error)
    tallies = sum(len(r.analysis.tallies) for r in reports)
    unverified = sum(_unverified(r.analysis.tallies) for r in reports)
    files = f"{len(reports)} file{'' if len(reports) == 1 else 's'}"
    if not reports:
        verdict, css = "No files were checked.", "empty"
    elif counts["errors"] or counts["warnings"] or counts["infos"]:
        css = "problems" if counts["errors"] else "warnings"
        verdict = f"{_count_sentence(counts)} in {files}."
    elif unreadable:
        verdict, css = f"No findings, but {unreadable} of {files} could not be read.", "unreadable"
    elif unverified:
        verdict, css = f"No findings, but {unverified} of {tallies} tallies did not verify.", "warnings"
    elif tallies:
        verdict, css = f"All tallies add up: {tallies} checked in {files}.", "ok"
    else:
        verdict, css = f"No findings: no total with a breakdown was found in {files}.", "empty"
    out = ['<header class="report-header"><h1>tallycheck report</h1>',
           f'<p class="verdict {css}" id="summary">{esc(verdict)}</p>']
    if reports:
        columns = ("File", "Errors", "Warnings", "Infos", "Tallies", "Result")
        heads = "".join(f'<th scope="col">{h}</th>' for h in columns)
        out.append(f'<table class="files"><caption class="visually-hidden">Files checked</caption>'
                   f"<thead><tr>{heads}</tr></thead><tbody>")
        for i, r in enumerate(reports, 1):
            c = summary([r])
            _, sentence = _verdict(r)
            out.append(f'<tr><th scope="row"><a href="#file{i}">{esc(r.path)}</a></th><td>{c["errors"]}</td>'
                       f'<td>{c["warnings"]}</td><td>{c["infos"]}</td><td>{len(r.analysis.tallies)}</td>'
                       f"<td>{esc(sentence)}</td></tr>")
        out.append("</tbody></table>")
    out.append(LEGEND)
    out.append(f'<p class="meta">tallycheck {esc(version)}. '
               "Article text is shown exactly as written.</p></header>")
    return "".join(out)


LEGEND = (
    '<div class="legend" aria-label="Legend"><span class="legend-title">Key:</span> '
    '<mark class="hl hl-total st-consistent">total that adds up</mark> '
    '<mark class="hl hl-total st-partial">partial list within its total</mark> '
    '<mark class="hl hl-total st-ambiguous">total that adds up under one reading only</mark> '
    '<mark class="hl hl-total st-mismatch">total that does not add up</mark> '
    '<mark class="hl hl-part">part of a breakdown</mark></div>'
)


def page(body: str, title: str, *, header: str = "", lang: str = "en", generator: str = "tallycheck") -> str:
    """A complete HTML document around trusted fragments; ``title`` is plain text (escaped here).

    ``header`` and ``body`` are markup made by this module (or escaped by the caller);
    the body goes inside ``<main>``.
    """
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(CONTENT_SECURITY_POLICY)}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="{esc(generator)}">\n'
        f"<title>{esc(title)}</title>\n<style>{STYLESHEET}</style>\n</head>\n<body>\n"
        '<a class="skip" href="#main">Skip to the report</a>\n'
        f'{header}\n<main id="main" tabindex="-1">\n{body}\n</main>\n</body>\n</html>\n'
    )


def _title(reports: Sequence[FileReport]) -> str:
    counts = summary(reports)
    if len(reports) == 1:
        return f"tallycheck: {reports[0].path} — {_count_sentence(counts)}"
    return f"tallycheck: {len(reports)} files — {_count_sentence(counts)}"


def render(reports: Sequence[FileReport], ctx: RenderContext) -> str:
    body = "\n".join(render_document(r, ctx.registry, prefix=f"file{i}") for i, r in enumerate(reports, 1))
    return page(body, _title(reports), header=summary_header(reports, ctx.version),
                lang=str(ctx.options.get("lang", "en")), generator=f"tallycheck {ctx.version}")


STYLESHEET = """
:root {
  color-scheme: light;
  --fg: #1b1b1b; --muted: #474747; --bg: #fff; --rule: #c4c4c4; --focus: #0b57d0; --link: #0b4aa8;
  --ok: #0a6630; --ok-bg: #dcf2e3; --ok-fg: #063d1c;
  --bad: #a3112a; --bad-bg: #fcd3d8; --bad-fg: #5c0716;
  --warn: #7a4a00; --warn-bg: #fff0c2; --warn-fg: #4a2d00;
  --info: #1d4f91; --info-bg: #e2edfb; --part: #3b3f9e; --part-bg: #eceefe;
}
* { box-sizing: border-box; }
html { background: var(--bg); }
body {
  margin: 0; color: var(--fg); background: var(--bg);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif;
}
.report-header, main { max-width: 76rem; margin: 0 auto; padding: .75rem 1.25rem; }
main { padding-top: 0; }
h1 { font-size: 1.6rem; margin: .5rem 0; }
h2 { font-size: 1.25rem; margin: 0 0 .5rem; overflow-wrap: anywhere; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
a { color: var(--link); }
a:focus-visible, main:focus-visible, summary:focus-visible {
  outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 2px;
}
.skip {
  position: absolute; left: -10000px; top: .5rem; background: #fff;
  padding: .5rem .75rem; border: 2px solid var(--focus);
}
.skip:focus { left: .5rem; z-index: 10; }
.visually-hidden {
  position: absolute !important; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap;
}
.verdict {
  font-weight: 600; padding: .5rem .75rem; margin: .5rem 0;
  border-left: 6px solid var(--rule); background: #f4f4f4;
}
.verdict.ok { border-color: var(--ok); background: var(--ok-bg); color: var(--ok-fg); }
.verdict.problems, .verdict.unreadable {
  border-color: var(--bad); background: var(--bad-bg); color: var(--bad-fg);
}
.verdict.warnings { border-color: var(--warn); background: var(--warn-bg); color: var(--warn-fg); }
.verdict.ok::before { content: "✓ "; }
.verdict.problems::before, .verdict.unreadable::before { content: "✗ "; }
.verdict.warnings::before { content: "! "; }
table.files { border-collapse: collapse; margin: .5rem 0; font-size: .95rem; }
table.files th, table.files td {
  border: 1px solid var(--rule); padding: .25rem .5rem; text-align: left; vertical-align: top;
}
table.files th[scope="row"] { overflow-wrap: anywhere; min-width: 10ch; }
@media (max-width: 40rem) {
  table.files tr > :last-child { display: none; }  /* the result is repeated in each file's section */
  table.files { font-size: .85rem; }
  table.files th, table.files td { padding: .2rem .3rem; }
}
table.files td { text-align: right; }
table.files td:last-child { text-align: left; }
.legend { margin: .75rem 0; line-height: 2.1; }
.legend-title { font-weight: 600; margin-right: .25rem; }
.meta { color: var(--muted); font-size: .9rem; }
section.document { border-top: 2px solid var(--rule); padding-top: 1rem; margin-top: 1rem; }
nav.jump ol { margin: .25rem 0 1rem; padding-left: 1.75rem; }
.block { margin: 0 0 1.1rem; }
@media (min-width: 62rem) {
  .block {
    display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.5rem; align-items: start;
  }
}
.para {
  margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.75;
  font-family: Georgia, "Times New Roman", serif; font-size: 1.08rem;
}
mark.hl {
  color: inherit; background: transparent; padding: 0 .08em; border-radius: 2px; scroll-margin-top: 4rem;
}
mark.hl a { color: inherit; text-decoration: none; }
mark.hl-part, mark.hl-related { background: var(--part-bg); border-bottom: 2px dotted var(--part); }
mark.hl-total { font-weight: 600; border-bottom: 3px solid var(--ok); }
mark.st-consistent { background: var(--ok-bg); border-bottom: 3px solid var(--ok); }
mark.st-partial { background: var(--ok-bg); border-bottom: 3px dashed var(--ok); }
mark.st-ambiguous, mark.hl-finding.sev-warning {
  background: var(--warn-bg); border-bottom: 3px dashed var(--warn);
}
mark.hl-finding.sev-info { background: var(--info-bg); border-bottom: 3px dashed var(--info); }
mark.st-mismatch, mark.hl-finding.sev-error {
  background: var(--bad-bg); border-bottom: 4px double var(--bad);
}
mark:target, li:target { outline: 3px solid var(--focus); outline-offset: 2px; }
.notes { border-left: 4px solid var(--rule); padding-left: .75rem; font-size: .95rem; }
ol.findings { margin: 0; padding-left: 1.5rem; }
li.finding { margin: 0 0 .75rem; scroll-margin-top: 1rem; }
li.finding p { margin: .15rem 0; }
.badge {
  display: inline-block; font-size: .8rem; font-weight: 700; padding: 0 .4rem;
  border-radius: 3px; border: 1px solid currentColor;
}
.badge.sev-error, .badge.st-mismatch { background: var(--bad); color: #fff; border-color: var(--bad); }
.badge.sev-warning, .badge.st-ambiguous { background: var(--warn-bg); color: var(--warn-fg); }
.badge.sev-info { background: var(--info-bg); color: var(--info); }
.badge.st-consistent, .badge.st-partial { background: var(--ok-bg); color: var(--ok-fg); }
.rule-name, .unit, .kind, .label { color: var(--muted); }
code {
  font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace;
  font-size: .92em; white-space: pre-wrap; overflow-wrap: anywhere;
}
ul.arithmetic, ul.related { margin: .2rem 0; padding-left: 1.25rem; }
details { margin: .25rem 0; }
summary { cursor: pointer; color: var(--link); }
ol.tallies { padding-left: 1.75rem; }
li.tally { margin: 0 0 .6rem; scroll-margin-top: 1rem; }
li.tally p { margin: .1rem 0; }
@media print {
  .skip { display: none; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
"""
