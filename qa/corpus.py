"""Files on disk -> Documents: id = file stem, a title, and the text exactly as the file holds it."""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from .types import Document

logger = logging.getLogger(__name__)

#: File types read as articles.
SUFFIXES = (".txt", ".md")
#: Largest article accepted, in bytes.
MAX_FILE_BYTES = 5_000_000
#: The project root: sources under it are cited by relative path.
ROOT = Path(__file__).resolve().parent.parent

_DATE_LINE = re.compile(
    r"^\W*(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s+)?"
    r"(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?,?\s+\d{4})\W*$",
    re.IGNORECASE,
)


class CorpusError(ValueError):
    """A corpus folder or file that cannot be read; the message names the file and the fix."""


@dataclass(frozen=True)
class Skipped:
    """A file left out of the corpus, with the reason."""

    path: str
    reason: str


def source_path(path: Path) -> str:
    """The path a citation names: relative to the project root when inside it, else absolute."""
    path = Path(path).resolve()
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def resolve_source(source: str) -> Path:
    """The file a citation's ``source`` names."""
    path = Path(source)
    return path if path.is_absolute() else ROOT / path


def make_title(text: str, max_words: int = 12) -> str:
    """The headline when the first line is one, else the first words of the text."""
    lines = [line.strip() for line in text.lstrip("\ufeff").splitlines() if line.strip()]  # no byte-order mark
    if not lines:
        return ""
    first = lines[0].lstrip("#").strip()
    words = first.split()
    headline = (
        len(lines) > 1
        and 2 <= len(words) <= 25
        and len(first) <= 200
        and not first.endswith((".", ",", ";", ":"))
        and not _DATE_LINE.match(first)
    )
    if headline:
        return first
    lead_lines = [line for line in lines if not _DATE_LINE.match(line)] or lines
    lead = lead_lines[0].split()
    return " ".join(lead[:max_words]) + ("…" if len(lead) > max_words else "")


def decode_text(data: bytes, name: str) -> str:
    """Decode an article's bytes as UTF-8, refusing binary and empty content.

    Raises:
        CorpusError: the content is empty, binary, or not UTF-8.
    """
    if len(data) > MAX_FILE_BYTES:
        raise CorpusError(f"{name}: {len(data):,} bytes is over the {MAX_FILE_BYTES:,}-byte limit for one article")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CorpusError(f"{name}: is UTF-16 (or UTF-32) text; only UTF-8 is accepted, re-save the file as UTF-8")
    if b"\x00" in data:
        raise CorpusError(f"{name}: looks binary (contains NUL bytes); articles must be UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{name}: not valid UTF-8 (byte {exc.start}); only UTF-8 is accepted, "
                          "re-save the file as UTF-8") from None
    if not text.strip():
        raise CorpusError(f"{name}: the file is empty")
    # Match what Path.read_text does, so offsets agree with any reader of the file.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_document(path: Path) -> Document:
    """Read one article file.

    Raises:
        CorpusError: the file is unreadable, empty, binary or not UTF-8.
    """
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:  # refuse before reading it all into memory
            raise CorpusError(f"{path}: {path.stat().st_size:,} bytes is over the {MAX_FILE_BYTES:,}-byte limit "
                              "for one article")
        data = path.read_bytes()
    except OSError as exc:
        raise CorpusError(f"{path}: cannot be read ({exc.strerror})") from None
    text = decode_text(data, str(path))
    return Document(id=path.stem, title=make_title(text), text=text, source=source_path(path))


def list_files(corpus_dir: Path) -> list[Path]:
    """The article files of a folder, sorted by name."""
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus folder {corpus_dir} does not exist; pass --corpus DIR with your .txt articles")
    return sorted(p for p in corpus_dir.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)


def load_corpus(corpus_dir: Path) -> tuple[list[Document], list[Skipped]]:
    """Read every article in a folder; bad files are skipped and reported, not fatal.

    Raises:
        CorpusError: the folder is missing, holds no readable article, or two files share a stem.
    """
    documents: list[Document] = []
    skipped: list[Skipped] = []
    seen: dict[str, Path] = {}
    by_text: dict[str, Path] = {}
    for path in list_files(corpus_dir):
        if path.stem in seen:
            raise CorpusError(f"{path} and {seen[path.stem]} have the same document id {path.stem!r}; rename one")
        try:
            doc = read_document(path)
        except CorpusError as exc:
            logger.warning("skipping %s", exc)
            skipped.append(Skipped(str(path), str(exc)))
            continue
        seen[path.stem] = path
        same = by_text.setdefault(text_hash(doc.text), path)
        if same != path:
            logger.warning("%s has the same text as %s; both are indexed (remove one copy)", path.name, same.name)
        documents.append(doc)
    if not documents:
        raise CorpusError(f"no readable articles ({', '.join(SUFFIXES)}) in {corpus_dir}")
    return documents, skipped


def text_hash(text: str) -> str:
    """A content fingerprint of one document's text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fingerprint(documents: list[Document]) -> str:
    """A fingerprint of a corpus: ids and texts of all its documents."""
    digest = hashlib.sha256()
    for doc in sorted(documents, key=lambda d: d.id):
        digest.update(doc.id.encode("utf-8") + b"\0" + text_hash(doc.text).encode() + b"\n")
    return digest.hexdigest()
