"""The pre-publication check page: a form, and the article rendered by the HTML report.

The result is :func:`checker.render.html_format.render_document`, the same fragment
``--format html`` writes; this module adds only the form and the page around them. The
page works without JavaScript (a plain form POST returns the rendered page) and carries
no script at all, so its Content-Security-Policy allows none; the one ``<style>``
element is allowed by its hash. The result heading takes focus on load (``autofocus``),
so a screen reader announces the verdict and the keyboard starts at the result.
"""

from __future__ import annotations

import base64
import hashlib

from ..model import FileReport, Status
from ..registry import Registry
from ..render.html_format import LEGEND, STYLESHEET, esc, render_document
from ..render.json_format import summary
from .errors import ApiError

PASTED = "Pasted article"
FORMAT_CHOICES = (
    ("auto", "From the file name (pasted text: plain text)"),
    ("txt", "Plain text"),
    ("md", "Markdown"),
    ("html", "HTML"),
)
UPLOAD_ACCEPT = ".txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html"

FORM_CSS = """
.intro { margin: .25rem 0 .75rem; max-width: 60rem; }
form.check { border: 1px solid var(--rule); border-radius: 4px; padding: .75rem 1rem 1rem; margin: 0 0 1.5rem; }
form.check h2 { margin-top: .25rem; }
.field { margin: 0 0 .9rem; }
.field label { display: block; font-weight: 600; margin-bottom: .2rem; }
.help { margin: .2rem 0 0; color: var(--muted); font-size: .92rem; }
textarea#text {
  display: block; width: 100%; min-height: 14rem; padding: .5rem; resize: vertical;
  font: 1rem/1.5 Georgia, "Times New Roman", serif; color: var(--fg); background: #fff;
  border: 1px solid #767676; border-radius: 3px;
}
select#format, input#file { font: inherit; color: var(--fg); }
select#format { padding: .25rem; border: 1px solid #767676; border-radius: 3px; background: #fff; }
.row { display: flex; flex-wrap: wrap; gap: .5rem 2rem; align-items: flex-start; }
button.submit {
  font: inherit; font-weight: 600; padding: .5rem 1.25rem; border-radius: 4px; cursor: pointer;
  color: #fff; background: var(--link); border: 2px solid var(--link);
}
button.submit:hover { background: #083a85; }
textarea:focus-visible, select:focus-visible, input:focus-visible, button:focus-visible,
h2:focus-visible, .form-error:focus-visible {
  outline: 3px solid var(--focus); outline-offset: 2px;
}
.form-error {
  border-left: 6px solid var(--bad); background: var(--bad-bg); color: var(--bad-fg);
  padding: .5rem .75rem; margin: .5rem 0 1rem; font-weight: 600;
}
section.result { margin-top: 1rem; }
section.result > h2 { scroll-margin-top: 1rem; }
"""

_STYLE = STYLESHEET + FORM_CSS
_STYLE_HASH = base64.b64encode(hashlib.sha256(_STYLE.encode("utf-8")).digest()).decode("ascii")
# No script may run; the one <style> element is allowed by its hash; the form posts only here.
PAGE_CSP = (f"default-src 'none'; style-src 'sha256-{_STYLE_HASH}'; form-action 'self'; "
            "base-uri 'none'; frame-ancestors 'none'")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def headline(report: FileReport) -> str:
    """A few words for the result heading and the page title, e.g. ``1 error`` or ``All tallies add up``."""
    counts = summary([report])
    found = [_plural(counts[key], word) for key, word in (("errors", "error"), ("warnings", "warning"),
                                                         ("infos", "info")) if counts[key]]
    if found:
        return ", ".join(found)
    tallies = report.analysis.tallies
    unverified = sum(1 for t in tallies if t.status in (Status.MISMATCH, Status.AMBIGUOUS))
    if unverified:
        return f"No findings, but {unverified} of {_plural(len(tallies), 'tally')} did not verify"
    if tallies:
        return f"All tallies add up ({len(tallies)} checked)"
    return "No totals found to check"


def _form(text: str, chosen: str, max_body: int, error: ApiError | None) -> str:
    described = "text-help form-error" if error else "text-help"
    invalid = ' aria-invalid="true"' if error else ""
    options = "".join(f'<option value="{value}"{" selected" if value == chosen else ""}>{esc(label)}</option>'
                      for value, label in FORMAT_CHOICES)
    limit = f"{max_body / (1024 * 1024):g} MB" if max_body >= 1024 * 1024 else f"{max_body:,} bytes"
    # The newline after <textarea> is eaten by the HTML parser, so a leading newline of the text survives.
    return (
        '<form class="check" method="post" action="/check" enctype="multipart/form-data" accept-charset="utf-8" '
        'aria-labelledby="form-title">'
        '<h2 id="form-title">Check an article</h2>'
        '<div class="field"><label for="text">Article text</label>'
        f'<textarea id="text" name="text" rows="14" spellcheck="false" aria-describedby="{described}"{invalid}>\n'
        f"{esc(text)}</textarea>"
        '<p class="help" id="text-help">Paste the copy as it will be published, or choose a file below. '
        f"Up to {esc(limit)}. Nothing is stored or logged.</p></div>"
        '<div class="row"><div class="field"><label for="file">Or upload a file</label>'
        f'<input type="file" id="file" name="file" accept="{UPLOAD_ACCEPT}" aria-describedby="file-help">'
        '<p class="help" id="file-help">.txt, .md or .html, UTF-8. A chosen file is checked instead of the '
        "pasted text.</p></div>"
        f'<div class="field"><label for="format">Format</label><select id="format" name="format">{options}</select>'
        "</div></div>"
        '<button type="submit" class="submit">Check the article</button>'
        "</form>"
    )


def _error(error: ApiError) -> str:
    return (f'<div class="form-error" id="form-error" role="alert" tabindex="-1" autofocus>'
            f"Could not check the article: {esc(error.message)}</div>")


def _result(report: FileReport, registry: Registry | None) -> str:
    return (f'<section class="result" id="result" aria-labelledby="result-title">'
            f'<h2 id="result-title" tabindex="-1" autofocus>Result: {esc(headline(report))}</h2>'
            f"{LEGEND}{render_document(report, registry, prefix='doc', heading_level=3)}</section>")


def render_page(*, max_body: int, text: str = "", chosen: str = "auto", report: FileReport | None = None,
                registry: Registry | None = None, error: ApiError | None = None) -> str:
    """The whole page: the form (refilled with what was checked), then the result or the error."""
    if error is not None:
        title, skip = f"Could not check — {error.message[:80]}", ("form-error", "the error")
    elif report is not None:
        title, skip = headline(report), ("result", "the result")
    else:
        title, skip = "Check an article", ("text", "the article box")
    body = [_error(error)] if error else []
    body.append(_form(text, chosen, max_body, error))
    if report is not None:
        body.append(_result(report, registry))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)} — tallycheck</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f'<a class="skip" href="#{skip[0]}">Skip to {skip[1]}</a>\n'
        '<header class="report-header"><h1>tallycheck: pre-publication check</h1>'
        '<p class="intro">Paste an article or upload a file to check that its totals and breakdowns add up. '
        "Totals and their parts are highlighted; each finding shows its arithmetic.</p></header>\n"
        f'<main id="main" tabindex="-1">\n{"".join(body)}\n</main>\n</body>\n</html>\n'
    )
