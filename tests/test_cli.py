"""Tests for the command line (``python -m qa``), run as a user runs it: in a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "small_corpus"
ANSWER_KEYS = {"id", "question", "answer", "abstained", "score", "citations"}
CITATION_KEYS = {"doc_id", "title", "source", "start", "end", "quote"}


def qa(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    return subprocess.run([sys.executable, "-m", "qa", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout)


def _source_text(source: str) -> str:
    path = Path(source)
    return (path if path.is_absolute() else ROOT / path).read_text(encoding="utf-8")


# --- help and errors (no model needed) ---------------------------------------------------------------


def test_help_exits_zero_and_lists_the_commands():
    result = qa("--help")
    assert result.returncode == 0
    for command in ("build", "ask", "eval", "serve"):
        assert command in result.stdout


def test_ask_help_exits_zero_and_describes_batch():
    result = qa("ask", "--help")
    assert result.returncode == 0
    assert "--batch" in result.stdout and "--json" in result.stdout and "--index" in result.stdout


def test_ask_with_a_missing_index_says_to_build_without_a_traceback(tmp_path):
    missing = tmp_path / "no_index_here"
    result = qa("ask", "How much did the library cost?", "--index", str(missing))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    assert "qa build" in result.stderr and str(missing) in result.stderr
    assert not missing.exists(), "asking must not create the index folder"


def test_ask_without_a_question_is_a_usage_error(tmp_path):
    result = qa("ask", "--index", str(tmp_path))
    assert result.returncode == 2
    assert "QUESTION" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.model
def test_ask_with_a_missing_batch_file_fails_cleanly(small_index, tmp_path):
    result = qa("ask", "--batch", str(tmp_path / "missing.jsonl"), "--json", "--index", str(small_index))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "missing.jsonl" in result.stderr


# --- batch answers ---------------------------------------------------------------------------------

BATCH = [
    '{"id": "lib-cost", "question": "How much did the new library cost?"}',
    '{"id": "mayor-age", "question": "How old is Mayor Daniel Reyes?"}',
    '{this is not json',
    '{"id": "france", "question": "What is the capital of France?"}',
    "",
    '{"id": "bad-type", "question": 5}',
    '["a", "list"]',
    '{"id": "follow-up", "question": "How old is he?", "history": ["What did Mayor Daniel Reyes say?"]}',
    '{"question": "How many workers were treated for smoke inhalation?"}',
    '{"id": "emoji", "question": "🔥🔥 \\u0000"}',
    '{"id": "empty", "question": ""}',
    '{"id": "bad-history", "question": "Who?", "history": "not a list"}',
]
# (line number, expected id, error expected) for each non-blank line, in order.
EXPECTED = [
    (1, "lib-cost", False),
    (2, "mayor-age", False),
    (3, None, True),  # the id of a line that is not JSON: see test_malformed_line_is_reported_by_its_line_number
    (4, "france", False),
    (6, "bad-type", True),
    (7, 7, True),
    (8, "follow-up", False),
    (9, 9, False),  # no id: the line number
    (10, "emoji", False),
    (11, "empty", False),
    (12, "bad-history", True),
]


@pytest.fixture(scope="module")
def batch(small_index, tmp_path_factory) -> list[dict]:
    path = tmp_path_factory.mktemp("batch") / "questions.jsonl"
    path.write_text("\n".join(BATCH) + "\n", encoding="utf-8")
    result = qa("ask", "--batch", str(path), "--json", "--index", str(small_index))
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    return [json.loads(line) for line in lines]


@pytest.mark.model
def test_batch_prints_one_json_object_per_line_in_order(batch):
    assert len(batch) == len(EXPECTED)
    for out, (line, qid, error) in zip(batch, EXPECTED):
        if error:
            assert set(out) == {"id", "error"}, out
            assert f"line {line}" in out["error"]
        else:
            assert ANSWER_KEYS <= set(out), out
            assert "error" not in out
        if qid is not None:
            assert out["id"] == qid


@pytest.mark.model
def test_batch_errors_say_what_is_wrong(batch):
    errors = {line: out["error"] for out, (line, _, error) in zip(batch, EXPECTED) if error}
    assert "'question' must be a string" in errors[6]
    assert "JSON object" in errors[7]
    assert "'history'" in errors[12]


@pytest.mark.model
def test_malformed_line_is_reported_by_its_line_number(batch):
    assert batch[2]["id"] == 3


@pytest.mark.model
def test_batch_answers_are_cited_exactly(batch):
    answers = [out for out in batch if "error" not in out]
    assert len(answers) == 7
    for out in answers:
        assert isinstance(out["question"], str)
        assert isinstance(out["abstained"], bool)
        assert isinstance(out["score"], (int, float))
        if out["abstained"]:
            assert out["answer"] == ""
            continue
        assert out["answer"] and out["citations"]
        assert out["answer"] in out["citations"][0]["quote"]
        for citation in out["citations"]:
            assert CITATION_KEYS <= set(citation)
            text = _source_text(citation["source"])
            assert text[citation["start"] : citation["end"]] == citation["quote"]
            assert citation["doc_id"] == Path(citation["source"]).stem
            assert citation["title"]


@pytest.mark.model
def test_batch_answers_simple_questions_and_abstains_on_others(batch):
    by_id = {out["id"]: out for out in batch if "error" not in out}
    cost = by_id["lib-cost"]
    assert not cost["abstained"] and "14 million" in cost["answer"]
    assert cost["citations"][0]["doc_id"] == "library_opening"
    assert by_id["mayor-age"]["answer"] == "58"
    assert by_id["france"]["abstained"] and by_id["france"]["citations"] == []
    assert by_id["emoji"]["abstained"] and by_id["empty"]["abstained"]


# --- build ---------------------------------------------------------------------------------------


@pytest.mark.model
def test_build_twice_second_is_up_to_date(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(FIXTURE / "library_opening.txt", corpus)
    index = tmp_path / "index"
    first = qa("build", "--corpus", str(corpus), "--index", str(index), "--quiet")
    assert first.returncode == 0, first.stderr[-3000:]
    assert first.stdout.startswith(f"built {index}: 1 articles")
    assert "DEBUG" not in first.stderr  # bm25s sets its own logger to DEBUG when imported
    assert (index / "manifest.json").is_file()
    second = qa("build", "--corpus", str(corpus), "--index", str(index), "--quiet")
    assert second.returncode == 0
    assert "up to date" in second.stdout and "built" not in second.stdout


def test_build_with_a_missing_corpus_names_the_folder(tmp_path):
    missing = tmp_path / "no_articles"
    result = qa("build", "--corpus", str(missing), "--index", str(tmp_path / "index"))
    assert result.returncode != 0
    assert str(missing) in result.stderr and "Traceback" not in result.stderr


def test_build_with_bad_chunk_settings_names_the_value(tmp_path):
    result = qa("build", "--corpus", str(FIXTURE), "--index", str(tmp_path / "index"), "--overlap", "500")
    assert result.returncode != 0
    assert "500" in result.stderr and "Traceback" not in result.stderr
