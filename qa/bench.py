"""``qa bench``: one JSON line per figure: cold start, warm ask, query embedding, build, memory, FAISS scaling.

Every line has a ``figure`` key. Per embedding backend (torch, onnx, onnx-int8 when onnxruntime is
installed): ``model_load``, ``agreement`` (cosine with torch on the corpus sentences), ``query_embedding``,
``build`` (five articles, model already loaded) with ``sentences_per_s``, ``warm_ask_cache_off`` (gold
questions with their history, answer cache off, so a follow-up that needs the earlier answer asks the earlier
question again; ``floor_ms`` is the query-embedding median), ``warm_ask`` (the same questions as a chat asks them:
each one's earlier turns answered first, untimed, and the cache emptied before each question, see
``conversation_timed``), ``ask_embedding`` (the embedding step
of those asks: the question and its new words, as ``Assistant._embed`` makes it), ``concurrency`` (where the
embedder runs two calls at once: warm ask and embedding step with and without, interleaved per question),
``answer_agreement`` (same answer as torch on those questions), ``cached_ask``, ``cold_start``
(``qa ask`` as a new process, start to printed answer), then ``peak_rss`` of the bench process, an optional
``profile`` of ask(), and ``scaling`` rows (``python -m qa.scaling N``, one process per size).

Timings on a shared machine move with its load: compare figures from one run, not across runs.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FULL_SIZES = "10000,100000,1000000"
QUICK_SIZES = "2000"


def add_bench_arguments(p) -> None:
    """The ``qa bench`` options (kept here so the CLI stays small)."""
    p.add_argument("--quick", action="store_true", help="CI-sized run: few questions, one cold start, 2k vectors")
    p.add_argument("--backends", default=None,
                   help="comma-separated embedding backends (default: torch, plus onnx and onnx-int8 when installed)")
    p.add_argument("--corpus", default="data/articles", help="articles to index (default: data/articles)")
    p.add_argument("--gold", default="eval/gold.jsonl", help="questions (default: eval/gold.jsonl)")
    p.add_argument("--questions", type=int, default=None, help="gold questions to time (default: all; --quick: 8)")
    p.add_argument("--cold-runs", type=int, default=None, help="cold starts per backend (default: 3; --quick: 1)")
    p.add_argument("--sizes", default=None, help=f"vector counts for the scaling table (default: {FULL_SIZES}; "
                   f"--quick: {QUICK_SIZES}; '' skips it)")
    p.add_argument("--profile", type=int, default=0, metavar="N", help="also profile ask() on N questions")
    p.add_argument("--out", default=None, help="also append the JSON lines to this file")


def _emit(row: dict, out) -> None:
    line = json.dumps({k: (round(v, 3) if isinstance(v, float) else v) for k, v in row.items()})
    print(line, flush=True)
    if out is not None:
        out.write(line + "\n")
        out.flush()


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def available_backends() -> list[str]:
    """torch, plus the ONNX backends when onnxruntime is importable."""
    try:
        import onnxruntime  # noqa: F401
    except ImportError:
        return ["torch"]
    return ["torch", "onnx", "onnx-int8"]


def load_gold(path: str | Path, limit: int | None = None) -> list[tuple[str, list[str]]]:
    """(question, history) pairs of a gold JSONL file."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                rows.append((row["question"], list(row.get("history") or [])))
    return rows[:limit] if limit else rows


# `qa ask` as `python -m qa ask` runs it, then the process's own peak RSS (VmHWM: ru_maxrss would include
# the bench process it was forked from).
_COLD_CHILD = (
    "import sys\n"
    "from qa.cli import main\n"
    "code = main(['ask', *sys.argv[2:]])\n"
    "sys.stdout.flush()\n"
    "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')]\n"
    "open(sys.argv[1], 'w').write(hwm[0].split()[1] if hwm else '0')\n"
    "sys.exit(code)\n"
)


