"""The page's routes: ``GET /`` shows the form, ``POST /check`` checks and shows the result.

Errors are shown on the page beside the form (with the matching HTTP status), never as
a bare error document, so an editor always has the form to try again.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse

from ..model import FileReport
from .checking import CheckRequest, format_for_upload, registry
from .errors import ApiError
from .forms import FormPart, parse_form
from .limits import read_body
from .page import FORMAT_CHOICES, PAGE_CSP, PASTED, render_page
from .services import Services

_CHOICES = {value for value, _ in FORMAT_CHOICES}


def _page(html: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(html, status_code=status, headers={"content-security-policy": PAGE_CSP})


async def home(request: Request) -> HTMLResponse:
    services: Services = request.app.state.services
    return _page(render_page(max_body=services.max_body))


async def check_get(request: Request) -> RedirectResponse:
    """``/check`` opened directly (a bookmark, a reload after the form): back to the form."""
    return RedirectResponse("/", status_code=303)


def _field(form: dict[str, FormPart], name: str) -> str:
    part = form.get(name)
    if part is None:
        return ""
    try:
        return part.data.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError("invalid_encoding", f"the {name} field is not UTF-8", field=name) from None


def _upload_name(filename: str) -> str:
    """The file's own name, without any folder a browser may have sent."""
    return filename.replace("\\", "/").rsplit("/", 1)[-1].strip() or "upload"


def _decode_upload(part: FormPart, name: str) -> str:
    data = part.data
    if b"\x00" in data[:8192]:
        raise ApiError("invalid_encoding", f"{name} looks like a binary file, not text", field="file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ApiError("invalid_encoding", f"{name} is not UTF-8 text (invalid byte at offset {exc.start}); "
                       "save it as UTF-8 and upload it again", field="file") from None


def _request(form: dict[str, FormPart], chosen: str) -> CheckRequest:
    upload = form.get("file")
    if upload is not None and upload.filename:
        name = _upload_name(upload.filename)
        return CheckRequest(_decode_upload(upload, name), format_for_upload(name, chosen), path=name)
    text = _field(form, "text")
    if not text.strip():
        raise ApiError("missing_field", "paste an article into the box or choose a file", field="text")
    return CheckRequest(text, format_for_upload("", chosen), path=PASTED)


async def check_page(request: Request) -> HTMLResponse:
    services: Services = request.app.state.services
    text, chosen = "", "auto"
    try:
        body = await read_body(request.stream(), services.max_body, request.headers.get("content-length"))
        form = parse_form(body, request.headers.get("content-type", ""))
        text = _field(form, "text")
        chosen = _field(form, "format") or "auto"
        if chosen not in _CHOICES:
            chosen = "auto"
            raise ApiError("invalid_format", "the format must be one of: " + ", ".join(sorted(_CHOICES)),
                           field="format")
        check_request = _request(form, chosen)
        text = check_request.text
        reg = registry()

        def render(report: FileReport) -> str:
            return render_page(max_body=services.max_body, text=check_request.text, chosen=chosen, report=report,
                               registry=reg)

        _, html = await services.report(check_request, render)
        return _page(html)
    except ApiError as exc:
        return _page(render_page(max_body=services.max_body, text=text, chosen=chosen, error=exc), exc.status)
