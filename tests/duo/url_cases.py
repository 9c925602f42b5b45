"""URL permission cases of the duo app (tests/test_url_permissions.py): the pages of
duo-out (tests/duo/out) and of duo.inbound (tests/duo/inbound)."""

from tests.duo.inbound.url_cases import CASES as INBOUND_CASES
from tests.duo.inbound.url_cases import MACHINE_CASES
from tests.duo.out.url_cases import CASES as OUT_CASES

CASES = [*OUT_CASES, *INBOUND_CASES]

__all__ = ["CASES", "MACHINE_CASES"]
