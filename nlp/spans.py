"""An index of character spans for overlap queries, so that checking each of n mentions against
m others costs O(log m) instead of O(m) (documents can be long)."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable


class SpanIndex:
    """Spans ``(start, end)``, sorted by start, with the longest length known."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._spans = sorted(spans)
        self._starts = [start for start, _ in self._spans]
        self._longest = max((end - start for start, end in self._spans), default=0)

    def add(self, start: int, end: int) -> None:
        insort(self._spans, (start, end))
        self._starts.insert(bisect_left(self._starts, start), start)
        self._longest = max(self._longest, end - start)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans that share at least one character with ``[start, end)``."""
        low = bisect_left(self._starts, start - self._longest)
        high = bisect_left(self._starts, end)
        return [(s, e) for s, e in self._spans[low:high] if e > start and s < end]

    def overlaps(self, start: int, end: int) -> bool:
        return bool(self.overlapping(start, end))

    def containing(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans that contain ``[start, end)`` entirely."""
        return [(s, e) for s, e in self.overlapping(start, end) if s <= start and end <= e]

    def __len__(self) -> int:
        return len(self._spans)


__all__ = ["SpanIndex"]
