"""Tests for qa/index.py: build/load round trip, up-to-date and stale checks, reuse, broken folders, safe builds."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import numpy as np
import pytest

from qa.chunking import ChunkSettings, chunk_document, sentences_of
from qa.corpus import load_corpus
from qa.index import MANIFEST, IndexProblem, build_index, load_index, read_manifest, stale_reason

pytestmark = pytest.mark.model

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "small_corpus"


class RecordingEmbedder:
    """The real model behind a per-text cache, recording which texts each build asked to embed.

    Builds in these tests embed the same few texts again and again; the cache keeps them fast, and the
    record shows which documents a build re-embedded and which it reused.
    """

    def __init__(self, real, cache: dict[str, np.ndarray]):
        self.real, self.cache, self.encoded = real, cache, []
        self.model_name, self.dimension, self.max_seq_length = real.model_name, real.dimension, real.max_seq_length

    def count_model_tokens(self, text: str) -> int:
        return self.real.count_model_tokens(text)

    def encode(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        self.encoded.extend(texts)
        missing = [t for t in dict.fromkeys(texts) if t not in self.cache]
        if missing:
            self.cache.update(zip(missing, self.real.encode(missing)))
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([self.cache[t] for t in texts])

    def encode_one(self, text: str) -> np.ndarray:
        return self.encode([text])[0]


@pytest.fixture(scope="module")
def _vector_cache(small_index) -> dict[str, np.ndarray]:
    """Seeded with the vectors of the session's small index (the same texts, embedded by the real model)."""
    index = load_index(small_index, check_corpus=False)
    cache = dict(zip((s.text for s in index.sentences), index.sentence_vectors))
    cache.update(zip((c.text for c in index.chunks), index.faiss_index.reconstruct_n(0, index.faiss_index.ntotal)))
    words = getattr(index, "words", None)
    if words is not None and getattr(index, "word_vectors", None) is not None:
        cache.update(zip(words, index.word_vectors))
    return cache


@pytest.fixture
def emb(embedder, _vector_cache) -> RecordingEmbedder:
    return RecordingEmbedder(embedder, _vector_cache)


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    dest = tmp_path / "corpus"
    shutil.copytree(FIXTURE, dest)
    return dest


@pytest.fixture
def built(corpus_copy, tmp_path, emb) -> tuple[Path, Path]:
    """A fresh (corpus, index) pair this test may change."""
    index_dir = tmp_path / "index"
    report = build_index(corpus_copy, index_dir, embedder=emb)
    assert report.built
    emb.encoded.clear()
    return corpus_copy, index_dir


@pytest.fixture
def index_copy(small_index, tmp_path) -> Path:
    """A copy of the session's small index (its corpus is the unchanged session corpus)."""
    dest = tmp_path / "index_copy"
    shutil.copytree(small_index, dest, ignore=shutil.ignore_patterns(".lock"))
    return dest


def _data_dir(index_dir: Path) -> Path:
    return index_dir / read_manifest(index_dir)["data_dir"]


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under a folder (by relative path) with its bytes and modification time."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


# --- round trip ----------------------------------------------------------------------------------


def test_build_then_load_round_trip(built, embedder):
    corpus_dir, index_dir = built
    index = load_index(index_dir, embedder=embedder)
    docs, _ = load_corpus(corpus_dir)
    assert index.documents == {d.id: d for d in docs}

    # The same chunks and sentences a fresh chunking gives, numbered across documents.
    expected_chunks, expected_sentences = [], []
    for doc in docs:
        sents = sentences_of(doc)
        expected_chunks += chunk_document(doc, sents, ChunkSettings(), len(expected_chunks), len(expected_sentences))
        expected_sentences += sents
    assert index.chunks == expected_chunks
    assert index.sentences == expected_sentences

    assert index.faiss_index.ntotal == len(index.chunks)
    assert index.sentence_vectors.shape == (len(index.sentences), index.dimension) == (len(index.sentences), 384)
    manifest = read_manifest(index_dir)
    assert (manifest["n_documents"], manifest["n_chunks"], manifest["n_sentences"]) == (
        len(docs), len(index.chunks), len(index.sentences))

    # Row i of the vectors is chunk i, and row i of the sentence vectors is sentence i.
    vectors = index.faiss_index.reconstruct_n(0, index.faiss_index.ntotal)
    fresh = embedder.encode([c.text for c in index.chunks])
    np.testing.assert_allclose(vectors, fresh, atol=1e-4)
    np.testing.assert_allclose(index.sentence_vectors[:3], embedder.encode([s.text for s in index.sentences[:3]]),
                               atol=1e-4)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


