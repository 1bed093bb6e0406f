"""FAISS scaling on synthetic vectors: build time, search latency and recall@10 of exact and HNSW search.

The vectors imitate sentence embeddings: 384-d unit vectors around 1,000 random topic centres (a query's
nearest neighbour has cosine ~0.67, as MiniLM's do on news). They are generated in chunks from a seed, so
1M vectors (1.5 GB as float32) are never held twice: the exact index is built, gives the true neighbours
and its timings, and is freed before the same vectors are generated again for HNSW.

Run one size in its own process (its peak RSS is then its own): ``python -m qa.scaling 1000000``.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import statistics
import sys
import time
from collections.abc import Iterator

import numpy as np

DIM = 384
CLUSTERS = 1000
SPREAD = 0.04  # per-dimension noise around a centre: noise norm ~0.8 against a unit centre
CHUNK = 50_000
TARGET_RECALL = 0.95
EF_CHOICES = (16, 32, 64, 128, 256, 512)


def _centres(seed: int) -> np.ndarray:
    centres = np.random.default_rng([seed, 0]).standard_normal((CLUSTERS, DIM)).astype(np.float32)
    return centres / np.linalg.norm(centres, axis=1, keepdims=True)


def _sample(centres: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    x = centres[rng.integers(0, len(centres), n)] + SPREAD * rng.standard_normal((n, DIM), dtype=np.float32)
    return np.ascontiguousarray(x / np.linalg.norm(x, axis=1, keepdims=True), dtype=np.float32)


def clustered_vectors(n: int, seed: int = 0, chunk: int = CHUNK) -> Iterator[np.ndarray]:
    """``n`` unit vectors in chunks of at most ``chunk`` rows; the same seed gives the same vectors."""
    if n < 1 or chunk < 1:
        raise ValueError(f"n and chunk must be >= 1, got n={n}, chunk={chunk}")
    centres = _centres(seed)
    for i, first in enumerate(range(0, n, chunk)):
        yield _sample(centres, min(chunk, n - first), np.random.default_rng([seed, 1, i]))


def query_vectors(nq: int, seed: int = 0) -> np.ndarray:
    """``nq`` queries from the same distribution as ``clustered_vectors(seed=seed)`` (not among them)."""
    return _sample(_centres(seed), nq, np.random.default_rng([seed, 2]))


def recall_at_k(found: np.ndarray, truth: np.ndarray, k: int = 10) -> float:
    """Mean share of the true top-k found in the returned top-k (rows are queries)."""
    return float(np.mean([len(set(f[:k]) & set(t[:k])) / k for f, t in zip(found, truth)]))


def single_query_ms(index, queries: np.ndarray, k: int = 10) -> list[float]:
    """Latency of each query searched alone (as a user's question is), in milliseconds."""
    times = []
    for i in range(len(queries)):
        started = time.perf_counter()
        index.search(queries[i: i + 1], k)
        times.append((time.perf_counter() - started) * 1000)
    return times


def tune_ef_search(index, queries: np.ndarray, truth: np.ndarray, target: float = TARGET_RECALL,
                   k: int = 10) -> tuple[int, float]:
    """The smallest efSearch in EF_CHOICES whose recall@k reaches ``target`` (else the largest), with its recall."""
    for ef in EF_CHOICES:
        index.hnsw.efSearch = ef
        recall = recall_at_k(index.search(queries, k)[1], truth, k)
        if recall >= target:
            break
    return ef, recall


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def scale_case(n: int, nq: int = 200, seed: int = 0, k: int = 10) -> list[dict]:
    """Rows for exact (IndexFlatIP) and HNSW search over ``n`` vectors: build s/1k, latency, recall@k.

    Searches run on one thread (one question per core when serving); builds use every core.
    """
    import faiss

    from .index import HNSW_PARAMS

    threads = faiss.omp_get_max_threads()
    queries = query_vectors(nq, seed)
    rows = []

    flat = faiss.IndexFlatIP(DIM)
    started = time.perf_counter()
    for part in clustered_vectors(n, seed):
        flat.add(part)
    built = time.perf_counter() - started
    truth = flat.search(queries, k)[1]
    faiss.omp_set_num_threads(1)
    times = single_query_ms(flat, queries, k)
    faiss.omp_set_num_threads(threads)
    rows.append({"index": "flat", "build_s_per_1k": built / n * 1000, "recall_at_10": 1.0, "params": {},
                 "search_ms_median": statistics.median(times), "search_ms_p95": float(np.percentile(times, 95))})
    del flat
    gc.collect()

    hnsw = faiss.IndexHNSWFlat(DIM, HNSW_PARAMS["M"], faiss.METRIC_INNER_PRODUCT)
    hnsw.hnsw.efConstruction = HNSW_PARAMS["efConstruction"]
    started = time.perf_counter()
    for part in clustered_vectors(n, seed):
        hnsw.add(part)
    built = time.perf_counter() - started
    faiss.omp_set_num_threads(1)
    ef, recall = tune_ef_search(hnsw, queries, truth, k=k)
    times = single_query_ms(hnsw, queries, k)
    faiss.omp_set_num_threads(threads)
    rows.append({"index": "hnsw", "build_s_per_1k": built / n * 1000, "recall_at_10": recall,
                 "params": {"M": HNSW_PARAMS["M"], "efConstruction": HNSW_PARAMS["efConstruction"], "efSearch": ef},
                 "search_ms_median": statistics.median(times), "search_ms_p95": float(np.percentile(times, 95))})
    peak = _peak_rss_mb()
    for row in rows:
        row.update({"figure": "scaling", "n": n, "queries": nq, "peak_rss_mb": peak})
    return [{key: (round(v, 4) if isinstance(v, float) else v) for key, v in row.items()} for row in rows]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m qa.scaling", description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of vectors")
    parser.add_argument("--queries", type=int, default=200, help="queries (default: 200)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    for row in scale_case(args.n, args.queries, args.seed):
        print(json.dumps(row), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
