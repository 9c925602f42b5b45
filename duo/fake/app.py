"""The fake DUO as a WSGI application (no Django): every path + method of DUO's OpenAPI
files under ``/v1``, DUO's business rules (duo.fake.rules), DUO's scope rules, a store
per BSN (duo.fake.store), events that change the store and notify the application
(duo.fake.events), and control endpoints under ``/_fake/``.

    fake = FakeDuo(gemeenten={"00000001001234567000": "1690"})
    fake.seed_person("999990019", gemeente="1690", plicht_start="2026-09-01")
    server = serve(fake, port=0)          # threaded, in the background
    ... DUO_BASE_URL = server.base_url    # http://127.0.0.1:<port>/v1
    fake.emit("SS139", "999990019")       # POSTs a Notificatie to fake.notify_url
    server.stop()

Nothing here logs a request line: DUO's paths hold BSNs.
"""

from __future__ import annotations

import json
import re
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta

from .. import spec
from . import events, rules
from .store import (
    FakeStore,
    Person,
    PipRecord,
    RecordedRequest,
    Resultaat,
    as_date,
    doelgroep_indeling,
)

BASE_PATH = "/v1"  # README "Basis pad URI": https://{host}/{major version}
DEFAULT_DUO_OIN = "00000001800866472000"  # placeholder, as settings.DUO_OIN's default
DUO_SOURCE_HEADERS = ("bron", "doel", "berichtId")

# API versions when the spec directory is absent (from the files at commit f4973d4)
FALLBACK_VERSIONS = {
    "Contactpersoon": "1.0.0",
    "Examen": "1.0.0",
    "GevolgdeUren": "1.0.0",
    "Inburgeringsaanbod": "1.2.0",
    "Inburgeringsplicht": "1.2.2",
    "Inburgeringstermijn": "1.0.0",
    "Leerbaarheidstoets": "1.2.0",
    "MAP,PVT,Zroute": "1.0.0",
    "Notificatie": "1.8.0",
    "Ontheffing": "1.0.0",
    "PIP": "1.2.0",
    "Vrijstelling": "1.0.0",
}

STATUS_TEXT = {
    200: "OK",
    201: "Created",
    204: "No Content",
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


class Refusal(Exception):
    """Answer with ``status`` and DUO's error body ``[{"fouttekst": ...}]``."""

    def __init__(self, status: int, *texts: str):
        super().__init__(status, texts)
        self.status = status
        self.texts = [t[:200] for t in texts]


@dataclass
class Call:
    """One request as a handler sees it."""

    fake: FakeDuo
    api: str
    template: str
    params: dict[str, str]
    body: Any
    gemeentecode: str
    person: Person | None
    today: date

    def ctx(self, **extra: Any) -> rules.Ctx:
        assert self.person is not None
        return rules.Ctx(
            person=self.person,
            gemeentecode=self.gemeentecode,
            body=self.body if isinstance(self.body, dict) else {},
            today=self.today,
            instellingen=self.fake.store.instellingen,
            **extra,
        )


@dataclass
class EmitResult:
    """What happened when the fake sent a notification."""

    gebeurtenis: str
    bericht_id: str
    headers: dict[str, str]
    notificatie: dict[str, Any]
    status: int | None  # None: not delivered (connection error)
    response: Any = None
    error: str | None = None


Handler = Callable[[Call], tuple[int, Any]]
ROUTES: list[tuple[str, str, str, Handler]] = []


def route(api: str, method: str, template: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        ROUTES.append((api, method, template, fn))
        return fn

    return register


def _compile(template: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[^}]+\})", template)
    return re.compile(
        "^"
        + "".join(f"(?P<{p[1:-1]}>[^/]+)" if p.startswith("{") else re.escape(p) for p in parts)
        + "$"
    )


