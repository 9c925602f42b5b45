"""A one-page overview of the fake DUO for the demo (``GET /_fake/``): what DUO
received (operation, status, DUO's answer), the notifications it sent, and a button
per event to send one. Dev and demo only; shows operations, never the BSN in a path."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING
from urllib.parse import parse_qs

if TYPE_CHECKING:
    from .app import FakeDuo

DEMO_EVENTS = ("SS139", "SS102", "SS131", "SS199", "SS124", "SS103")


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def render(fake: FakeDuo, message: str = "") -> str:
    rows = []
    for r in reversed(fake.requests[-50:]):
        texts = ""
        if isinstance(r.response, list):
            texts = " ".join(str(x.get("fouttekst", "")) for x in r.response if isinstance(x, dict))
        rows.append(
            f"<tr><td>{_e(r.at.strftime('%H:%M:%S'))}</td><td>{_e(r.method)}</td>"
            f"<td><code>{_e(r.operation or '?')}</code></td><td>{_e(r.api)}</td>"
            f"<td>{_e(r.status)}</td><td>{_e(texts)}</td></tr>"
        )
    sent = []
    for n in reversed(fake.notifications[-20:]):
        sent.append(
            f"<tr><td>{_e(n.gebeurtenis)}</td><td>{_e(n.headers.get('doel'))}</td>"
            f"<td>{_e(n.status if n.status is not None else n.error)}</td></tr>"
        )
    persons = sorted(fake.store.persons)
    options = "".join(f"<option>{_e(b)}</option>" for b in persons)
    events = "".join(f"<option>{_e(e)}</option>" for e in DEMO_EVENTS)
    return f"""<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Fake DUO</title>
<style>body{{font-family:sans-serif;margin:2rem}}table{{border-collapse:collapse}}
td,th{{border:1px solid #999;padding:.25rem .5rem;text-align:left}}</style></head>
<body><h1>Fake DUO (alleen ontwikkeling en demo)</h1>
<p>{_e(message)}</p>
<p>Storing: <strong>{_e(fake.down or "nee")}</strong>.
Notificaties gaan naar <code>{_e(fake.notify_url)}</code>.</p>
<h2>Notificatie versturen</h2>
<form method="post" action="/_fake/ui/emit">
<label>Gebeurtenis <select name="gebeurtenisId">{events}</select></label>
<label>BSN <select name="bsn">{options}</select></label>
<button type="submit">Versturen</button></form>
<h2>Verstuurde notificaties</h2>
<table><tr><th>gebeurtenis</th><th>doel-OIN</th><th>antwoord</th></tr>{"".join(sent)}</table>
<h2>Ontvangen verzoeken (laatste 50)</h2>
<table><tr><th>tijd</th><th>methode</th><th>operatie</th><th>API</th><th>status</th>
<th>fouttekst</th></tr>{"".join(rows)}</table>
</body></html>"""


def emit_from_form(fake: FakeDuo, raw: bytes) -> str:
    form = {k: v[0] for k, v in parse_qs(raw.decode("utf-8", "replace")).items()}
    event, bsn = form.get("gebeurtenisId", ""), form.get("bsn", "")
    try:
        result = fake.emit(event, bsn)
    except ValueError as exc:
        return f"Niet verstuurd: {exc}"
    answer = result.status if result.status is not None else result.error
    return f"{event} verstuurd; antwoord van de applicatie: {answer}"
