"""FAISS scaling on synthetic vectors: build time, search latency and recall@10 of exact and HNSW search.

The vectors imitate sentence embeddings of news: 384-d unit vectors in 1,000 topics, each topic holding
stories (one per 10 vectors, so a corpus grows in stories as well as in sentences), each story holding
sentences; a query is one more sentence of a random story. A query's nearest neighbour has cosine ~0.65,
its 10th ~0.50 and unrelated vectors ~0.0. They are generated in chunks from a seed, so 1M vectors
(1.5 GB as float32) are never held twice: the exact index is built, gives the true neighbours and its
timings, and is freed before the same vectors are generated again for HNSW (peak RSS ~2 GB at 1M).

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
TOPICS = 1000
SENTENCES_PER_STORY = 10
STORY_SPREAD = 1.0  # norm of a story's offset from its topic (topic centres are unit vectors)
SENTENCE_SPREAD = 0.8  # norm of a sentence's offset from its story
CHUNK = 50_000
TARGET_RECALL = 0.95
EF_CHOICES = (16, 32, 64, 128, 256, 512, 1024)
NPROBE_CHOICES = (1, 2, 4, 8, 16, 32, 64, 128, 256)
IVF_TRAIN = 50_000  # k-means sample for the IVF coarse quantiser (>= 39 points per list up to 1M vectors)


def _unit(x: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(x / np.linalg.norm(x, axis=1, keepdims=True), dtype=np.float32)


def _noise(rng: np.random.Generator, n: int, norm: float) -> np.ndarray:
    return rng.standard_normal((n, DIM), dtype=np.float32) * np.float32(norm / np.sqrt(DIM))


def _stories(n: int, seed: int) -> np.ndarray:
    """Story centres for a corpus of ``n`` vectors (one story per SENTENCES_PER_STORY vectors)."""
    rng = np.random.default_rng([seed, 0])
    topics = _unit(rng.standard_normal((TOPICS, DIM), dtype=np.float32))
    count = max(1, n // SENTENCES_PER_STORY)
    return _unit(topics[rng.integers(0, TOPICS, count)] + _noise(rng, count, STORY_SPREAD))


def _sentences(stories: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    return _unit(stories[rng.integers(0, len(stories), n)] + _noise(rng, n, SENTENCE_SPREAD))


def clustered_vectors(n: int, seed: int = 0, chunk: int = CHUNK) -> Iterator[np.ndarray]:
    """``n`` unit vectors in chunks of at most ``chunk`` rows; the same n and seed give the same vectors."""
    if n < 1 or chunk < 1:
        raise ValueError(f"n and chunk must be >= 1, got n={n}, chunk={chunk}")
    stories = _stories(n, seed)
    for i, first in enumerate(range(0, n, chunk)):
        yield _sentences(stories, min(chunk, n - first), np.random.default_rng([seed, 1, i]))


def query_vectors(nq: int, n: int, seed: int = 0) -> np.ndarray:
    """``nq`` queries about the stories of ``clustered_vectors(n, seed)`` (new sentences, not among them)."""
    return _sentences(_stories(n, seed), nq, np.random.default_rng([seed, 2]))


def add_vectors(index, n: int, seed: int = 0) -> float:
    """Add ``clustered_vectors(n, seed)`` to a FAISS index; returns the seconds spent in ``add``.

    The first half goes in with one call: FAISS's storage then grows once, to exactly n rows, instead of
    doubling past n (which holds 2.4 GB at once for 1M vectors).
    """
    half = (n + 1) // 2
    first = np.empty((half, DIM), dtype=np.float32)
    filled, seconds = 0, 0.0
    for part in clustered_vectors(n, seed):
        if filled < half:
            take = min(len(part), half - filled)
            first[filled: filled + take] = part[:take]
            filled += take
            part = part[take:]
            if filled == half:
                started = time.perf_counter()
                index.add(first)
                seconds += time.perf_counter() - started
                del first
        if len(part):
            started = time.perf_counter()
            index.add(part)
            seconds += time.perf_counter() - started
    return seconds


def recall_at_k(found: np.ndarray, truth: np.ndarray, k: int = 10) -> float:
    """Mean share of the true top-k found in the returned top-k (rows are queries)."""
    return float(np.mean([len(set(f[:k]) & set(t[:k])) / k for f, t in zip(found, truth)]))


def tie_recall_at_k(found_scores: np.ndarray, found: np.ndarray, truth_scores: np.ndarray, truth: np.ndarray,
                    k: int = 10, tolerance: float = 0.01) -> float:
    """Recall@k counting a returned neighbour that is not in the true top-k as found when its score is within
    ``tolerance`` of the true k-th score (a near-tie: equally good for reading)."""
    hits = []
    for fs, f, ts, t in zip(found_scores, found, truth_scores, truth):
        true = set(t[:k])
        hits.append(sum(1 for s, i in zip(fs[:k], f[:k]) if i in true or (i >= 0 and s >= ts[k - 1] - tolerance)) / k)
    return float(np.mean(hits))


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


def tune_nprobe(index, queries: np.ndarray, truth: np.ndarray, target: float = TARGET_RECALL,
                k: int = 10) -> tuple[int, float]:
    """The smallest nprobe in NPROBE_CHOICES (up to nlist) whose recall@k reaches ``target``, with its recall."""
    for nprobe in [p for p in NPROBE_CHOICES if p <= index.nlist]:
        index.nprobe = nprobe
        recall = recall_at_k(index.search(queries, k)[1], truth, k)
        if recall >= target:
            break
    return nprobe, recall


def _peak_rss_mb() -> float:
    """This process's peak RSS (VmHWM; ru_maxrss would include the process it was forked from)."""
    try:
        with open("/proc/self/status") as fh:
            return next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration):  # not Linux
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def scale_case(n: int, nq: int = 200, seed: int = 0, k: int = 10) -> list[dict]:
    """Rows for exact (IndexFlatIP), HNSW and IVF search over ``n`` vectors: build s/1k, latency, recall@k.

    HNSW's efSearch and IVF's nprobe are the smallest that reach recall@k >= TARGET_RECALL against exact
    search (the largest tried when none does). IVF has sqrt(n) lists, trained on IVF_TRAIN vectors.
    ``tie_recall_at_10`` also counts a neighbour within 0.01 cosine of the true 10th (see tie_recall_at_k).

    Searches run on one thread (one question per core when serving); builds use every core.
    """
    import faiss

    from .index import HNSW_PARAMS

    threads = faiss.omp_get_max_threads()
    queries = query_vectors(nq, n, seed)
    rows = []

    flat = faiss.IndexFlatIP(DIM)
    built = add_vectors(flat, n, seed)
    truth_scores, truth = flat.search(queries, k)
    faiss.omp_set_num_threads(1)
    times = single_query_ms(flat, queries, k)
    faiss.omp_set_num_threads(threads)
    rows.append({"index": "flat", "build_s_per_1k": built / n * 1000, "recall_at_10": 1.0, "tie_recall_at_10": 1.0,
                 "params": {},
                 "search_ms_median": statistics.median(times), "search_ms_p95": float(np.percentile(times, 95))})
    del flat
    gc.collect()

    hnsw = faiss.IndexHNSWFlat(DIM, HNSW_PARAMS["M"], faiss.METRIC_INNER_PRODUCT)
    hnsw.hnsw.efConstruction = HNSW_PARAMS["efConstruction"]
    built = add_vectors(hnsw, n, seed)
    faiss.omp_set_num_threads(1)
    ef, recall = tune_ef_search(hnsw, queries, truth, k=k)
    ties = tie_recall_at_k(*hnsw.search(queries, k), truth_scores, truth, k)
    times = single_query_ms(hnsw, queries, k)
    faiss.omp_set_num_threads(threads)
    rows.append({"index": "hnsw", "build_s_per_1k": built / n * 1000, "recall_at_10": recall, "tie_recall_at_10": ties,
                 "params": {"M": HNSW_PARAMS["M"], "efConstruction": HNSW_PARAMS["efConstruction"], "efSearch": ef},
                 "search_ms_median": statistics.median(times), "search_ms_p95": float(np.percentile(times, 95))})
    del hnsw
    gc.collect()

    nlist = max(1, int(np.sqrt(n)))
    ivf = faiss.IndexIVFFlat(faiss.IndexFlatIP(DIM), DIM, nlist, faiss.METRIC_INNER_PRODUCT)
    sample = next(clustered_vectors(min(n, IVF_TRAIN), seed + 1))
    started = time.perf_counter()
    ivf.train(sample)
    built = time.perf_counter() - started + add_vectors(ivf, n, seed)
    faiss.omp_set_num_threads(1)
    nprobe, recall = tune_nprobe(ivf, queries, truth, k=k)
    ties = tie_recall_at_k(*ivf.search(queries, k), truth_scores, truth, k)
    times = single_query_ms(ivf, queries, k)
    faiss.omp_set_num_threads(threads)
    rows.append({"index": "ivf", "build_s_per_1k": built / n * 1000, "recall_at_10": recall, "tie_recall_at_10": ties,
                 "params": {"nlist": nlist, "nprobe": nprobe},
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