def test_second_build_is_up_to_date_and_writes_nothing(built, emb):
    corpus_dir, index_dir = built
    before = (index_dir / MANIFEST).read_bytes()
    data_dir = _data_dir(index_dir)
    report = build_index(corpus_dir, index_dir, embedder=emb)
    assert report.built is False
    assert emb.encoded == []
    assert report.reason == "up to date"
    assert report.n_documents == 3
    assert (index_dir / MANIFEST).read_bytes() == before
    assert _data_dir(index_dir) == data_dir and data_dir.is_dir()


def test_force_rebuilds_and_removes_the_old_data_folder(built, emb):
    corpus_dir, index_dir = built
    old = _data_dir(index_dir)
    report = build_index(corpus_dir, index_dir, embedder=emb, force=True)
    assert report.built and report.reused_documents == 0 and report.reason == "rebuild forced"
    index = load_index(index_dir)
    assert {u.text for u in [*index.sentences, *index.chunks]} | set(index.words) <= set(emb.encoded)
    assert len(emb.encoded) == len(set(emb.encoded))  # each distinct text once, whatever kinds it serves as
    assert _data_dir(index_dir) != old
    assert [p.name for p in index_dir.glob("data-*")] == [_data_dir(index_dir).name]


def test_changed_settings_make_the_index_stale(built, emb):
    corpus_dir, index_dir = built
    docs, _ = load_corpus(corpus_dir)
    assert stale_reason(index_dir, docs, emb, ChunkSettings()) == ""
    assert "chunking" in stale_reason(index_dir, docs, emb, ChunkSettings(60, 10))
    report = build_index(corpus_dir, index_dir, embedder=emb, chunking=ChunkSettings(60, 10))
    assert report.built and report.reused_documents == 0
    assert load_index(index_dir).manifest["chunking"]["max_tokens"] == 60


def test_chunk_budget_over_the_model_window_is_refused(built, emb):
    corpus_dir, index_dir = built
    with pytest.raises(ValueError, match="1000"):
        build_index(corpus_dir, index_dir, embedder=emb, chunking=ChunkSettings(1000, 40))
    load_index(index_dir)  # the old index is untouched


# --- stale corpus and reuse ----------------------------------------------------------------------


def test_changed_file_makes_the_index_stale_and_rebuild_reuses_unchanged_vectors(built, emb):
    corpus_dir, index_dir = built
    old = load_index(index_dir)
    _append(corpus_dir / "library_opening.txt", "The library also has a rooftop garden.\n")

    docs, _ = load_corpus(corpus_dir)
    assert stale_reason(index_dir, docs, emb, ChunkSettings()) == "the corpus changed"
    with pytest.raises(IndexProblem) as info:
        load_index(index_dir)
    assert "qa build" in str(info.value) and "changed" in str(info.value)

    report = build_index(corpus_dir, index_dir, embedder=emb)
    assert report.built
    assert report.reused_documents == 2
    assert report.reason == "the corpus changed"
    new = load_index(index_dir)
    # Only texts the old index did not hold were embedded: the new sentence, its window, the chunk around it.
    encoded = set(emb.encoded)
    assert "The library also has a rooftop garden." in encoded
    assert not encoded & ({u.text for u in [*old.sentences, *old.chunks]} | set(old.words))
    for unit in [*new.sentences, *new.chunks]:
        assert unit.text not in encoded or unit.doc_id == "library_opening", unit
    assert "rooftop garden" in new.documents["library_opening"].text

    def rows(index, doc_id):
        return [i for i, s in enumerate(index.sentences) if s.doc_id == doc_id]

    # Unchanged documents keep their exact vectors; the changed one has one more sentence.
    for doc_id in ("harbor_fire", "harbor_followup"):
        np.testing.assert_array_equal(new.sentence_vectors[rows(new, doc_id)], old.sentence_vectors[rows(old, doc_id)])
    assert len(rows(new, "library_opening")) == len(rows(old, "library_opening")) + 1
    # The new sentence has a real vector, not the zeros it started as.
    np.testing.assert_allclose(np.linalg.norm(new.sentence_vectors, axis=1), 1.0, atol=1e-4)