def _clean(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


# --- the FakeDuo ------------------------------------------------


class FakeDuo:
    """The fake DUO: store, rules, request log, down mode, events. A WSGI callable."""

    def __init__(
        self,
        *,
        gemeenten: dict[str, str] | None = None,
        duo_oin: str = DEFAULT_DUO_OIN,
        notify_url: str | None = None,
        validate: bool = True,
        today: Callable[[], date] | None = None,
    ) -> None:
        self.store = FakeStore()
        self.gemeenten: dict[str, str] = dict(gemeenten or {})  # OIN -> CBS code
        self.duo_oin = duo_oin
        self.notify_url = notify_url
        self.validate = validate
        self._today = today or date.today
        self.requests: list[RecordedRequest] = []
        self.notifications: list[EmitResult] = []
        self.received_notifications: list[dict[str, Any]] = []
        self.down: str | None = None  # None, "503" or "close"
        self.delay: float = 0.0  # seconds before DUO answers (timeouts)
        self.tls_refused = 0  # TLS handshakes refused (no or a wrong client certificate)
        self._log_lock = threading.Lock()
        self._routes = [(api, m, t, _compile(t), fn) for api, m, t, fn in ROUTES]
        self.server: Any = None  # the FakeDuoServer once served

    # --- configuration and seeding -----------------------------------------------------
    @property
    def url(self) -> str:
        """Root URL of the running fake (``/_fake/`` lives here)."""
        if self.server is None:
            raise RuntimeError("The fake is not served: duo.fake.serve(fake)")
        return str(self.server.url)

    @property
    def base_url(self) -> str:
        """What DUO_BASE_URL should be for the running fake (root + ``/v1``)."""
        return self.url + BASE_PATH

    def today(self) -> date:
        return self._today()

    def set_today(self, day: date | str | None) -> None:
        """Fix DUO's "today" (rules about the future, a month, two months); None: real."""
        fixed = as_date(day)
        self._today = (lambda: fixed) if fixed else date.today  # type: ignore[assignment,return-value]

    def add_gemeente(self, oin: str, gemeentecode: str) -> None:
        """Let DUO know a gemeente's OIN (the ``bron`` of its requests)."""
        self.gemeenten[oin] = gemeentecode

    def oin_of(self, gemeentecode: str) -> str | None:
        return next((oin for oin, code in self.gemeenten.items() if code == gemeentecode), None)

    def set_down(self, mode: str | None) -> None:
        """None: up; "503": answer every DUO request with 503; "close": close every
        connection without an answer."""
        if mode not in (None, "503", "close"):
            raise ValueError("mode is None, '503' or 'close'")
        self.down = mode

    def set_delay(self, seconds: float) -> None:
        """Answer DUO requests only after ``seconds`` (0: at once). The request is still
        processed: a client that times out does not know whether DUO registered it."""
        if seconds < 0:
            raise ValueError("delay >= 0")
        self.delay = float(seconds)

    def reset(self) -> None:
        with self._log_lock:
            self.requests.clear()
            self.notifications.clear()
            self.received_notifications.clear()
        self.store.reset()
        self.down = None
        self.delay = 0.0

    def person(self, bsn: str) -> Person:
        return self.store.persons[bsn]

    def seed_person(self, bsn: str, **facts: Any) -> Person:
        """Put a person in DUO's administration (replacing one with the same BSN).

        Facts (all optional but ``gemeente``): gemeente (CBS code of residence), coa,
        coa_gemeente, vestigingsdatum, plichtig, plicht_start (default 60 days ago),
        plicht_einde, reden_geen_plicht, datum_kennisgeving, doelgroep ("asiel"/"gezin"
        or DUO's indeling), gedetailleerde_doelgroep, doelgroep_begindatum,
        termijn_start, termijn_eind (or termijn=True: start = plicht_start, 3 years),
        lbt_examennummer, lbt_resultaten, vrijstellingen, ontheffingen, examens,
        gratispogingen, pip (one PIP body, optionally with gemeentecode/ontvangen),
        pips (a list of those), aanbod {instellingsnummer: body}, cursusdeelnameuren,
        map / pvt ({datum, verwijtbaar, gemeentecode}), zroute_afgerond, uren.
        Dates as ``date`` or ISO strings.
        """
        facts = dict(facts)
        if "gemeente" not in facts:
            raise TypeError("seed_person needs gemeente=<CBS-code>")
        gemeente = str(facts.pop("gemeente"))
        today = self.today()
        plicht_start = as_date(facts.pop("plicht_start", None)) or today - timedelta(days=60)
        p = Person(bsn=bsn, gemeentecode=gemeente, plicht_start=plicht_start)
        p.vestigingsdatum = plicht_start
        p.datum_kennisgeving = plicht_start
        p.doelgroep_begindatum = plicht_start
        if facts.pop("termijn", False):
            p.termijn_start = plicht_start
            p.termijn_eind = plicht_start + relativedelta(years=events.TERMIJN_JAREN)
        coa_gemeente = facts.pop("coa_gemeente", None)
        p.coa_gemeentecode = str(coa_gemeente) if coa_gemeente else None
        if "doelgroep" in facts:
            p.doelgroep = doelgroep_indeling(str(facts.pop("doelgroep")))
        pips = list(facts.pop("pips", []))
        if "pip" in facts:
            pips.append(facts.pop("pip"))
        for raw in pips:
            raw = dict(raw)
            code = str(raw.pop("gemeentecode", gemeente))
            ontvangen = as_date(raw.pop("ontvangen", None)) or as_date(raw["dagtekeningPip"])
            assert ontvangen is not None
            p.pips.append(PipRecord(code, rules.default_niveau(raw), ontvangen))
        for kind in ("map", "pvt"):
            if kind in facts:
                raw = dict(facts.pop(kind))
                setattr(
                    p,
                    kind,
                    Resultaat(
                        str(raw.get("gemeentecode", gemeente)),
                        as_date(raw.get("datum")),
                        raw.get("verwijtbaar"),
                    ),
                )
        for name, value in facts.items():
            if name not in Person.__dataclass_fields__ or name in ("bsn", "pips"):
                raise TypeError(f"seed_person: onbekend gegeven {name!r}")
            current = getattr(p, name)
            if isinstance(current, date) or name.endswith(
                ("start", "eind", "einde", "datum", "afgerond", "kennisgeving")
            ):
                value = as_date(value)
            setattr(p, name, value)
        with self.store.lock:
            self.store.persons[bsn] = p
        return p

    # --- events --------------------------------------------------------------------------
    def notification(self, event: str, bsn: str | None) -> dict[str, Any]:
        """A Notificatie body as DUO sends it (Notificatie/openapi.yml)."""
        body: dict[str, Any] = {
            "registratieDatumTijd": datetime.now().astimezone().isoformat(timespec="seconds"),
            "gebeurtenisId": event,
        }
        if bsn:
            body["bsn"] = bsn
        return body

    def emit(
        self,
        event: str,
        bsn: str,
        doel_oin: str | None = None,
        *,
        url: str | None = None,
        send: Callable[[dict[str, str], dict[str, Any]], Any] | None = None,
        apply: bool = True,
        **facts: Any,
    ) -> EmitResult:
        """Apply ``event`` to the store, then notify the gemeente.

        ``doel_oin``: the gemeente's OIN (default: the OIN of the person's gemeente).
        The Notificatie goes with DUO's OIN as ``bron`` and a fresh ``berichtId`` to
        ``url`` (default :attr:`notify_url`), or, when ``send`` is given, to
        ``send(headers, body)`` which returns the status code or ``(status, body)``
        (e.g. a Django test client). ``facts`` override dates/values (``datum``, ...).
        """
        gemeentecode = self.gemeenten.get(doel_oin) if doel_oin else None
        if apply:
            if doel_oin and gemeentecode is None:
                raise ValueError(
                    "doel_oin is geen bij de fake DUO bekende gemeente: add_gemeente() "
                    "(of apply=False om alleen te notificeren)"
                )
            person = events.apply(
                self.store, event, bsn, gemeentecode=gemeentecode, today=self.today(), facts=facts
            )
            if doel_oin is None:
                doel_oin = self.oin_of(person.verantwoordelijke_gemeente)
        elif doel_oin is None and bsn in self.store.persons:
            doel_oin = self.oin_of(self.store.persons[bsn].verantwoordelijke_gemeente)
        if not doel_oin:
            raise ValueError("Geen doel-OIN: geef doel_oin of add_gemeente() voor de gemeente")
        body = self.notification(event, bsn)
        return self._deliver(event, body, doel_oin, str(uuid.uuid4()), url=url, send=send)

    def resend(
        self,
        previous: EmitResult,
        *,
        url: str | None = None,
        send: Callable[[dict[str, str], dict[str, Any]], Any] | None = None,
    ) -> EmitResult:
        """Deliver the same Notificatie again with the same ``berichtId`` (DUO retrying
        after a timeout): the application must not process it twice."""
        return self._deliver(
            previous.gebeurtenis,
            dict(previous.notificatie),
            previous.headers["doel"],
            previous.bericht_id,
            url=url,
            send=send,
        )

    def _deliver(
        self,
        event: str,
        body: dict[str, Any],
        doel_oin: str,
        bericht_id: str,
        *,
        url: str | None,
        send: Callable[[dict[str, str], dict[str, Any]], Any] | None,
    ) -> EmitResult:
        headers = {
            "bron": self.duo_oin,
            "doel": doel_oin,
            "berichtId": bericht_id,
            "API-Version": self.api_version("Notificatie"),
            "Content-Type": "application/json",
        }
        problems = spec.validate_request("Notificatie", "POST", "/notificaties", body, headers)
        if problems:  # the fake must itself speak the spec
            raise ValueError(f"Notificatie voldoet niet aan de spec: {problems}")
        result = EmitResult(event, bericht_id, headers, body, status=None)
        try:
            if send is not None:
                answer = send(headers, body)
                if isinstance(answer, tuple):
                    result.status, result.response = answer
                else:
                    result.status = int(answer)
            else:
                target = url or self.notify_url
                if not target:
                    raise ValueError("Geen notificatie-URL: geef url= of notify_url")
                import requests

                with requests.Session() as session:
                    session.trust_env = False  # the application is local: no proxy
                    r = session.post(target, json=body, headers=headers, timeout=10)
                result.status = r.status_code
                result.response = r.text or None
        except ValueError:
            raise
        except Exception as exc:  # connection refused etc.: recorded, not raised
            result.error = exc.__class__.__name__
        with self._log_lock:
            self.notifications.append(result)
        return result

    # --- helpers for handlers --------------------------------------------------------------
    def api_version(self, api: str) -> str:
        if spec.available():
            try:
                return spec.api_version(api)
            except (FileNotFoundError, KeyError):
                pass
        return FALLBACK_VERSIONS.get(api, "1.0.0")

    def relevant(self, person: Person, gemeentecode: str, today: date) -> bool:
        """DUO's scope (README.md:23-27): may this gemeente see this person?"""
        if not person.coa and person.gemeentecode == gemeentecode:
            return True
        if person.coa and person.coa_gemeentecode == gemeentecode:
            return True
        actueel = person.actuele_pip
        if actueel is not None and actueel.gemeentecode == gemeentecode:
            return True
        vorige = person.vorige_pip
        return (
            actueel is not None
            and vorige is not None
            and actueel.ontvangen > today - relativedelta(months=1)
            and vorige.gemeentecode == gemeentecode
        )

    # --- WSGI --------------------------------------------------------------------------------
    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        method = environ["REQUEST_METHOD"].upper()
        path = environ.get("PATH_INFO") or "/"
        raw = _read_body(environ)
        headers = {
            k[5:].replace("_", "-").lower(): v for k, v in environ.items() if k.startswith("HTTP_")
        }
        if environ.get("CONTENT_TYPE"):
            headers["content-type"] = environ["CONTENT_TYPE"]
        if path in ("/_fake", "/_fake/") or path == "/_fake/ui/emit":
            return self._ui(method, path, raw, start_response)
        if path.startswith("/_fake/"):
            status, body, extra = self._control(method, path, raw)
            return _respond(start_response, status, body, extra)
        if self.delay:
            time.sleep(self.delay)
        status, body, api, template = self._dispatch(method, path, raw, headers)
        extra = {"API-Version": self.api_version(api)} if api else {}
        try:
            logged_body = json.loads(raw) if raw else None
        except ValueError:
            logged_body = raw.decode("utf-8", "replace")
        with self._log_lock:
            self.requests.append(
                RecordedRequest(
                    method,
                    path,
                    headers,
                    logged_body,
                    status,
                    body,
                    api,
                    template,
                    client_cert=environ.get("fake.client_cert"),
                )
            )
        return _respond(start_response, status, body, extra)

    def _match(self, method: str, rel: str) -> tuple[Any, ...] | None:
        allowed = False
        for api, m, template, rx, fn in self._routes:
            found = rx.match(rel)
            if found:
                if m == method:
                    return api, template, found.groupdict(), fn
                allowed = True
        return ("405",) if allowed else None

    def _dispatch(
        self, method: str, path: str, raw: bytes, headers: dict[str, str]
    ) -> tuple[int, Any, str | None, str | None]:
        if not (path == BASE_PATH or path.startswith(BASE_PATH + "/")):
            return (
                404,
                [{"fouttekst": f"Onbekend pad; DUO's API's staan onder {BASE_PATH}"}],
                None,
                None,
            )
        rel = path[len(BASE_PATH) :] or "/"
        matched = self._match(method, rel)
        if matched is None:
            return 404, [{"fouttekst": "Onbekend pad"}], None, None
        if matched == ("405",):
            return 405, [{"fouttekst": "Methode niet toegestaan"}], None, None
        api, template, params, handler = matched
        if self.down == "503":
            return (
                503,
                _error_body(
                    api, method, template, 503, ["Service niet beschikbaar (fake DUO in storing)"]
                ),
                api,
                template,
            )
        # 400: the request does not satisfy the spec
        body: Any = None
        problems: list[str] = []
        if raw:
            try:
                body = json.loads(raw)
            except ValueError:
                problems.append("body: geen geldige JSON")
        for name in DUO_SOURCE_HEADERS:
            if not headers.get(name.lower()):
                problems.append(f"header.{name}: verplichte header ontbreekt")
        if self.validate and not problems:
            if spec.available():
                problems += spec.validate_request(api, method, rel, body, headers)
            else:
                problems += _minimal_body_check(method, template, body)
        if problems:
            return (
                400,
                [{"fouttekst": p[:200]} for p in dict.fromkeys(problems)][:50],
                api,
                template,
            )
        if api == "Notificatie":  # the sink: DUO notifying a gemeente, no scope
            status, answer = handler(
                Call(self, api, template, params, body, "", None, self.today())
            )
            return status, answer, api, template
        # 403: who is asking
        if headers["doel"] != self.duo_oin:
            return 403, [{"fouttekst": "Het doel-OIN is niet dat van DUO."}], api, template
        gemeentecode = self.gemeenten.get(headers["bron"])
        if gemeentecode is None:
            return (
                403,
                [{"fouttekst": "Het bron-OIN is bij DUO niet bekend als gemeente."}],
                api,
                template,
            )
        today = self.today()
        try:
            with self.store.lock:
                person = None
                if "bsn" in params:
                    person = self.store.persons.get(params["bsn"])
                    # README.md:20-21: the person must be known to DUO under the Wi 2021
                    if person is None:
                        raise Refusal(404, "De persoon is niet bekend bij DUO.")
                    if not person.onder_wi2021:
                        raise Refusal(404, "De persoon valt niet onder de Wet inburgering 2021.")
                    if not self.relevant(person, gemeentecode, today):
                        raise Refusal(403, "De persoon is niet relevant voor uw gemeente.")
                call = Call(self, api, template, params, body, gemeentecode, person, today)
                status, answer = handler(call)
        except (KeyError, TypeError, ValueError, AttributeError):
            # only reachable without schema validation (spec absent or --no-validate):
            # a body the handler cannot read is DUO's "Interne server fout"
            return 500, [{"fouttekst": "Interne server fout"}], api, template
        except Refusal as refusal:
            return (
                refusal.status,
                _error_body(api, method, template, refusal.status, refusal.texts),
                api,
                template,
            )
        return status, answer, api, template

    def _ui(
        self, method: str, path: str, raw: bytes, start_response: Callable[..., Any]
    ) -> list[bytes]:
        from . import ui

        if path == "/_fake/ui/emit" and method == "POST":
            message = ui.emit_from_form(self, raw)
            page = ui.render(self, message)
        else:
            page = ui.render(self)
        payload = page.encode()
        start_response(
            "200 OK",
            [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(payload)))],
        )
        return [payload]

    # --- /_fake/ control endpoints -------------------------------------------------------
    def _control(self, method: str, path: str, raw: bytes) -> tuple[int, Any, dict[str, str]]:
        try:
            data = json.loads(raw) if raw else {}
        except ValueError:
            return 400, {"error": "geen geldige JSON"}, {}
        parts = [p for p in path.split("/") if p][1:]
        try:
            if parts == ["personen"] and method == "POST":
                data = dict(data)
                bsn = str(data.pop("bsn"))
                self.seed_person(bsn, **data)
                return 201, self.dump_person(bsn), {}
            if len(parts) == 2 and parts[0] == "personen" and method == "GET":
                if parts[1] not in self.store.persons:
                    return 404, {"error": "onbekend"}, {}
                return 200, self.dump_person(parts[1]), {}
            if parts == ["gemeenten"] and method == "POST":
                self.add_gemeente(str(data["oin"]), str(data["gemeentecode"]))
                return 201, self.gemeenten, {}
            if parts == ["gemeenten"] and method == "GET":
                return 200, self.gemeenten, {}
            if parts == ["notificaties"] and method == "POST":
                data = dict(data)
                event = str(data.pop("gebeurtenisId", data.pop("event", "")))
                bsn = str(data.pop("bsn"))
                doel = data.pop("doel", None)
                if doel is None and data.get("gemeente"):
                    doel = self.oin_of(str(data.pop("gemeente")))
                result = self.emit(event, bsn, doel, url=data.pop("url", None), **data)
                return 201, _emit_dict(result), {}
            if parts == ["notificaties"] and method == "GET":
                return 200, [_emit_dict(n) for n in self.notifications], {}
            if parts == ["requests"] and method == "GET":
                return 200, [r.as_dict() for r in self.requests], {}
            if parts == ["requests"] and method == "DELETE":
                with self._log_lock:
                    self.requests.clear()
                return 200, [], {}
            if parts == ["down"] and method in ("PUT", "POST"):
                mode = data.get("mode")
                self.set_down(None if mode in (None, "", "up") else str(mode))
                return 200, {"mode": self.down}, {}
            if parts == ["down"] and method == "GET":
                return 200, {"mode": self.down}, {}
            if parts == ["delay"] and method in ("PUT", "POST"):
                self.set_delay(float(data.get("seconds") or 0))
                return 200, {"seconds": self.delay}, {}
            if parts == ["reset"] and method == "POST":
                self.reset()
                return 200, {}, {}
        except (KeyError, TypeError, ValueError) as exc:
            return 400, {"error": f"{exc.__class__.__name__}: {exc}"}, {}
        return 404, {"error": "onbekend /_fake/-pad", "paden": CONTROL_PATHS}, {}

    def dump_person(self, bsn: str) -> dict[str, Any]:
        with self.store.lock:
            return json.loads(json.dumps(asdict(self.store.persons[bsn]), default=str))


