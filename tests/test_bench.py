"""Tests for qa/bench.py (JSON lines of `qa bench --quick`) and the answer cache it relies on (Assistant.ask)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from qa import bench

ROOT = Path(__file__).resolve().parent.parent


class CountingEmbedder:
    """The real embedder, counting encode calls."""

    def __init__(self, real):
        self.real, self.calls = real, 0
        self.model_name, self.dimension, self.backend = real.model_name, real.dimension, real.backend

    def encode(self, texts, show_progress: bool = False) -> np.ndarray:
        self.calls += 1
        return self.real.encode(texts)

    def encode_one(self, text: str) -> np.ndarray:
        return self.encode([text])[0]


# --- pure helpers -------------------------------------------------------------------------------------------


def test_p95_and_gold_loading(tmp_path):
    assert bench._p95([float(i) for i in range(1, 101)]) == 95.0
    assert bench._p95([3.0]) == 3.0
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"question": "Who?", "history": ["What?"]}\n\n{"question": "When?"}\n', encoding="utf-8")
    assert bench.load_gold(gold) == [("Who?", ["What?"]), ("When?", [])]
    assert bench.load_gold(gold, limit=1) == [("Who?", ["What?"])]


def test_bench_arguments_parse():
    import argparse

    parser = argparse.ArgumentParser()
    bench.add_bench_arguments(parser)
    args = parser.parse_args(["--quick", "--backends", "torch", "--sizes", ""])
    assert args.quick and args.backends == "torch" and args.sizes == ""


# --- the answer cache ---------------------------------------------------------------------------------------


@pytest.fixture
def counted(small_assistant, embedder):
    from qa.pipeline import Assistant

    counting = CountingEmbedder(embedder)
    return Assistant(small_assistant.index, counting, small_assistant.settings, cache_size=2), counting


@pytest.mark.model
def test_repeated_question_is_answered_from_the_cache(counted):
    assistant, counting = counted
    first = assistant.ask("How many workers were treated for smoke inhalation?")
    calls = counting.calls
    assert calls >= 1
    again = assistant.ask("  How many workers were  treated for smoke inhalation? ")  # same after cleaning
    assert counting.calls == calls  # no re-embedding
    assert again == first  # Answer equality ignores timings
    assert again.timings.get("cached") == 1.0 and "cached" not in first.timings


@pytest.mark.model
def test_history_and_top_k_are_part_of_the_key(counted):
    assistant, counting = counted
    assistant.ask("Who is the mayor?")
    calls = counting.calls
    assistant.ask("Who is the mayor?", history=["When did the harbor reopen?"])
    assert counting.calls > calls
    calls = counting.calls
    assistant.ask("Who is the mayor?", top_k=2)
    assert counting.calls > calls


@pytest.mark.model
def test_cache_keeps_only_the_most_recent(counted):
    assistant, counting = counted  # cache_size=2
    for question in ("Who is the mayor?", "How much did the library cost?", "What caused the fire?"):
        assistant.ask(question)
    calls = counting.calls
    assistant.ask("What caused the fire?")
    assistant.ask("How much did the library cost?")
    assert counting.calls == calls  # the two most recent are kept
    assistant.ask("Who is the mayor?")  # the oldest was dropped
    assert counting.calls == calls + 1


@pytest.mark.model
def test_cache_size_zero_turns_it_off(small_assistant, embedder):
    from qa.pipeline import Assistant

    counting = CountingEmbedder(embedder)
    assistant = Assistant(small_assistant.index, counting, small_assistant.settings, cache_size=0)
    assistant.ask("Who is the mayor?")
    assistant.ask("Who is the mayor?")
    assert counting.calls == 2
    with pytest.raises(ValueError, match="cache_size"):
        Assistant(small_assistant.index, counting, cache_size=-1)


@pytest.mark.model
def test_clear_cache_forgets_every_answer(counted):
    assistant, counting = counted
    assistant.ask("Who is the mayor?")
    calls = counting.calls
    assistant.clear_cache()
    assistant.ask("Who is the mayor?")
    assert counting.calls == calls + 1


@pytest.mark.model
def test_conversation_timing_asks_earlier_turns_first_and_never_times_a_cached_answer(small_assistant, embedder):
    from qa.bench import conversation_timed
    from qa.pipeline import Assistant

    assistant = Assistant(small_assistant.index, embedder, small_assistant.settings)
    asked = []
    real_ask = assistant.ask

    def recording_ask(question, history=None, **kwargs):
        answer = real_ask(question, history, **kwargs)
        asked.append((question, tuple(history or ()), answer.timings.get("cached") == 1.0))
        return answer

    assistant.ask = recording_ask
    gold = [("Who is the mayor?", []), ("How old is he?", ["Who is the mayor?"]), ("Who is the mayor?", [])]
    times = conversation_timed(assistant, gold)
    assert len(times) == 3 and all(t > 0 for t in times)
    # The follow-up's earlier turn is asked before it; the rewriting's own ask of it is then a cache hit.
    assert asked[:2] == [("Who is the mayor?", (), False), ("Who is the mayor?", (), False)]
    assert asked[2:4] == [("Who is the mayor?", (), True), ("How old is he?", ("Who is the mayor?",), False)]
    # The cache is emptied between questions: the same question asked again is answered anew.
    assert asked[4:] == [("Who is the mayor?", (), False)]


# --- qa bench --quick ---------------------------------------------------------------------------------------

EXPECTED = {
    "model_load": {"backend", "seconds"},
    "query_embedding": {"backend", "n", "median_ms", "p95_ms"},
    "build": {"backend", "seconds", "n_sentences", "sentences_per_s"},
    "warm_ask": {"backend", "n", "median_ms", "p95_ms", "floor_ms"},
    "cached_ask": {"backend", "n", "median_ms"},
    "cold_start": {"backend", "runs", "median_s", "peak_rss_mb"},
    "peak_rss": {"rss_mb"},
    "scaling": {"n", "index", "search_ms_median", "recall_at_10", "build_s_per_1k", "peak_rss_mb"},
    "profile": {"backend", "function", "cum_ms_per_ask"},
}


@pytest.mark.model
def test_bench_quick_prints_json_lines_with_the_expected_keys(tmp_path):
    out = tmp_path / "bench.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "qa", "bench", "--quick", "--backends", "torch", "--questions", "3",
         "--sizes", "1000", "--profile", "2", "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600, env=dict(os.environ, HF_HUB_OFFLINE="1"),
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    rows = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]  # every stdout line is JSON
    assert rows == [json.loads(line) for line in out.read_text().splitlines()]
    by_figure = {}
    for row in rows:
        by_figure.setdefault(row["figure"], []).append(row)
    assert set(EXPECTED) <= set(by_figure)
    for figure, keys in EXPECTED.items():
        for row in by_figure[figure]:
            assert keys <= set(row), (figure, row)
    assert {r["index"] for r in by_figure["scaling"]} == {"flat", "hnsw", "ivf"}
    assert by_figure["warm_ask"][0]["n"] == 3
