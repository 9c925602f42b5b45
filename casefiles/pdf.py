"""The one way to make a PDF: render a Django template and lay it out with WeasyPrint.

WeasyPrint is imported lazily (it is heavy and pulls in Pango). Relative URLs in
the template (fonts, images) resolve against ``base_url``, by default the project's
``static/`` directory, so ``url("vendor/noto-sans/…woff2")`` finds the vendored
Noto Sans and a letter looks the same on every machine. The font configuration is
reused between renders: that keeps a warm render well under a second.

The renderer fetches nothing from outside (issue 12): its URL fetcher serves only
files inside ``static/`` and refuses http(s), data and every other file, so a
hostile value that ends up in a letter cannot make the server call out or read a
file.
"""

from __future__ import annotations

import logging
import mimetypes
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname

from django.conf import settings
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _font_config():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def default_base_url() -> str:
    return str(settings.BASE_DIR / "static") + "/"


def static_root() -> Path:
    return (Path(settings.BASE_DIR) / "static").resolve()


def _allowed_static_file(url: str) -> Path | None:
    """The file behind ``url`` when it is a ``file:`` URL of a file inside the
    project's own ``static/`` directory; ``None`` for everything else."""
    parsed = urlparse(url)
    if parsed.scheme != "file" or parsed.netloc not in ("", "localhost"):
        return None
    path = Path(url2pathname(unquote(parsed.path))).resolve()
    root = static_root()
    if not path.is_relative_to(root) or not path.is_file():
        return None
    return path


def _refuse(url: str) -> ValueError:
    scheme = urlparse(url).scheme or "?"
    logger.warning("PDF: bron met schema %s geweigerd (alleen eigen statische bestanden)", scheme)
    return ValueError("Alleen de eigen statische bestanden van de applicatie mogen worden geladen.")


def _static_only_fetcher():
    """A WeasyPrint URL fetcher that serves only the project's own static files
    (fonts, images) and refuses every other URL: http(s), ftp, data, and file:
    outside ``static/`` (issue 12). WeasyPrint skips a refused resource."""
    try:
        from weasyprint.urls import URLFetcher, URLFetcherResponse
    except ImportError:  # WeasyPrint < 70: a plain function returning a dict

        def fetch_dict(url, timeout=10, ssl_context=None):
            path = _allowed_static_file(url)
            if path is None:
                raise _refuse(url)
            return {
                "string": path.read_bytes(),
                "mime_type": mimetypes.guess_type(path.name)[0] or "application/octet-stream",
                "redirected_url": url,
            }

        return fetch_dict

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            path = _allowed_static_file(url)
            if path is None:
                raise _refuse(url)
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})

    return StaticOnlyFetcher()


def render_html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """Lay out already rendered HTML as PDF bytes. Nothing outside the project's
    own static files is ever fetched."""
    from weasyprint import HTML

    return HTML(
        string=html, base_url=base_url or default_base_url(), url_fetcher=_static_only_fetcher()
    ).write_pdf(font_config=_font_config())


def render_to_pdf(template_name: str, context: dict, *, base_url: str | None = None) -> bytes:
    """Render ``template_name`` with ``context`` and return the PDF as bytes."""
    html = render_to_string(template_name, context)
    return render_html_to_pdf(html, base_url=base_url)