def test_added_and_removed_files_are_picked_up(built, emb):
    corpus_dir, index_dir = built
    (corpus_dir / "harbor_followup.txt").unlink()
    (corpus_dir / "school_vote.txt").write_text("School budget passes\nVoters approved the budget.\n", encoding="utf-8")
    report = build_index(corpus_dir, index_dir, embedder=emb)
    assert report.built and report.reused_documents == 2 and report.n_documents == 3
    assert sorted(load_index(index_dir).documents) == ["harbor_fire", "library_opening", "school_vote"]


def test_skipped_files_are_reported_by_the_build(corpus_copy, tmp_path, emb):
    (corpus_copy / "broken.txt").write_bytes(b"\x00\x01binary")
    report = build_index(corpus_copy, tmp_path / "index", embedder=emb)
    assert [Path(s.path).name for s in report.skipped] == ["broken.txt"]
    assert report.n_documents == 3


def test_build_never_modifies_the_corpus_folder(corpus_copy, tmp_path, emb):
    (corpus_copy / "broken.txt").write_bytes(b"\x00\x01binary")
    before = _snapshot(corpus_copy)
    index_dir = tmp_path / "index"
    build_index(corpus_copy, index_dir, embedder=emb)
    build_index(corpus_copy, index_dir, embedder=emb)
    build_index(corpus_copy, index_dir, embedder=emb, force=True)
    assert _snapshot(corpus_copy) == before


# --- broken or mismatched index folders ----------------------------------------------------------


def _truncate_vectors(index_dir: Path) -> None:
    path = _data_dir(index_dir) / "vectors.faiss"
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _garble_vectors(index_dir: Path) -> None:
    path = _data_dir(index_dir) / "vectors.faiss"
    data = bytearray(path.read_bytes())
    data[:4] = b"XXXX"
    path.write_bytes(bytes(data))


def _empty_vectors(index_dir: Path) -> None:
    (_data_dir(index_dir) / "vectors.faiss").write_bytes(b"")


def _drop_chunk_line(index_dir: Path) -> None:
    path = _data_dir(index_dir) / "chunks.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(lines) > 1
    path.write_text("".join(lines[:1] + lines[2:]), encoding="utf-8")


def _cut_chunk_file_mid_line(index_dir: Path) -> None:
    path = _data_dir(index_dir) / "chunks.jsonl"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: len(text) - 40], encoding="utf-8")


def _drop_sentence_line(index_dir: Path) -> None:
    path = _data_dir(index_dir) / "sentences.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[1:]), encoding="utf-8")


def _shift_chunk_offsets(index_dir: Path) -> None:
    path = _data_dir(index_dir) / "chunks.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    rows[0]["start"] += 1
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def _junk_sentence_vectors(index_dir: Path) -> None:
    (_data_dir(index_dir) / "sentence_vectors.npy").write_bytes(b"junk")


def _remove_bm25(index_dir: Path) -> None:
    shutil.rmtree(_data_dir(index_dir) / "bm25")


def _remove_data_folder(index_dir: Path) -> None:
    shutil.rmtree(_data_dir(index_dir))


def _edit_manifest(**changes):
    def edit(index_dir: Path) -> None:
        path = index_dir / MANIFEST
        manifest = json.loads(path.read_text(encoding="utf-8"))
        manifest.update(changes)
        path.write_text(json.dumps(manifest), encoding="utf-8")

    edit.__name__ = "manifest_" + "_".join(f"{k}={v}" for k, v in changes.items())
    return edit


