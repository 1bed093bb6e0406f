"""The article library behind the chat: list, add and remove articles, then rebuild the index and reload.

No Gradio here, so it can be tested alone. A :class:`Library` owns one corpus folder and one index
folder; changes are serialised by a lock, and each is all-or-nothing: a rejected or failed upload
leaves the corpus, the index and the loaded assistant as they were.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
import unicodedata
import uuid
from pathlib import Path

from . import corpus as corpus_mod
from .corpus import MAX_FILE_BYTES, SUFFIXES, CorpusError
from .index import build_index
from .pipeline import Assistant
from .types import Answer, Document

logger = logging.getLogger(__name__)

#: Longest file stem kept from an uploaded file's name (the stem becomes the document id).
MAX_STEM_CHARS = 80


class LibraryError(ValueError):
    """A rejected change (bad upload, unknown article, last article); the message says what to do."""


# --- names and validation: pure functions ------------------------------------------------------


def safe_filename(name: str) -> str:
    """A safe file name for an uploaded article: no folders, no odd characters, a lower-case suffix.

    ``"../../etc/Pass wd.TXT"`` becomes ``"Pass_wd.txt"``.

    Raises:
        LibraryError: the name has no usable stem, or its suffix is not .txt or .md.
    """
    base = unicodedata.normalize("NFKC", str(name or "")).replace("\\", "/").split("/")[-1].strip()
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    suffix = f".{suffix.lower()}" if suffix else ""
    if suffix not in SUFFIXES:
        shown = f"a {suffix} file" if suffix else "a file without an extension"
        raise LibraryError(f"{base or name!r} is {shown}; only {' and '.join(SUFFIXES)} articles can be added")
    stem = re.sub(r"[^\w-]+", "_", stem).strip("._-")[:MAX_STEM_CHARS].rstrip("._-")
    if not stem:
        raise LibraryError(f"{base!r} has no usable file name; rename it (letters, digits, - and _)")
    return stem + suffix


def validate_upload(name: str, data: bytes) -> tuple[str, str]:
    """Check an uploaded article and give its safe file name and text.

    Returns:
        ``(safe_name, text)``; ``text`` is what the corpus reader will see.

    Raises:
        LibraryError: wrong type, too large, binary, not UTF-8, or empty.
    """
    safe = safe_filename(name)
    shown = Path(str(name).replace("\\", "/")).name or safe
    try:
        text = corpus_mod.decode_text(data, shown)
    except CorpusError as exc:
        raise LibraryError(str(exc)) from None
    return safe, text


def content_key(text: str) -> str:
    """A fingerprint that ignores whitespace differences, for spotting duplicate articles."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file in one step: a hidden temporary file in the same folder, then ``os.replace``."""
    tmp = path.parent / f".{path.name}.{uuid.uuid4().hex[:8]}.part"
    try:
        with open(tmp, "xb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


# --- the library ---------------------------------------------------------------------------------


class Library:
    """A corpus folder, its index and the loaded Assistant, kept in step.

    Args:
        corpus_dir: folder of .txt / .md articles (uploads are stored here).
        index_dir: the index folder (built or refreshed by :meth:`open`).
        embedder: the embedding model wrapper, shared by builds and the assistant (default: bundled model).
        settings: reader settings for the assistant (default: ``ReaderSettings()``).
    """

    def __init__(self, corpus_dir: str | Path, index_dir: str | Path, embedder=None, settings=None):
        self.corpus_dir = Path(corpus_dir)
        self.index_dir = Path(index_dir)
        self.settings = settings
        self._embedder = embedder
        self._assistant: Assistant | None = None
        self._lock = threading.RLock()

    # -- loading

    def open(self) -> "Library":
        """Build the index when missing or stale (a no-op when up to date), then load the assistant.

        Raises:
            CorpusError: the corpus folder is missing or holds no readable article.
            IndexProblem: the index cannot be loaded after building.
        """
        with self._lock:
            for part in self.corpus_dir.glob(".*.part"):  # uploads cut short by a crash (see write_atomic)
                part.unlink(missing_ok=True)
            self._rebuild()
        return self

    @property
    def embedder(self):
        if self._embedder is None:
            from .embedding import Embedder

            self._embedder = Embedder()
        return self._embedder

    @property
    def assistant(self) -> Assistant:
        if self._assistant is None:
            raise RuntimeError("the library is not open; call Library.open() first")
        return self._assistant

    def _rebuild(self):
        report = build_index(self.corpus_dir, self.index_dir, embedder=self.embedder)
        if report.built:
            logger.info("index rebuilt: %d articles (%d reused) in %.1fs", report.n_documents,
                        report.reused_documents, report.seconds)
        assistant = Assistant.load(self.index_dir, settings=self.settings, embedder=self.embedder)
        self._assistant = assistant
        return report

    # -- reading

    def documents(self) -> list[dict]:
        """The indexed articles, sorted by id: ``{id, title, source, chars}``."""
        docs = self.assistant.index.documents
        return [{"id": d.id, "title": d.title, "source": d.source, "chars": len(d.text)}
                for d in sorted(docs.values(), key=lambda d: d.id)]

    def document(self, doc_id: str) -> Document | None:
        """One indexed article, or None when there is no such id."""
        return self.assistant.index.documents.get(doc_id)

    def ask(self, question: str, history: list[str] | None = None, top_k: int | None = None,
            doc_ids: list[str] | None = None) -> Answer:
        """Answer a question, optionally from some articles only (``doc_ids``; empty or None = all).

        Raises:
            LibraryError: ``top_k`` is not a whole number from 1 to 100, or a doc id is unknown.
        """
        if top_k is not None and (isinstance(top_k, bool) or not isinstance(top_k, int) or not 1 <= top_k <= 100):
            raise LibraryError(f"top_k must be a whole number from 1 to 100, got {top_k!r}")
        assistant = self.assistant  # one index version for the whole question, even while an upload swaps it
        wanted = self._check_ids(doc_ids, assistant)
        return assistant.ask(question, history=list(history or []), top_k=top_k, doc_ids=sorted(wanted) or None)

    def _check_ids(self, doc_ids, assistant: Assistant) -> frozenset[str]:
        wanted = frozenset(doc_ids or ())
        unknown = sorted(wanted - assistant.index.documents.keys())
        if unknown:
            raise LibraryError(f"unknown article id(s) {', '.join(map(repr, unknown))}; see the list of articles")
        return wanted

    # -- changing

    def _files(self) -> dict[str, Path]:
        return {p.stem: p for p in corpus_mod.list_files(self.corpus_dir)}

    def add(self, name: str, data: bytes) -> dict:
        """Add an article: validate, store it under a safe name, rebuild the index, reload.

        Returns:
            ``{"ok": True, "doc_id", "title", "file", "message", "n_documents"}``.

        Raises:
            LibraryError: the upload was rejected or could not be indexed; nothing changed.
        """
        safe, text = validate_upload(name, data)
        doc_id = Path(safe).stem
        with self._lock:
            files = self._files()
            clash = next((p for stem, p in files.items() if stem.casefold() == doc_id.casefold()), None)
            if clash is not None:
                raise LibraryError(f"an article named {clash.name!r} already exists; rename the file or remove "
                                   f"{clash.stem!r} first")
            key = content_key(text)
            same = next((d for d in self.assistant.index.documents.values() if content_key(d.text) == key), None)
            if same is not None:
                raise LibraryError(f"this text is already in the library as {same.id!r} ({same.title})")
            path = self.corpus_dir / safe
            write_atomic(path, data)
            try:
                report = self._rebuild()
                if any(Path(s.path).name == safe for s in report.skipped):
                    raise LibraryError(f"{safe} could not be read back: "
                                       f"{next(s.reason for s in report.skipped if Path(s.path).name == safe)}")
            except Exception as exc:
                path.unlink(missing_ok=True)
                self._restore()
                if isinstance(exc, LibraryError):
                    raise
                raise LibraryError(f"{safe} could not be indexed ({type(exc).__name__}: {exc}); nothing was added") from exc
            doc = self.assistant.index.documents[doc_id]
            return {"ok": True, "doc_id": doc.id, "title": doc.title, "file": doc.source,
                    "message": f"Added {doc.title!r} as {safe}.", "n_documents": len(self.assistant.index.documents)}

    def add_file(self, path: str | Path, name: str | None = None) -> dict:
        """Add an article from a file on disk (an upload's temporary file); see :meth:`add`."""
        path = Path(path)
        name = name or path.name
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise LibraryError(f"the uploaded file {name!r} cannot be read ({exc.strerror})") from None
        if size > MAX_FILE_BYTES:
            raise LibraryError(f"{name}: {size:,} bytes is over the {MAX_FILE_BYTES:,}-byte limit for one article")
        return self.add(name, path.read_bytes())

    def remove(self, doc_id: str) -> dict:
        """Remove an article: delete its file, rebuild the index, reload.

        Returns:
            ``{"ok": True, "doc_id", "title", "message", "n_documents"}``.

        Raises:
            LibraryError: no such article, or it is the last one; nothing changed.
        """
        with self._lock:
            files = self._files()
            path = files.get(str(doc_id or ""))
            if path is None:
                raise LibraryError(f"no article with id {doc_id!r}; pick one from the list of articles")
            if len(files) == 1:
                raise LibraryError(f"{doc_id!r} is the only article; add another before removing it")
            doc = self.assistant.index.documents.get(path.stem)
            title = doc.title if doc else path.stem
            aside = path.parent / f".{path.name}.{uuid.uuid4().hex[:8]}.removed"
            os.replace(path, aside)  # set aside, so a failed rebuild can put it back
            try:
                self._rebuild()
            except Exception as exc:
                os.replace(aside, path)
                self._restore()
                raise LibraryError(f"{doc_id!r} could not be removed ({type(exc).__name__}: {exc}); nothing changed") from exc
            aside.unlink(missing_ok=True)
            return {"ok": True, "doc_id": path.stem, "title": title, "message": f"Removed {title!r} ({path.name}).",
                    "n_documents": len(self.assistant.index.documents)}

    def _restore(self) -> None:
        """After a failed change: bring the index back in line with the (restored) corpus."""
        try:
            self._rebuild()
        except Exception:  # keep serving the assistant already loaded
            logger.exception("could not rebuild %s after a failed change", self.index_dir)


__all__ = ["Library", "LibraryError", "safe_filename", "validate_upload", "content_key", "write_atomic",
           "MAX_FILE_BYTES"]
