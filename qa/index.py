"""Build, save and load the index folder; check that it matches the corpus and the model.

Layout of ``index/``::

    manifest.json          model, dimension, chunking, corpus fingerprint, format version, data folder
    data-<id>/vectors.faiss          chunk vectors (row i = chunks.jsonl line i)
    data-<id>/chunks.jsonl           chunk records with offsets
    data-<id>/sentences.jsonl        sentence records with offsets
    data-<id>/sentence_vectors.npy   sentence vectors (row i = sentences.jsonl line i)
    data-<id>/documents.jsonl        documents (id, title, source, text)
    data-<id>/bm25/                  BM25 statistics over chunks (bm25s)
    data-<id>/clauses.jsonl          clauses of sentences (sentence row, start, end), for local evidence
    data-<id>/clause_vectors.npy     their vectors (row i = clauses.jsonl line i)
    data-<id>/window_vectors.npy     each sentence embedded with the two before it (row i = sentences.jsonl line i)
    data-<id>/words.json             the corpus vocabulary (lower-case content words)
    data-<id>/word_vectors.npy       their vectors (row i = words.json item i), for soft term matching

A build writes a new data folder, then swaps ``manifest.json`` in one rename: a reader sees the
old index or the new one, never a mix, and a crash mid-build leaves the old one working.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from . import corpus as corpus_mod
from .chunking import ChunkSettings, chunk_document, sentences_of
from .embedding import Embedder
from .text import SENTENCE_RULES, STOPWORDS, TERM_RULES, terms, tokens
from .types import Chunk, Document, Sentence

logger = logging.getLogger(__name__)

FORMAT_VERSION = 4
MANIFEST = "manifest.json"
#: Exact search below this many chunk vectors, HNSW from here on. Exact search takes 0.3 ms a question at 10k
#: vectors and 6.4 ms at 100k on one core (so ~3 ms at 50k), while an HNSW graph costs 0.2-0.4 s per 1,000
#: vectors to build on 2 cores (`qa bench` scaling table, docs/performance.md).
FLAT_LIMIT = 50_000
#: HNSW graph degree and beam widths, from `qa bench` on synthetic news-like vectors (docs/performance.md):
#: M=32 cost ~10% more build time than M=16 for far better recall (0.97 vs 0.89 at efSearch=32, 200k
#: vectors); at 1M vectors efConstruction=64 tops out at recall@10 0.94 whatever efSearch, while 128 gives
#: 0.954 at efSearch=64 and 0.999 at 128 (0.66 ms a question) for ~1.5x the build time.
HNSW_PARAMS = {"M": 32, "efConstruction": 128, "efSearch": 128}
FAISS_TYPES = ("auto", "flat", "hnsw")


class IndexError_(RuntimeError):
    """The index folder is missing, broken, or does not match the corpus or model; says how to fix it."""


IndexProblem = IndexError_


@dataclass
class Index:
    """A loaded index: documents, sentences and chunks with their vectors and BM25 statistics."""

    documents: dict[str, Document]
    sentences: list[Sentence]
    sentence_vectors: np.ndarray
    chunks: list[Chunk]
    faiss_index: object
    bm25: object
    manifest: dict = field(default_factory=dict)
    words: list[str] = field(default_factory=list)
    word_vectors: np.ndarray | None = None
    clauses: list[tuple[int, int, int]] = field(default_factory=list)  # (sentence row, start, end)
    clause_vectors: np.ndarray | None = None
    window_vectors: np.ndarray | None = None

    @property
    def dimension(self) -> int:
        return int(self.manifest.get("dimension", self.sentence_vectors.shape[1]))


@dataclass(frozen=True)
class BuildReport:
    """What ``build_index`` did."""

    built: bool
    index_dir: str
    n_documents: int
    n_chunks: int
    n_sentences: int
    reused_documents: int  # articles unchanged since the previous index (their texts were not embedded again)
    seconds: float
    skipped: tuple[corpus_mod.Skipped, ...] = ()
    reason: str = ""


def _write_jsonl(path: Path, rows) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def _read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@contextmanager
def _build_lock(index_dir: Path):
    """Serialise writers of one index folder (readers never wait)."""
    import fcntl

    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / ".lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def read_manifest(index_dir: Path) -> dict:
    """The manifest of an index folder.

    Raises:
        IndexProblem: missing or unreadable.
    """
    path = Path(index_dir) / MANIFEST
    if not path.exists():
        raise IndexProblem(f"no index in {index_dir}: run `qa build --index {index_dir}` first")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexProblem(f"{path} is unreadable ({exc}); rebuild with `qa build --index {index_dir} --force`") from None
    if not isinstance(manifest, dict):
        raise IndexProblem(f"{path} is not a JSON object; rebuild with `qa build --index {index_dir} --force`")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise IndexProblem(
            f"{path} has format version {manifest.get('format_version')!r}, this qa reads {FORMAT_VERSION}; "
            f"rebuild with `qa build --index {index_dir} --force`"
        )
    return manifest


def expected_settings(embedder: Embedder, chunking: ChunkSettings) -> dict:
    """The manifest fields that must match for an index to be reused."""
    return {
        "format_version": FORMAT_VERSION,
        "sentence_rules": SENTENCE_RULES,
        "term_rules": TERM_RULES,
        "model": embedder.model_name,
        "dimension": embedder.dimension,
        "chunking": chunking.to_dict(),
    }


def stale_reason(index_dir: Path, documents: list[Document], embedder: Embedder, chunking: ChunkSettings) -> str:
    """Why the index in ``index_dir`` does not match this corpus and these settings ('' when it does)."""
    try:
        manifest = read_manifest(index_dir)
    except IndexProblem as exc:
        return str(exc)
    for key, value in expected_settings(embedder, chunking).items():
        if manifest.get(key) != value:
            return f"{key} changed ({manifest.get(key)!r} -> {value!r})"
    if manifest.get("corpus_fingerprint") != corpus_mod.fingerprint(documents):
        return "the corpus changed"
    if not (Path(index_dir) / manifest.get("data_dir", "?")).is_dir():
        return "the index data folder is missing"
    return ""


def _remove_leftovers(index_dir: Path) -> None:
    """Remove what builds that died midway left behind (the caller holds the build lock: no build is running)."""
    for path in index_dir.glob(".tmp-*"):
        shutil.rmtree(path, ignore_errors=True)
    for path in index_dir.glob(f".{MANIFEST}.*"):
        path.unlink(missing_ok=True)
    try:
        current = read_manifest(index_dir).get("data_dir")
    except IndexProblem:
        return  # which data folder is live is unknown; a rebuild replaces them all
    for path in index_dir.glob("data-*"):
        if current and path.name != current:  # written, but its manifest was never swapped in
            shutil.rmtree(path, ignore_errors=True)


def _previous_vectors(index_dir: Path, embedder: Embedder, chunking: ChunkSettings) -> tuple[dict[str, np.ndarray], set[str]]:
    """The current index's vectors by text (sentences, chunks, words, clauses, windows) and its document hashes.

    Empty when there is no readable index or it was built with other settings: nothing is reused then.
    """
    try:
        old = load_index(index_dir, check_corpus=False)
    except Exception:  # any broken index is simply not reused
        return {}, set()
    if any(old.manifest.get(k) != v for k, v in expected_settings(embedder, chunking).items()):
        return {}, set()
    doc_text = {d.id: d.text for d in old.documents.values()}
    kinds = (
        ([s.text for s in old.sentences], old.sentence_vectors),
        ([c.text for c in old.chunks], old.faiss_index.reconstruct_n(0, old.faiss_index.ntotal)),
        (old.words, old.word_vectors),
        ([doc_text[old.sentences[row].doc_id][a:b] for row, a, b in old.clauses], old.clause_vectors),
        ([window_text(old.sentences, row, doc_text) for row in range(len(old.sentences))], old.window_vectors),
    )
    by_text: dict[str, np.ndarray] = {}
    for texts, vectors in kinds:
        by_text.update(zip(texts, vectors))
    return by_text, {corpus_mod.text_hash(text) for text in doc_text.values()}


_CLAUSE_BREAK = re.compile(r"(?:,(?!\d)|[;:()—–])\s*|\s(?=(?:and|but|while|whereas|which|who|after|before|because|although|"
                           r"though|since|until|unless|where|when|if)\s)")


def window_text(sentences: list[Sentence], row: int, doc_text: dict[str, str], before: int = 2) -> str:
    """A sentence with up to ``before`` sentences of the same article before it (its discourse context)."""
    first = row
    while first > 0 and row - first < before and sentences[first - 1].doc_id == sentences[row].doc_id:
        first -= 1
    return doc_text[sentences[row].doc_id][sentences[first].start:sentences[row].end]


def clauses_of(sentence: Sentence) -> list[tuple[int, int]]:
    """Clause offsets of a sentence (cut at punctuation and clause words; pieces under 3 words merge on)."""
    cuts = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(sentence.text)] + [len(sentence.text)]
    spans: list[tuple[int, int]] = []
    start = 0
    for end in cuts[1:]:
        if len(sentence.text[start:end].split()) >= 3 or end == len(sentence.text):
            piece = sentence.text[start:end].strip(" ,;:()—–")
            if piece:
                offset = sentence.text.index(piece, start)
                spans.append((sentence.start + offset, sentence.start + offset + len(piece)))
            start = end
    return spans


def vocabulary(sentences: list[Sentence]) -> list[str]:
    """The distinct lower-case content words of the sentences, sorted (the unit of soft matching)."""
    words: set[str] = set()
    for sent in sentences:
        for tok in tokens(sent.text):
            low = tok.lower
            if low not in STOPWORDS and len(low) > 1 and not low[0].isdigit():
                words.add(low)
    return sorted(words)


def build_index(
    corpus_dir: Path,
    index_dir: Path,
    embedder: Embedder | None = None,
    chunking: ChunkSettings | None = None,
    force: bool = False,
    progress: bool = False,
    faiss_type: str = "auto",
) -> BuildReport:
    """Build (or refresh) the index of a corpus folder; texts the previous index holds keep their vectors.

    Args:
        corpus_dir: folder of .txt / .md articles (never modified).
        index_dir: where the index lives.
        embedder: the embedding model wrapper (default: the bundled model).
        chunking: chunk budget and overlap (default: ``ChunkSettings()``).
        force: rebuild even when the index is up to date.
        progress: show progress bars.
        faiss_type: "flat" (exact), "hnsw", or "auto" (flat below ``FLAT_LIMIT`` chunks).

    Raises:
        CorpusError: the corpus folder has no readable article.
        ValueError: the chunk budget exceeds the model's maximum sequence length.
    """
    import faiss

    started = time.perf_counter()
    embedder = embedder or Embedder()
    chunking = chunking or ChunkSettings()
    corpus_dir, index_dir = Path(corpus_dir), Path(index_dir)
    documents, skipped = corpus_mod.load_corpus(corpus_dir)

    with _build_lock(index_dir):
        _remove_leftovers(index_dir)
        reason = stale_reason(index_dir, documents, embedder, chunking)
        if not reason and not force:
            try:  # up to date on paper: check the files are whole too, so a damaged index is rebuilt
                load_index(index_dir, check_corpus=False)
            except IndexProblem as exc:
                reason = str(exc)
        if not reason and not force:
            m = read_manifest(index_dir)
            return BuildReport(False, str(index_dir), m["n_documents"], m["n_chunks"], m["n_sentences"], 0,
                               time.perf_counter() - started, tuple(skipped), "up to date")
        if chunking.max_tokens > embedder.max_seq_length:
            raise ValueError(
                f"chunk budget {chunking.max_tokens} tokens exceeds the model's maximum sequence length "
                f"{embedder.max_seq_length}; lower max_tokens"
            )
        reason = reason or "rebuild forced"
        previous, old_documents = ({}, set()) if force else _previous_vectors(index_dir, embedder, chunking)

        # 1. Sentences and chunks, document by document; then the other units the reader uses.
        sentences: list[Sentence] = []
        chunks: list[Chunk] = []
        for doc in documents:
            doc_sents = sentences_of(doc)
            chunks.extend(chunk_document(doc, doc_sents, chunking, first_id=len(chunks), sentence_base=len(sentences)))
            sentences.extend(doc_sents)
        too_long = [c.id for c in chunks if embedder.count_model_tokens(c.text) > embedder.max_seq_length]
        if too_long:
            logger.warning("%d chunks exceed the model window and are truncated when embedded", len(too_long))
        words = vocabulary(sentences)
        clauses = [(row, a, b) for row, sent in enumerate(sentences) for a, b in clauses_of(sent)]
        doc_text = {d.id: d.text for d in documents}
        clause_texts = [doc_text[sentences[row].doc_id][a:b] for row, a, b in clauses]
        window_texts = [window_text(sentences, row, doc_text) for row in range(len(sentences))]
        units = {
            "sentences": [s.text for s in sentences],
            "chunks": [c.text for c in chunks],
            "words": words,
            "clauses": clause_texts,
            "windows": window_texts,
        }

        # 2. Vectors. Each distinct text is embedded once whatever it serves as (a one-clause sentence is its
        #    own clause; an article's first sentence is its own window), and a text the previous index holds
        #    keeps its vector, so a changed article costs only its new texts. The rest go to the model in
        #    one call, which sorts them by length into batches.
        dim = embedder.dimension
        distinct = dict.fromkeys(text for texts in units.values() for text in texts)
        todo = [text for text in distinct if text not in previous]
        logger.info("embedding %d of %d distinct texts (%d from the previous index)", len(todo), len(distinct),
                    len(distinct) - len(todo))
        vectors = embedder.encode(todo, show_progress=progress) if todo else np.zeros((0, dim), np.float32)
        known = {**previous, **dict(zip(todo, vectors))}

        def lookup(texts: list[str]) -> np.ndarray:
            out = np.zeros((len(texts), dim), dtype=np.float32)
            for i, text in enumerate(texts):
                out[i] = known[text]
            return out

        sentence_vectors, chunk_vectors, word_vectors, clause_vectors, window_vectors = (
            lookup(texts) for texts in units.values())
        reused = sum(corpus_mod.text_hash(doc.text) in old_documents for doc in documents)

        # 3. Write a new data folder, then swap the manifest.
        data_name = f"data-{uuid.uuid4().hex[:12]}"
        data_dir = index_dir / data_name
        tmp_dir = index_dir / f".tmp-{data_name}"
        tmp_dir.mkdir(parents=True)
        try:
            faiss_index, faiss_fields = make_faiss_index(chunk_vectors, faiss_type)
            faiss.write_index(faiss_index, str(tmp_dir / "vectors.faiss"))
            np.save(tmp_dir / "sentence_vectors.npy", sentence_vectors)
            np.save(tmp_dir / "word_vectors.npy", word_vectors)
            np.save(tmp_dir / "clause_vectors.npy", clause_vectors)
            np.save(tmp_dir / "window_vectors.npy", window_vectors)
            _write_jsonl(tmp_dir / "clauses.jsonl", ([r, a, b] for r, a, b in clauses))
            (tmp_dir / "words.json").write_text(json.dumps(words, ensure_ascii=False), encoding="utf-8")
            _write_jsonl(tmp_dir / "chunks.jsonl", (c.to_dict() for c in chunks))
            _write_jsonl(tmp_dir / "sentences.jsonl", (s.to_dict() for s in sentences))
            _write_jsonl(tmp_dir / "documents.jsonl", (d.to_dict() for d in documents))
            _build_bm25([c.text for c in chunks]).save(str(tmp_dir / "bm25"), show_progress=False)
            os.replace(tmp_dir, data_dir)
        except BaseException:
            shutil.rmtree(tmp_dir, ignore_errors=True)
            raise
        manifest = {
            **expected_settings(embedder, chunking),
            "corpus_dir": corpus_mod.source_path(corpus_dir),
            "corpus_fingerprint": corpus_mod.fingerprint(documents),
            "documents": {d.id: corpus_mod.text_hash(d.text) for d in documents},
            "n_documents": len(documents),
            "n_chunks": len(chunks),
            "n_sentences": len(sentences),
            **faiss_fields,
            "backend": getattr(embedder, "backend", "torch"),
            "data_dir": data_name,
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        }
        tmp_manifest = index_dir / f".{MANIFEST}.{uuid.uuid4().hex[:8]}"
        try:
            tmp_manifest.write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp_manifest, index_dir / MANIFEST)
        except BaseException:  # the old manifest still names the old data folder: drop the new one
            tmp_manifest.unlink(missing_ok=True)
            shutil.rmtree(data_dir, ignore_errors=True)
            raise
        for old_dir in index_dir.glob("data-*"):
            if old_dir.name != data_name:
                shutil.rmtree(old_dir, ignore_errors=True)
    return BuildReport(True, str(index_dir), len(documents), len(chunks), len(sentences), reused,
                       time.perf_counter() - started, tuple(skipped), reason)


def _clause_fits(clause: tuple, sentences: list[Sentence]) -> bool:
    """A clause record is (sentence row, start, end) with the span inside that sentence."""
    if len(clause) != 3 or not all(isinstance(x, int) for x in clause) or not 0 <= clause[0] < len(sentences):
        return False
    sentence = sentences[clause[0]]
    return sentence.start <= clause[1] < clause[2] <= sentence.end


def make_faiss_index(vectors: np.ndarray, kind: str = "auto"):
    """An inner-product FAISS index over unit vectors: exact (IndexFlatIP) below FLAT_LIMIT, else HNSW.

    Returns:
        (index, manifest fields): ``{"faiss": class name, "faiss_params": {...}}``.
    """
    import faiss

    if kind not in FAISS_TYPES:
        raise ValueError(f"faiss index type must be one of {', '.join(FAISS_TYPES)}; got {kind!r}")
    if kind == "auto":
        kind = "flat" if len(vectors) < FLAT_LIMIT else "hnsw"
    dim = vectors.shape[1]
    if kind == "flat":
        index, params = faiss.IndexFlatIP(dim), {}
    else:
        params = dict(HNSW_PARAMS)
        index = faiss.IndexHNSWFlat(dim, params["M"], faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction, index.hnsw.efSearch = params["efConstruction"], params["efSearch"]
    index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index, {"faiss": type(index).__name__, "faiss_params": params}


def _import_bm25s():
    """bm25s, with its logger back at NOTSET: on import it sets it to DEBUG, so each build printed "DEBUG bm25s:
    Building index from tokens" whatever the application's logging level."""
    import bm25s

    logging.getLogger("bm25s").setLevel(logging.NOTSET)
    return bm25s