def cold_start(index_dir: Path, backend: str, question: str) -> tuple[float, float]:
    """Seconds from starting a ``qa ask`` process to its exit (answer printed), and its peak RSS in MB."""
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    with tempfile.NamedTemporaryFile(suffix=".rss") as rss:
        cmd = [sys.executable, "-c", _COLD_CHILD, rss.name, question, "--index", str(index_dir), "--backend", backend]
        started = time.perf_counter()
        proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True)
        seconds = time.perf_counter() - started
        if proc.returncode != 0 or not proc.stdout.strip():
            raise RuntimeError(f"`qa ask --backend {backend}` failed ({proc.returncode}): {proc.stderr.decode()[-500:]}")
        kb = float(Path(rss.name).read_text() or 0)
    return seconds, kb / 1024


def _timed(fn, items) -> list[float]:
    times = []
    for item in items:
        started = time.perf_counter()
        fn(item)
        times.append((time.perf_counter() - started) * 1000)
    return times


def conversation_timed(assistant, gold) -> list[float]:
    """Each question timed as a chat asks it: its earlier turns asked first, untimed, in order (so they are in the
    answer cache, as in a conversation where they were just answered); the cache is emptied before each question,
    so no question is answered from it."""
    times = []
    for question, history in gold:
        assistant.clear_cache()
        for i, earlier in enumerate(history):
            assistant.ask(earlier, history[:i])
        times.extend(_timed(lambda qh: assistant.ask(*qh), [(question, history)]))
    assistant.clear_cache()
    return times


def bench_backend(backend: str, args, gold, sentences, reference, work: Path, out):
    """All per-backend figures; returns the backend's vectors of the corpus sentences and its answers.

    ``reference`` is torch's (vectors, answers), or None.
    """
    from .embedding import Embedder
    from .index import build_index
    from .pipeline import Assistant

    started = time.perf_counter()
    embedder = Embedder(backend=backend)
    embedder.warm_up()
    embedder.encode(["warm up"])
    _emit({"figure": "model_load", "backend": backend, "seconds": time.perf_counter() - started}, out)

    vectors = embedder.encode(sentences)
    if reference is not None:
        cos = (vectors * reference[0]).sum(axis=1)
        _emit({"figure": "agreement", "backend": backend, "vs": "torch", "n": len(sentences),
               "min_cos": float(cos.min()), "mean_cos": float(cos.mean())}, out)

    questions = [q for q, _ in gold]
    times = _timed(lambda q: embedder.encode([q]), questions)
    embed_median = statistics.median(times)
    _emit({"figure": "query_embedding", "backend": backend, "n": len(times), "median_ms": embed_median,
           "p95_ms": _p95(times), "threads": embedder.threads,
           "median_ms_2_threads": _two_threads_ms(embedder, questions)}, out)

    started = time.perf_counter()
    embedder.encode(sentences)
    per_s = len(sentences) / (time.perf_counter() - started)
    index_dir = work / backend
    report = build_index(Path(args.corpus), index_dir, embedder=embedder, force=True)
    _emit({"figure": "build", "backend": backend, "seconds": report.seconds, "n_documents": report.n_documents,
           "n_sentences": report.n_sentences, "n_chunks": report.n_chunks, "sentences_per_s": per_s}, out)

    assistant = Assistant.load(index_dir, embedder=embedder)
    assistant = Assistant(assistant.index, embedder, cache_size=0)
    assistant.warm_up()  # as the app does before it serves
    assistant.ask(*gold[0])
    answers = []
    times = _timed(lambda qh: answers.append(assistant.ask(*qh)), gold)
    _emit({"figure": "warm_ask_cache_off", "backend": backend, "n": len(times), "median_ms": statistics.median(times),
           "p95_ms": _p95(times), "floor_ms": embed_median}, out)
    times = conversation_timed(Assistant(assistant.index, embedder), gold)
    _emit({"figure": "warm_ask", "backend": backend, "n": len(times), "median_ms": statistics.median(times),
           "p95_ms": _p95(times), "floor_ms": embed_median}, out)
    steps = embedding_steps(assistant, gold)
    times = _timed(lambda step: assistant._embed(*step), steps)
    _emit({"figure": "ask_embedding", "backend": backend, "n": len(times), "median_ms": statistics.median(times),
           "p95_ms": _p95(times), "floor_ms": embed_median, "concurrent": bool(getattr(embedder, "concurrent", False)),
           "two_calls": sum(_two_calls(assistant, words) for _, words in steps)}, out)
    if getattr(embedder, "concurrent", False):
        _emit(dict(concurrency_ab(assistant, gold, steps), figure="concurrency", backend=backend), out)
    if reference is not None:
        same = [(a.answer, a.abstained) == (b.answer, b.abstained) for a, b in zip(answers, reference[1])]
        _emit({"figure": "answer_agreement", "backend": backend, "vs": "torch", "n": len(same),
               "same_answer": sum(same) / len(same)}, out)
    assistant = Assistant(assistant.index, embedder)
    for item in gold:
        assistant.ask(*item)
    times = _timed(lambda qh: assistant.ask(*qh), gold)
    _emit({"figure": "cached_ask", "backend": backend, "n": len(times), "median_ms": statistics.median(times)}, out)

    if args.profile:
        profile_ask(Assistant(assistant.index, embedder, cache_size=0), gold[: args.profile], backend, out)

    runs = [cold_start(index_dir, backend, gold[0][0]) for _ in range(args.cold_runs)]
    _emit({"figure": "cold_start", "backend": backend, "runs": len(runs),
           "median_s": statistics.median(s for s, _ in runs), "min_s": min(s for s, _ in runs),
           "peak_rss_mb": max(r for _, r in runs)}, out)
    return vectors, answers