CONTROL_PATHS = [
    "POST /_fake/personen {bsn, gemeente, ...feiten}",
    "GET /_fake/personen/{bsn}",
    "POST /_fake/gemeenten {oin, gemeentecode}",
    "GET /_fake/gemeenten",
    "POST /_fake/notificaties {gebeurtenisId, bsn, doel?|gemeente?, url?, ...feiten}",
    "GET /_fake/notificaties",
    "GET /_fake/requests",
    "DELETE /_fake/requests",
    "PUT /_fake/down {mode: null|'503'|'close'}",
    "PUT /_fake/delay {seconds}",
    "POST /_fake/reset",
]


def _emit_dict(result: EmitResult) -> dict[str, Any]:
    return {
        "gebeurtenisId": result.gebeurtenis,
        "berichtId": result.bericht_id,
        "doel": result.headers.get("doel"),
        "notificatie": result.notificatie,
        "status": result.status,
        "error": result.error,
    }


# Without DUO's spec (DUO_SPEC_DIR absent) the fake checks only what its handlers need
# to read a body: the required fields and their dates (the spec checks everything).
_REQUIRED_WITHOUT_SPEC: dict[tuple[str, str], tuple[str, ...]] = {
    ("POST", "/personen/{bsn}/PIP"): ("dagtekeningPip", "leerroute"),
    ("POST", "/contactpersonen"): ("naam", "email", "telefoonnummer"),
    ("PUT", "/contactpersonen/{id}"): ("naam", "email", "telefoonnummer"),
    ("POST", "/personen/{bsn}/Inburgeringsaanbod/{instellingsnummer}"): (
        "indicatorAlfabetiseringsonderwijs",
    ),
    ("PUT", "/personen/{bsn}/uren/participatietaalles"): ("uren",),
    ("PUT", "/personen/{bsn}/uren/participatieactiviteiten"): ("uren",),
    ("PUT", "/personen/{bsn}/uren/bredeintake/taallesknm"): ("uren",),
    ("POST", "/notificaties"): ("registratieDatumTijd", "gebeurtenisId"),
}
_BODY_WITHOUT_SPEC = {
    ("PUT", "/personen/{bsn}/map"),
    ("PUT", "/personen/{bsn}/pvt"),
    ("PUT", "/personen/{bsn}/zroute"),
    *_REQUIRED_WITHOUT_SPEC,
}


