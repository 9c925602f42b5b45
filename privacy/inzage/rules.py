"""The law's numbers for AVG requests. No ORM, no I/O."""

from __future__ import annotations

import calendar
import datetime as dt

BESLISTERMIJN_MAANDEN = 1
"""AVG art. 12, lid 3: the controller answers a request under art. 15–22 "without
undue delay and in any event within one month of receipt of the request"."""


def beslistermijn(ontvangen_op: dt.date, maanden: int = BESLISTERMIJN_MAANDEN) -> dt.date:
    """The last day to answer: the same day number ``maanden`` later, or the last day
    of that month when it is shorter (31 januari → 28/29 februari)."""
    jaar = ontvangen_op.year + (ontvangen_op.month - 1 + maanden) // 12
    maand = (ontvangen_op.month - 1 + maanden) % 12 + 1
    dag = min(ontvangen_op.day, calendar.monthrange(jaar, maand)[1])
    return dt.date(jaar, maand, dag)
