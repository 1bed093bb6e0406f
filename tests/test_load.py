"""Load: 20 users asking 25 questions each through the app API, all answered with exact citations.

Starts ``python app.py`` on a free loopback port against a temporary copy of the small corpus; each user is
a ``gradio_client.Client`` in a thread pool. Reports median and p95 latency (no timing assertions: this is
a report, machines differ); fails on any error, any wrong citation, or the whole run taking too long.
"""

from __future__ import annotations

import random
import shutil
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

import pytest

from apprunner import running_app

ROOT = Path(__file__).resolve().parent.parent
SMALL_CORPUS = ROOT / "tests" / "fixtures" / "small_corpus"
USERS, QUESTIONS_EACH = 20, 25
TIME_LIMIT_S = 150  # for all the questions, after the server is up

#: Questions with the words their answers must contain.
QUESTIONS = {
    "How many workers were treated for smoke inhalation?": "12",
    "How much did the new library cost?": "14 million",
    "Who is the fire chief?": "Okafor",
    "How many firefighters fought the blaze?": "40",
    "How old is Mayor Daniel Reyes?": "58",
    "When did the Port Ellis harbor reopen?": "Friday",
    "How many books does the Millbrook library hold?": "120,000",
    "How many tons of wheat did the warehouse hold?": "8,000",
}




@pytest.fixture(scope="module")
def server(tmp_path_factory):
    base = tmp_path_factory.mktemp("load_app")
    corpus, index = base / "corpus", base / "index"
    shutil.copytree(SMALL_CORPUS, corpus)
    with running_app(base, corpus, index) as app:
        yield app.url


def check(answer: dict, expected: str, texts: dict[str, str]) -> None:
    """Answered, with the expected words, and every quote is its file's text at the cited offsets."""
    from qa.corpus import resolve_source

    assert not answer["abstained"] and expected in answer["answer"], answer
    for c in answer["citations"] + answer["passages"]:
        if c["source"] not in texts:
            texts[c["source"]] = resolve_source(c["source"]).read_text(encoding="utf-8")
        assert texts[c["source"]][c["start"]:c["end"]] == c["quote"], c
    first = answer["citations"][0]
    assert answer["answer"] in first["quote"]


def user(url: str, seed: int, texts: dict[str, str], stop: threading.Event) -> list[float]:
    """One user: a client of its own, QUESTIONS_EACH questions; returns the latency of each, in seconds."""
    from gradio_client import Client

    rng = random.Random(seed)
    client = Client(url, analytics_enabled=False, verbose=False)
    latencies = []
    for _ in range(QUESTIONS_EACH):
        if stop.is_set():  # the run is over time: give up quietly
            break
        question = rng.choice(list(QUESTIONS))
        top_k = rng.choice([None, 4, 6, 8])  # varies the cache key, so not every answer comes from the cache
        started = time.perf_counter()
        answer = client.predict(question, [], top_k, api_name="/ask")
        latencies.append(time.perf_counter() - started)
        check(answer, QUESTIONS[question], texts)
    return latencies


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


@pytest.mark.slow
@pytest.mark.model
def test_twenty_users_asking_at_once_all_get_exact_cited_answers(server, record_property, capsys):
    from gradio_client import Client

    texts: dict[str, str] = {}
    warm = Client(server, analytics_enabled=False, verbose=False)
    for question, expected in QUESTIONS.items():  # every question answers before the crowd arrives
        check(warm.predict(question, [], None, api_name="/ask"), expected, texts)

    started = time.monotonic()
    latencies, errors = [], []
    stop = threading.Event()
    pool = ThreadPoolExecutor(max_workers=USERS)
    futures = [pool.submit(user, server, seed, texts, stop) for seed in range(USERS)]
    try:
        for future in as_completed(futures, timeout=TIME_LIMIT_S):
            try:
                latencies.extend(future.result())
            except Exception as exc:
                errors.append(f"{type(exc).__name__}: {exc}")
    except TimeoutError:
        pytest.fail(f"{USERS} users x {QUESTIONS_EACH} questions took over {TIME_LIMIT_S}s")
    finally:
        stop.set()
        pool.shutdown(wait=False, cancel_futures=True)
    wall = time.monotonic() - started
    assert not errors, errors[:3]
    assert len(latencies) == USERS * QUESTIONS_EACH
    median, p95 = statistics.median(latencies), percentile(latencies, 0.95)
    summary = (f"load: {USERS} users x {QUESTIONS_EACH} questions = {len(latencies)} answers in {wall:.1f}s "
               f"({len(latencies) / wall:.1f}/s); latency median {median * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
               f"max {max(latencies) * 1000:.0f} ms")
    record_property("latency_median_ms", round(median * 1000, 1))
    record_property("latency_p95_ms", round(p95 * 1000, 1))
    record_property("answers_per_second", round(len(latencies) / wall, 2))
    with capsys.disabled():  # shown without -s
        print("\n" + summary)