def embedding_steps(assistant, gold) -> list[tuple[str, list[str]]]:
    """For each (question, history): the standalone question and the words ``Assistant._embed`` is given when it
    is asked (worked out untimed; questions without terms are left out, as ``ask`` embeds nothing for them)."""
    steps = []
    for question, history in gold:
        standalone = assistant.standalone(question, history)
        analysed = assistant.analyse(standalone, history)
        if analysed.terms:
            steps.append((standalone, assistant.reader.question_words(analysed)))
    return steps


def _two_calls(assistant, words: list[str]) -> bool:
    """Whether ``Assistant._embed`` embeds these words in a call of their own."""
    return assistant._apart([w for w in words if w not in assistant._word_rows])


def concurrency_ab(assistant, gold, steps, passes: int = 1) -> dict:
    """Warm ask (cache off) and embedding step with the embedder's two calls at once and one after the other,
    interleaved per question (the order swapped every other question), so both see the same load: medians and
    p95s in ms, ``*_seq`` the one-after-the-other figures."""
    embedder = assistant.embedder
    before = embedder.concurrent
    timed = {"ask": ([], []), "embed": ([], [])}
    jobs = [("ask", lambda qh: assistant.ask(*qh), gold), ("embed", lambda step: assistant._embed(*step), steps)]
    try:
        for _ in range(passes):
            for name, fn, items in jobs:
                for i, item in enumerate(items):
                    for concurrent in ((True, False) if i % 2 == 0 else (False, True)):
                        embedder.concurrent = concurrent
                        timed[name][0 if concurrent else 1].extend(_timed(fn, [item]))
    finally:
        embedder.concurrent = before
    row = {"n_ask": len(gold), "n_embed": len(steps), "passes": passes}
    for name, (together, apart) in timed.items():
        row.update({f"{name}_median_ms": statistics.median(together), f"{name}_p95_ms": _p95(together),
                    f"{name}_median_ms_seq": statistics.median(apart), f"{name}_p95_ms_seq": _p95(apart)})
    return row