def _build_bm25(texts: list[str]):
    bm25s = _import_bm25s()

    retriever = bm25s.BM25()
    retriever.index([terms(t) or [""] for t in texts], show_progress=False)
    return retriever


def _manifest_bytes(index_dir: Path) -> bytes | None:
    try:
        return (index_dir / MANIFEST).read_bytes()
    except OSError:
        return None


def load_index(index_dir: Path, check_corpus: bool = True, embedder: Embedder | None = None) -> Index:
    """Load an index folder and check it is whole and consistent.

    Args:
        index_dir: the folder ``qa build`` wrote.
        check_corpus: also check that the recorded corpus folder still matches (when it exists).
        embedder: when given, check the index was built with its model.

    Raises:
        IndexProblem: missing, broken or stale; the message says how to rebuild.
    """
    index_dir = Path(index_dir)
    for _ in range(2):
        before = _manifest_bytes(index_dir)
        try:
            return _load_index(index_dir, check_corpus, embedder)
        except IndexProblem:
            # A build in another thread or process swapped in a new index (and removed the one being read):
            # read the new one. An index that fails without changing is broken.
            if _manifest_bytes(index_dir) == before:
                raise
    return _load_index(index_dir, check_corpus, embedder)  # the last try: its error, if any, stands


def _load_index(index_dir: Path, check_corpus: bool, embedder: Embedder | None) -> Index:
    bm25s = _import_bm25s()
    import faiss

    manifest = read_manifest(index_dir)
    fix = f"rebuild with `qa build --index {index_dir} --force`"
    data_dir = index_dir / str(manifest.get("data_dir", ""))
    if not re.fullmatch(r"data-[0-9a-f]+", str(manifest.get("data_dir", ""))) or not data_dir.is_dir():
        raise IndexProblem(f"index data folder {data_dir} is missing; {fix}")
    if embedder is not None and manifest.get("model") != embedder.model_name:
        raise IndexProblem(f"index built with model {manifest.get('model')!r}, not {embedder.model_name!r}; {fix}")
    try:
        faiss_index = faiss.read_index(str(data_dir / "vectors.faiss"))
        chunks = [Chunk.from_dict(r) for r in _read_jsonl(data_dir / "chunks.jsonl")]
        sentences = [Sentence.from_dict(r) for r in _read_jsonl(data_dir / "sentences.jsonl")]
        documents = {d.id: d for d in (Document.from_dict(r) for r in _read_jsonl(data_dir / "documents.jsonl"))}
        sentence_vectors = np.load(data_dir / "sentence_vectors.npy", allow_pickle=False)
        bm25 = bm25s.BM25.load(str(data_dir / "bm25"), show_progress=False)
        words = json.loads((data_dir / "words.json").read_text(encoding="utf-8"))
        word_vectors = np.load(data_dir / "word_vectors.npy", allow_pickle=False)
        clauses = [tuple(r) for r in _read_jsonl(data_dir / "clauses.jsonl")]
        clause_vectors = np.load(data_dir / "clause_vectors.npy", allow_pickle=False)
        window_vectors = np.load(data_dir / "window_vectors.npy", allow_pickle=False)
    except (OSError, ValueError, RuntimeError, KeyError, TypeError) as exc:
        raise IndexProblem(f"index files in {data_dir} are broken ({type(exc).__name__}: {exc}); {fix}") from None
    problems = []
    if type(faiss_index).__name__ != manifest.get("faiss", "IndexFlatIP"):
        problems.append(f"the FAISS file holds a {type(faiss_index).__name__}, manifest says {manifest.get('faiss')}")
    if faiss_index.ntotal != len(chunks) or len(chunks) != manifest.get("n_chunks"):
        problems.append(f"{faiss_index.ntotal} vectors for {len(chunks)} chunks (manifest: {manifest.get('n_chunks')})")
    if faiss_index.d != manifest.get("dimension") or sentence_vectors.shape != (len(sentences), manifest.get("dimension")):
        problems.append(f"vector shapes do not match dimension {manifest.get('dimension')}")
    if word_vectors.shape != (len(words), manifest.get("dimension")):
        problems.append(f"{word_vectors.shape[0]} word vectors for {len(words)} words")
    if window_vectors.shape != sentence_vectors.shape:
        problems.append(f"{window_vectors.shape[0]} window vectors for {len(sentences)} sentences")
    if clause_vectors.shape != (len(clauses), manifest.get("dimension")):
        problems.append(f"{clause_vectors.shape[0]} clause vectors for {len(clauses)} clauses")
    if len(documents) != manifest.get("n_documents"):
        problems.append(f"{len(documents)} documents, manifest says {manifest.get('n_documents')}")
    if any(c.doc_id not in documents or documents[c.doc_id].text[c.start:c.end] != c.text for c in chunks):
        problems.append("chunk offsets do not match document texts")
    if any(s.doc_id not in documents or documents[s.doc_id].text[s.start:s.end] != s.text for s in sentences):
        problems.append("sentence offsets do not match document texts")
    if any(not (isinstance(row, int) and 0 <= row < len(sentences)) for c in chunks for row in c.sentences):
        problems.append("chunks name sentence rows that do not exist")
    if not all(_clause_fits(clause, sentences) for clause in clauses):
        problems.append("clause offsets do not fall inside their sentences")
    if problems:
        raise IndexProblem(f"index in {index_dir} is inconsistent: {'; '.join(problems)}; {fix}")
    if check_corpus:
        corpus_dir = corpus_mod.resolve_source(manifest.get("corpus_dir", ""))
        if corpus_dir.is_dir():
            try:
                current, _ = corpus_mod.load_corpus(corpus_dir)
            except corpus_mod.CorpusError:
                current = []
            if corpus_mod.fingerprint(current) != manifest.get("corpus_fingerprint"):
                raise IndexProblem(
                    f"the articles in {corpus_dir} changed since the index was built; "
                    f"run `qa build --corpus {manifest.get('corpus_dir')} --index {index_dir}`"
                )
    return Index(documents, sentences, sentence_vectors, chunks, faiss_index, bm25, manifest, words, word_vectors,
                 clauses, clause_vectors, window_vectors)