def _minimal_body_check(method: str, template: str, body: Any) -> list[str]:
    if (method, template) not in _BODY_WITHOUT_SPEC:
        return []
    if not isinstance(body, dict):
        return ["body: verplichte inhoud ontbreekt"]
    problems = [
        f"body: {name!r} is a required property"
        for name in _REQUIRED_WITHOUT_SPEC.get((method, template), ())
        if name not in body
    ]
    for name, value in body.items():
        if name.startswith("datum") and name != "registratieDatumTijd":
            try:
                as_date(value)
            except (TypeError, ValueError):
                problems.append(f"body.{name}: {value!r} is not a 'date'")
    return problems


def _read_body(environ: dict[str, Any]) -> bytes:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    return environ["wsgi.input"].read(length) if length > 0 else b""


def _error_body(api: str, method: str, template: str, status: int, texts: list[str]) -> Any:
    """DUO's error body for ``status``: the Foutmelding object or array the spec gives
    (an array where the spec documents no body: the fake always says why)."""
    items = [{"fouttekst": t[:200]} for t in texts]
    if spec.available():
        found = spec.find_operation(api, method, template)
        if found is not None:
            schema = found[0].response_schema(status)
            if schema is not None and schema.get("type") == "object":
                return items[0] if items else {"fouttekst": ""}
            if schema is not None and schema.get("maxItems"):
                return items[: schema["maxItems"]]
    return items


def _respond(
    start_response: Callable[..., Any], status: int, body: Any, extra: dict[str, str]
) -> list[bytes]:
    headers = list(extra.items())
    payload = b""
    if body is not None and status != 204:
        payload = json.dumps(body).encode()
        headers.append(("Content-Type", "application/json"))
    headers.append(("Content-Length", str(len(payload))))
    start_response(f"{status} {STATUS_TEXT.get(status, 'Status')}", headers)
    return [payload]


# --- the handlers, one per path + method of DUO's OpenAPI files ---------------------------

from . import handlers as _handlers  # noqa: E402,F401  (registers the routes)