def _two_threads_ms(embedder, questions: list[str]) -> float:
    """Median time to embed one question with two intra-op threads (the default Embedder uses one)."""
    from .embedding import Embedder

    if embedder.backend == "torch":
        import torch

        torch.set_num_threads(2)  # process-wide: set back below
        try:
            return statistics.median(_timed(lambda q: embedder.encode([q]), questions))
        finally:
            torch.set_num_threads(embedder.threads)
    other = Embedder(backend=embedder.backend, threads=2, cache_dir=embedder.cache_dir)
    other.encode(["warm up"])
    return statistics.median(_timed(lambda q: other.encode([q]), questions))


def profile_ask(assistant, gold, backend: str, out, top: int = 12) -> None:
    """cProfile of ask() over the questions (give it an Assistant with cache_size=0): the stages, then the
    costliest functions by own time."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for question, history in gold:
        assistant.ask(question, history)
    profiler.disable()
    stats = pstats.Stats(profiler).stats  # (file, line, name) -> (calls, ncalls, own, cumulative, callers)
    n = len(gold)
    stages = {"_answer", "_embed", "rewrite", "analyse", "search", "read", "question_words"}

    def label(key):
        return f"{Path(key[0]).parent.name}/{Path(key[0]).name}:{key[1]}({key[2]})"

    for key, (_, calls, own, cum, _) in sorted(stats.items(), key=lambda kv: -kv[1][3]):
        if "/qa/" in key[0] and key[2] in stages:
            _emit({"figure": "profile", "backend": backend, "kind": "stage", "function": label(key),
                   "calls_per_ask": calls / n, "cum_ms_per_ask": cum / n * 1000}, out)
    for key, (_, calls, own, cum, _) in sorted(stats.items(), key=lambda kv: -kv[1][2])[:top]:
        _emit({"figure": "profile", "backend": backend, "kind": "own", "function": label(key),
               "calls_per_ask": calls / n, "own_ms_per_ask": own / n * 1000, "cum_ms_per_ask": cum / n * 1000}, out)


def scaling_rows(sizes: list[int], queries: int, out) -> None:
    """Run ``python -m qa.scaling`` once per size (its own process, so its peak RSS is its own)."""
    for n in sizes:
        proc = subprocess.run([sys.executable, "-m", "qa.scaling", str(n), "--queries", str(queries)], cwd=ROOT,
                              capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError(f"scaling run for {n} vectors failed: {proc.stderr[-500:]}")
        for line in proc.stdout.splitlines():
            if line.startswith("{"):
                _emit(json.loads(line), out)


def run_bench(args) -> int:
    """Run the benchmark described by the parsed ``qa bench`` arguments; returns the exit code."""
    from .chunking import sentences_of
    from .corpus import load_corpus
    from .embedding import BACKENDS

    args.questions = args.questions or (8 if args.quick else None)
    args.cold_runs = args.cold_runs or (1 if args.quick else 3)
    sizes = args.sizes if args.sizes is not None else (QUICK_SIZES if args.quick else FULL_SIZES)
    backends = args.backends.split(",") if args.backends else available_backends()
    unknown = [b for b in backends if b not in BACKENDS]
    if unknown:
        raise ValueError(f"unknown backend {unknown[0]!r}; choose from {', '.join(BACKENDS)}")
    gold = load_gold(args.gold, args.questions)
    documents, _ = load_corpus(Path(args.corpus))
    sentences = [s.text for d in documents for s in sentences_of(d)]
    out = open(args.out, "a", encoding="utf-8") if args.out else None
    try:
        reference = None
        with tempfile.TemporaryDirectory(prefix="qa-bench-") as tmp:
            for backend in sorted(backends, key=BACKENDS.index):  # torch first: the others are compared with it
                result = bench_backend(backend, args, gold, sentences, reference, Path(tmp), out)
                if backend == "torch":
                    reference = result
        _emit({"figure": "peak_rss", "process": "bench", "rss_mb":
               resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}, out)
        if sizes:
            scaling_rows([int(s) for s in sizes.split(",")], 50 if args.quick else 200, out)
    finally:
        if out is not None:
            out.close()
    return 0


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(prog="python -m qa.bench", description=__doc__.splitlines()[0])
    add_bench_arguments(parser)
    sys.exit(run_bench(parser.parse_args()))
