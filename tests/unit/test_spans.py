"""The span index answers overlap queries like a scan of all spans would."""

from __future__ import annotations

import random

from nlp.spans import SpanIndex


def test_overlaps_and_containment_agree_with_a_full_scan() -> None:
    rng = random.Random(3)
    spans = [(s, s + rng.randint(1, 30)) for s in (rng.randint(0, 1000) for _ in range(200))]
    index = SpanIndex(spans[:100])
    for start, end in spans[100:150]:
        index.add(start, end)
    held = spans[:150]
    for _ in range(300):
        start = rng.randint(0, 1000)
        end = start + rng.randint(1, 40)
        expected = sorted({(s, e) for s, e in held if s < end and start < e})
        assert sorted(set(index.overlapping(start, end))) == expected
        assert index.overlaps(start, end) == bool(expected)
        inside = sorted({(s, e) for s, e in held if s <= start and end <= e})
        assert sorted(set(index.containing(start, end))) == inside
    assert len(index) == 150
