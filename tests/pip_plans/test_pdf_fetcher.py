"""The letter renderer fetches nothing from outside (issue 12, item 7).

A local HTTP listener (a real socket on 127.0.0.1) counts every request. A hostile
gemeente name and letterhead — CSS url(...), <img src=http://...>, @import, a
stylesheet link, a file:// URL — must not make WeasyPrint call it or read a file
outside the project's static directory; the project's own font still loads."""

from __future__ import annotations

import io
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from pypdf import PdfReader

from casefiles import pdf
from pip_plans import services
from tests.pip_plans.factories import vastgestelde_pip


class _Listener:
    def __init__(self):
        self.paths: list[str] = []
        listener = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                listener.paths.append(self.path)
                body = b"body { background: red }"
                self.send_response(200)
                self.send_header("Content-Type", "text/css")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def listener():
    with _Listener() as server:
        yield server


FONT = "vendor/noto-sans/noto-sans-latin-400-normal.woff2"


def _hostile_html(url: str, secret_file) -> str:
    return f"""<!DOCTYPE html><html><head>
<link rel="stylesheet" href="{url}/link.css">
<style>
@import url("{url}/import.css");
body {{ background: url({url}/background.png); }}
@font-face {{ font-family: X; src: url({url}/font.woff2); }}
@font-face {{ font-family: "Noto Sans"; src: url("{FONT}"); }}
</style></head><body>
<img src="{url}/img.png"><img src="file://{secret_file}">
<p style="background-image: url({url}/inline.png)">Gemeente</p>
</body></html>"""


def test_control_the_default_fetcher_would_call_the_listener(listener, tmp_path):
    """Proves the listener works: WeasyPrint's own fetcher does call out."""
    from weasyprint import HTML

    HTML(
        string=_hostile_html(listener.url, tmp_path / "x"), base_url=pdf.default_base_url()
    ).write_pdf()
    assert listener.paths, "the listener saw nothing: the test could not fail"


def test_hostile_html_fetches_nothing(listener, tmp_path):
    secret = tmp_path / "geheim.png"
    secret.write_bytes(b"\x89PNG not really")
    fetched: list[str] = []
    real = pdf._allowed_static_file

    def spy(url):
        result = real(url)
        if result is not None:
            fetched.append(url)
        return result

    pdf._allowed_static_file = spy
    try:
        out = pdf.render_html_to_pdf(_hostile_html(listener.url, secret))
    finally:
        pdf._allowed_static_file = real
    assert out.startswith(b"%PDF")
    assert listener.paths == []
    # only the project's own font was served, nothing else
    assert fetched and all("/static/vendor/noto-sans/" in u for u in fetched)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:1/x.png",
        "https://example.invalid/x.css",
        "ftp://example.invalid/x",
        "data:text/css,body{}",
        "file:///etc/passwd",
        "file://evil.example/static/x.png",
    ],
)
def test_fetcher_refuses_everything_but_own_static_files(url):
    assert pdf._allowed_static_file(url) is None


def test_fetcher_refuses_path_traversal_out_of_static():
    root = pdf.static_root()
    assert pdf._allowed_static_file((root / "css" / "app.css").as_uri()) is not None
    assert pdf._allowed_static_file(f"file://{root}/../pyproject.toml") is None


def test_letter_with_hostile_gemeente_fetches_nothing(frozen, world, listener):
    """The real letter with a hostile gemeente name and letterhead."""
    g = world.gemeente
    g.naam = f'"; }} @page {{ background: url({listener.url}/naam.png) }} x {{ a: "'[:100]
    g.afdeling = f'<img src="{listener.url}/afdeling.png">'[:100]
    g.postadres = f"</style><style>@import url({listener.url}/adres.css);</style>"[:200]
    g.ondertekenaar = f'<link rel=stylesheet href="{listener.url}/onder.css">'[:120]
    g.save()
    versie = vastgestelde_pip(world.dossier, world.werkcoach, dagtekening=date(2026, 3, 9))
    brief = services.brief_genereren(versie=versie)
    assert listener.paths == []
    with brief.bestand.open("rb") as f:
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(f.read())).pages)
    plat = " ".join(text.split())
    # the hostile text is printed as text (in the letterhead and the footer)
    assert "@page" in plat and f"dossier {world.dossier.pk} · PIP versie" in plat


def test_no_user_value_inside_style_block():
    """The letter template puts no template variable inside <style>."""
    from pathlib import Path

    from django.conf import settings

    html = (Path(settings.BASE_DIR) / "templates" / "pdf" / "pip_beschikking.html").read_text()
    style = html[html.index("<style>") : html.index("</style>")]
    assert "{{" not in style and "{%" not in style
