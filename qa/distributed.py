"""Embed a corpus with Ray Data: ``map_batches`` over the same :class:`~qa.embedding.Embedder`, shards on disk.

A demonstration of docs/scaling.md on one machine (``ray.init(num_cpus=2)``); on a cluster the same code
runs with ``ray.init(address=...)`` and more actors. Needs the ``ray`` extra: ``pip install 'qa[ray]'``.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

from .embedding import BackendUnavailable, Embedder

logger = logging.getLogger(__name__)

RAY_EXTRA = "pip install 'qa[ray]'  (ray[data]==2.60.0)"


def _require_ray():
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as exc:
        raise BackendUnavailable(f"distributed embedding needs Ray Data: {RAY_EXTRA}") from exc
    return ray


class EmbedBatch:
    """A Ray Data actor: loads one Embedder, then embeds batches ``{"row", "text"} -> {"row", "vector"}``."""

    def __init__(self, backend: str | None = None, batch_size: int = 64):
        self.embedder = Embedder(backend=backend, batch_size=batch_size, threads=1)
        self.embedder.warm_up()

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        return {"row": batch["row"], "vector": self.embedder.encode([str(t) for t in batch["text"]])}


def corpus_sentences(corpus_dir: str | Path) -> list[str]:
    """The sentence texts of a corpus folder, in index order (as ``build_index`` embeds them)."""
    from .chunking import sentences_of
    from .corpus import load_corpus

    documents, _ = load_corpus(Path(corpus_dir))
    return [s.text for doc in documents for s in sentences_of(doc)]


def embed_with_ray(texts: list[str], backend: str | None = None, actors: int = 2, batch_size: int = 64,
                   num_cpus: int = 2, shards_dir: str | Path | None = None) -> np.ndarray:
    """Embed texts with Ray Data; row i of the result is the vector of ``texts[i]``.

    Args:
        texts: the texts (sentences, chunks).
        backend: embedding backend of every actor (default: as ``Embedder``).
        actors: embedding actors (each holds one model and uses one CPU).
        batch_size: texts per ``map_batches`` call.
        num_cpus: CPUs for a local Ray started here (ignored when Ray is already running).
        shards_dir: when given, also write the (row, vector) shards there as Parquet files.

    Raises:
        BackendUnavailable: Ray Data is not installed (the message names the extra).
    """
    ray = _require_ray()
    if not texts:
        return np.zeros((0, Embedder(backend=backend).dimension), dtype=np.float32)
    started_here = not ray.is_initialized()
    if started_here:
        ray.init(num_cpus=num_cpus, include_dashboard=False, log_to_driver=False)
    try:
        items = [{"row": i, "text": t} for i, t in enumerate(texts)]
        dataset = ray.data.from_items(items).map_batches(
            EmbedBatch, fn_constructor_kwargs={"backend": backend, "batch_size": batch_size},
            batch_size=batch_size, batch_format="numpy", concurrency=actors, num_cpus=1,
        ).materialize()
        if shards_dir is not None:
            dataset.write_parquet(str(shards_dir))
        vectors = None
        for batch in dataset.iter_batches(batch_format="numpy", batch_size=None):
            block = np.asarray(np.stack(list(batch["vector"])), dtype=np.float32)
            if vectors is None:
                vectors = np.zeros((len(texts), block.shape[1]), dtype=np.float32)
            vectors[np.asarray(batch["row"], dtype=np.int64)] = block
    finally:
        if started_here:
            ray.shutdown()
    return vectors
