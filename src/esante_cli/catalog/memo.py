"""What is worked out once per catalogue (its in-memory database, search index, query lexicon)
and kept while that catalogue is in use: the last few catalogues, by identity."""

from __future__ import annotations

from typing import Callable, Generic, TypeVar

T = TypeVar("T")
KEEP = 4  # catalogues remembered (tests make many; a command uses one)


class PerCatalog(Generic[T]):
    """`memo(catalog)`: `make(catalog)` on first use for that catalogue, the same value after."""

    def __init__(self, make: Callable[[object], T]) -> None:
        self._make = make
        self._kept: dict[int, tuple[object, T]] = {}

    def __call__(self, catalog: object) -> T:
        entry = self._kept.get(id(catalog))
        if entry is not None and entry[0] is catalog:
            return entry[1]
        value = self._make(catalog)
        while len(self._kept) >= KEEP:
            self._kept.pop(next(iter(self._kept)))
        self._kept[id(catalog)] = (catalog, value)
        return value
