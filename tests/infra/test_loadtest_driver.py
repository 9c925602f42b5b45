"""The load test's arithmetic (monitoring/loadtest.py): percentiles from every latency,
totals over rounds, CPU per request. The load test itself is a command (make
loadtest), never a timed test."""

from __future__ import annotations

from monitoring.loadtest import Resultaat, percentile


def test_nearest_rank_percentiles():
    values = [i / 1000 for i in range(1, 101)]  # 1 … 100 ms, shuffled below
    values.reverse()
    assert percentile(values, 50) == 0.050
    assert percentile(values, 95) == 0.095
    assert percentile(values, 99) == 0.099
    assert percentile([0.2], 99) == 0.2


def test_rows_per_endpoint_and_total_over_merged_rounds():
    a, b = Resultaat(), Resultaat()
    for _ in range(8):
        a.add("werkvoorraad", 0.010, True)
    a.add("contactmoment_opslaan", 0.030, False)
    b.add("werkvoorraad", 0.020, True)
    a.duur, b.duur = 2.0, 3.0
    a.cpu, b.cpu = 0.1, 0.1
    a.db_cpu, b.db_cpu = 0.05, 0.05
    a.client_cpu, b.client_cpu = 0.004, 0.006
    totaal = Resultaat()
    totaal.merge(a)
    totaal.merge(b)
    rows = {r["endpoint"]: r for r in totaal.rows()}
    assert rows["werkvoorraad"]["n"] == 9
    assert rows["werkvoorraad"]["p50_ms"] == 10.0
    assert rows["werkvoorraad"]["p99_ms"] == 20.0
    assert rows["contactmoment_opslaan"]["fouten"] == 1
    t = rows["TOTAAL"]
    assert t["n"] == 10 and t["fouten"] == 1
    assert t["rps"] == 2.0  # 10 requests in 5 s
    assert t["cpu_ms_per_req"] == 20.0 and t["db_cpu_ms_per_req"] == 10.0
    assert t["server_cpu_ms_per_req"] == 30.0
    assert t["rps_per_core"] == 33.3
    assert t["client_cpu_ms_per_req"] == 1.0


def test_http_client_keeps_cookies_like_a_browser_and_does_not_follow_redirects():
    """The driver's client (http.client, no requests): cookies set, sent back and
    deleted as Django deletes them, a form POST, a redirect returned as is, and a new
    connection after the server closed one (as gunicorn's sync workers do)."""
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    from monitoring.loadtest import Http

    gezien: list[tuple[str, str, str, bytes]] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"  # close after every response

        def log_message(self, *args):
            pass

        def _antwoord(self, status, cookies=(), location=""):
            self.send_response(status)
            for c in cookies:
                self.send_header("Set-Cookie", c)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def do_GET(self):
            gezien.append(("GET", self.path, self.headers.get("Cookie", ""), b""))
            if self.path == "/eerst":
                self._antwoord(200, ["csrftoken=abc; Path=/", 'messages="x:1"; Path=/'])
            else:
                self._antwoord(
                    200, ['messages=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0']
                )

        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            gezien.append(("POST", self.path, self.headers.get("Cookie", ""), body))
            self._antwoord(302, ["sessionid=s1; HttpOnly; Path=/"], location="/elders/")

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        http = Http(f"http://127.0.0.1:{server.server_address[1]}")
        assert http.request("GET", "/eerst").status_code == 200
        r = http.request("POST", "/inloggen/", data={"username": "wc", "a": "b c"})
        assert r.status_code == 302 and r.headers["location"] == "/elders/"
        assert http.request("GET", "/daarna").text == "ok"
        assert http.request("GET", "/laatst").status_code == 200
    finally:
        server.shutdown()
    assert gezien[1][3] == b"username=wc&a=b+c"
    assert gezien[1][2] == 'csrftoken=abc; messages="x:1"'
    assert gezien[2][2] == 'csrftoken=abc; messages="x:1"; sessionid=s1'
    assert gezien[3][2] == "csrftoken=abc; sessionid=s1"  # messages deleted
    assert http.cookies == {"csrftoken": "abc", "sessionid": "s1"}
