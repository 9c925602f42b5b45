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


LETTER_TEMPLATES = [
    "templates/pdf/pip_beschikking.html",
    "templates/pdf/_briefhoofd.html",
    "templates/pdf/inhoudingsopdracht.html",
    "privacy/templates/privacy/pdf/inzage.html",
    "privacy/templates/privacy/pdf/correctie_brief.html",
]
"""Every template rendered to PDF (casefiles.pdf), and the letterhead they include."""

SHARED_STYLESHEET = "pdf/briefhoofd.css"
"""The letterhead style of every letter (static/pdf/briefhoofd.css)."""


def _values_in_style(html: str) -> list[str]:
    """Template syntax inside a <style> block or a <link> tag: the places where a
    rendered value would become CSS or a stylesheet's address."""
    import re

    found = []
    for block in re.findall(r"<style\b.*?</style>", html, flags=re.S | re.I):
        found += re.findall(r"\{\{.*?\}\}|\{%.*?%\}", block, flags=re.S)
    for tag in re.findall(r"<link\b[^>]*>", html, flags=re.S | re.I):
        found += re.findall(r"\{\{.*?\}\}|\{%.*?%\}", tag, flags=re.S)
    return found


def test_the_style_guard_finds_a_value_in_a_style_block_or_link():
    assert _values_in_style("<style>\n p { color: {{ kleur }} }\n</style>") == ["{{ kleur }}"]
    assert _values_in_style('<style>{% include "x.css" %}</style>') == ['{% include "x.css" %}']
    assert _values_in_style('<link rel="stylesheet" href="{{ url }}">') == ["{{ url }}"]
    assert _values_in_style("<style>p { margin: 0 }</style><p>{{ naam }}</p>") == []


@pytest.mark.parametrize("template", LETTER_TEMPLATES)
def test_no_user_value_inside_style_block(template):
    """No template variable or tag inside <style> or <link> of a letter: the style
    comes from static files and literal CSS only, never from a rendered value."""
    from pathlib import Path

    from django.conf import settings

    html = (Path(settings.BASE_DIR) / template).read_text()
    assert _values_in_style(html) == []


@pytest.mark.parametrize(
    "template",
    [
        "templates/pdf/pip_beschikking.html",
        "privacy/templates/privacy/pdf/inzage.html",
        "privacy/templates/privacy/pdf/correctie_brief.html",
    ],
)
def test_letters_link_the_one_letterhead_style(template):
    """The letters to an inburgeraar link static/pdf/briefhoofd.css before their own
    rules, and carry no copy of it (its @font-face and @page rules)."""
    from pathlib import Path

    from django.conf import settings

    html = (Path(settings.BASE_DIR) / template).read_text()
    link = f'<link rel="stylesheet" href="{SHARED_STYLESHEET}">'
    assert html.count(link) == 1
    assert "<style>" not in html or html.index(link) < html.index("<style>")
    assert "@font-face" not in html and "@page" not in html


def test_the_shared_stylesheet_is_a_static_file_the_fetcher_serves():
    """Resolved against the renderer's base URL it is a file the static-only fetcher
    serves, and every url() in it is one too (the fonts, relative to the file)."""
    import re
    from urllib.parse import urljoin

    base = "file://" + pdf.default_base_url()
    css_url = urljoin(base, SHARED_STYLESHEET)
    css = pdf._allowed_static_file(css_url)
    assert css is not None and css.name == "briefhoofd.css"
    urls = re.findall(r'url\("([^"]+)"\)', css.read_text())
    assert len(urls) == 4
    for url in urls:
        assert pdf._allowed_static_file(urljoin(css_url, url)) is not None, url


def test_the_letter_loads_the_shared_stylesheet_and_its_fonts_only(frozen, world, listener):
    """The real beschikking: the fetcher serves the shared stylesheet and the vendored
    fonts it names, nothing else (and the listener sees nothing); the page rules of
    the stylesheet are applied (the footer "Pagina 1 van ..." exists only through its
    @page rule)."""
    fetched: list[str] = []
    real = pdf._allowed_static_file

    def spy(url):
        result = real(url)
        if result is not None:  # served
            fetched.append(url)
        return result

    versie = vastgestelde_pip(world.dossier, world.werkcoach, dagtekening=date(2026, 3, 9))
    pdf._allowed_static_file = spy
    try:
        brief = services.brief_genereren(versie=versie)
    finally:
        pdf._allowed_static_file = real
    assert listener.paths == []
    assert any(u.endswith("/static/pdf/briefhoofd.css") for u in fetched), fetched
    assert all(
        u.endswith("/static/pdf/briefhoofd.css") or "/static/vendor/noto-sans/" in u
        for u in fetched
    ), fetched
    with brief.bestand.open("rb") as f:
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(f.read())).pages)
    assert f"Pagina 1 van {brief.paginas}" in " ".join(text.split())


def test_a_letter_asks_for_nothing_the_fetcher_refuses(frozen, world, listener, caplog):
    """The letter's own resources are all static files: rendering it logs no refused
    source (a refusal in the logs means something tried to load what it may not, so it
    must stay rare enough to be noticed). A local() font source used to be refused on
    every letter: fontconfig answers with a file outside static/."""
    import logging

    versie = vastgestelde_pip(world.dossier, world.werkcoach, dagtekening=date(2026, 3, 9))
    with caplog.at_level(logging.WARNING, logger="casefiles.pdf"):
        services.brief_genereren(versie=versie)
    assert [r.getMessage() for r in caplog.records if r.name == "casefiles.pdf"] == []
