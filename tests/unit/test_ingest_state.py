"""What ingest knows about stored documents: places per document and documents per place."""

from __future__ import annotations

from loaders.ingest import KnownDocuments


def test_a_place_knows_its_documents_and_forgetting_the_last_place_removes_one() -> None:
    known = KnownDocuments()
    known.add("doc:a", "document", "file:///x.txt", "v1")
    known.add("doc:a", "document", "file:///copy.txt", "v1")
    known.add("doc:b", "document", "file:///y.txt", "v1")
    assert known.at("file:///x.txt") == ["doc:a"] and known.at("file:///nothing") == []
    assert known.forget_uri("doc:a", "file:///x.txt") is False  # still at copy.txt
    assert known.at("file:///x.txt") == [] and known.uris["doc:a"] == ["file:///copy.txt"]
    assert known.forget_uri("doc:a", "file:///copy.txt") is True  # no place left
    assert "doc:a" not in known.kinds and known.at("file:///copy.txt") == []
    known.remove("doc:b")
    assert known.at("file:///y.txt") == [] and not known.kinds