def _manifest_text(text: str):
    def edit(index_dir: Path) -> None:
        (index_dir / MANIFEST).write_text(text, encoding="utf-8")

    edit.__name__ = f"manifest_text={text}"
    return edit


@pytest.mark.parametrize(
    "damage",
    [
        _truncate_vectors,
        _garble_vectors,
        _empty_vectors,
        _drop_chunk_line,
        _cut_chunk_file_mid_line,
        _drop_sentence_line,
        _shift_chunk_offsets,
        _junk_sentence_vectors,
        _remove_bm25,
        _remove_data_folder,
        _edit_manifest(format_version=99),
        _edit_manifest(format_version=None),
        _edit_manifest(model="someone/other-model"),
        _edit_manifest(n_chunks=999),
        _edit_manifest(dimension=768),
        _manifest_text("{not json"),
        _manifest_text("[1, 2, 3]"),
    ],
    ids=lambda f: f.__name__.strip("_"),
)
def test_broken_index_raises_index_problem_saying_rebuild(index_copy, embedder, damage):
    damage(index_copy)
    with pytest.raises(IndexProblem) as info:
        load_index(index_copy, embedder=embedder)
    message = str(info.value)
    assert "rebuild" in message and "qa build" in message
    assert str(index_copy) in message


def test_missing_index_says_to_run_qa_build(tmp_path):
    with pytest.raises(IndexProblem, match="qa build"):
        load_index(tmp_path / "nowhere")


def test_a_broken_index_is_rebuilt_by_the_next_build(built, emb):
    corpus_dir, index_dir = built
    _truncate_vectors(index_dir)
    _edit_manifest(model="someone/other-model")(index_dir)
    report = build_index(corpus_dir, index_dir, embedder=emb)
    assert report.built and report.reused_documents == 0
    assert load_index(index_dir, embedder=emb).faiss_index.ntotal == report.n_chunks


# --- builds that fail midway ---------------------------------------------------------------------


def _assert_previous_index_intact(index_dir: Path, before: dict[str, tuple[bytes, int]], n_chunks: int) -> None:
    after = _snapshot(index_dir)
    after.pop(".lock", None)
    assert sorted(after) == sorted(n for n in before if n != ".lock"), "a failed build left files behind"
    assert all(after[n] == before[n] for n in after), "a failed build changed the previous index"
    assert (index_dir / MANIFEST).read_bytes() == before[MANIFEST][0]
    assert len(load_index(index_dir, check_corpus=False).chunks) == n_chunks


def test_failure_writing_vectors_leaves_the_previous_index(built, emb, monkeypatch):
    import faiss

    corpus_dir, index_dir = built
    n_chunks = len(load_index(index_dir).chunks)
    before = _snapshot(index_dir)
    _append(corpus_dir / "harbor_fire.txt", "Crews stayed overnight.\n")

    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(faiss, "write_index", fail)
    with pytest.raises(OSError, match="disk full"):
        build_index(corpus_dir, index_dir, embedder=emb)
    _assert_previous_index_intact(index_dir, before, n_chunks)

    monkeypatch.undo()
    assert build_index(corpus_dir, index_dir, embedder=emb).built
    assert "overnight" in load_index(index_dir).documents["harbor_fire"].text


def test_failure_swapping_the_manifest_leaves_the_previous_index(built, emb, monkeypatch):
    import qa.index

    corpus_dir, index_dir = built
    n_chunks = len(load_index(index_dir).chunks)
    before = _snapshot(index_dir)
    _append(corpus_dir / "harbor_fire.txt", "Crews stayed overnight.\n")
    real_replace = os.replace

    def replace(src, dst):
        if Path(dst).name == MANIFEST:
            raise OSError("rename failed")
        return real_replace(src, dst)

    monkeypatch.setattr(qa.index.os, "replace", replace)
    with pytest.raises(OSError, match="rename failed"):
        build_index(corpus_dir, index_dir, embedder=emb)
    monkeypatch.undo()
    _assert_previous_index_intact(index_dir, before, n_chunks)
