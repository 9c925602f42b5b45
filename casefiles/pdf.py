"""The one way to make a PDF: render a Django template and lay it out with WeasyPrint.

WeasyPrint is imported lazily (it is heavy and pulls in Pango). Relative URLs in
the template (fonts, images) resolve against ``base_url``, by default the project's
``static/`` directory, so ``url("vendor/noto-sans/…woff2")`` finds the vendored
Noto Sans and a letter looks the same on every machine. The font configuration is
reused between renders: that keeps a warm render well under a second.
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.template.loader import render_to_string


@lru_cache(maxsize=1)
def _font_config():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def default_base_url() -> str:
    return str(settings.BASE_DIR / "static") + "/"


def render_html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """Lay out already rendered HTML as PDF bytes."""
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url or default_base_url()).write_pdf(
        font_config=_font_config()
    )


def render_to_pdf(template_name: str, context: dict, *, base_url: str | None = None) -> bytes:
    """Render ``template_name`` with ``context`` and return the PDF as bytes."""
    html = render_to_string(template_name, context)
    return render_html_to_pdf(html, base_url=base_url)
