"""Pagination for every list of dossiers or records (issue 16): a page of rows, one
COUNT that needs none of the list's joins, and the query string of the other filters
for the links. Templates show it with ``casefiles/partials/_paginering.html``."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property


class GeteldePaginator(Paginator):
    """A paginator that counts with another queryset (or a known number) than it
    lists: the same rows without the joins and subqueries of the list, so the page
    count is one cheap COUNT (the list's own COUNT would join every row)."""

    def __init__(self, object_list, per_page, *, telling: QuerySet | int | None = None, **kw):
        super().__init__(object_list, per_page, **kw)
        self._telling = telling

    @cached_property
    def count(self) -> int:
        if self._telling is None:
            return super().count
        if isinstance(self._telling, int):
            return self._telling
        return self._telling.count()


def pagina(
    request,
    rijen,
    per_pagina: int,
    *,
    telling: QuerySet | int | None = None,
    param: str = "pagina",
) -> Page:
    """The page the request asks for (``?pagina=``); the last one when it asks beyond."""
    return GeteldePaginator(rijen, per_pagina, telling=telling).get_page(request.GET.get(param))


def querystring_zonder(request, param: str = "pagina") -> str:
    """The request's query string without the page number (for the page links)."""
    params = request.GET.copy()
    params.pop(param, None)
    return params.urlencode()
