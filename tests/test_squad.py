"""SQuAD v2.0: the official scoring in qa/squad.py, the fixture, the corpus built from contexts, and the run end to end."""

from __future__ import annotations

import collections
import json
import re
import string
from pathlib import Path

import pytest

from qa import squad

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "eval" / "fixtures" / "squad_small.json"


# ---------------------------------------------------------------------------------------------------
# A straightforward re-implementation of the official formulas, written independently of qa/squad.py.

def _norm(s):
    s = s.lower()
    s = "".join(c for c in s if c not in string.punctuation)
    s = re.sub(r"\b(a|an|the)\b", " ", s)
    return " ".join(s.split())


def _em(gold, pred):
    return float(_norm(gold) == _norm(pred))


def _f1(gold, pred):
    g, p = _norm(gold).split(), _norm(pred).split()
    if not g or not p:
        return float(g == p)
    same = sum((collections.Counter(g) & collections.Counter(p)).values())
    if not same:
        return 0.0
    precision, recall = same / len(p), same / len(g)
    return 2 * precision * recall / (precision + recall)


def _reference(data, preds, na_probs):
    """exact/f1 (whole, HasAns, NoAns) and best thresholds, as the official script defines them."""
    golds, has = {}, {}
    for article in data:
        for para in article["paragraphs"]:
            for qa in para["qas"]:
                texts = [a["text"] for a in qa["answers"] if _norm(a["text"])]
                golds[qa["id"]] = texts or [""]
                has[qa["id"]] = bool(qa["answers"])
    em = {q: max(_em(g, preds[q]) for g in gs) for q, gs in golds.items()}
    f1 = {q: max(_f1(g, preds[q]) for g in gs) for q, gs in golds.items()}
    out = {}
    for prefix, ids in (("", list(golds)), ("HasAns_", [q for q in golds if has[q]]), ("NoAns_", [q for q in golds if not has[q]])):
        if ids:
            out[prefix + "exact"] = 100 * sum(em[q] for q in ids) / len(ids)
            out[prefix + "f1"] = 100 * sum(f1[q] for q in ids) / len(ids)
            out[prefix + "total"] = len(ids)
    for name, raw in (("exact", em), ("f1", f1)):
        # Predict no-answer when na_prob > t; try every t in {0} U na_probs; keep the first best.
        best, best_t = None, None
        for t in [0.0] + sorted(na_probs.values()):
            # Answered (na_prob <= t): its score, except that a no-answer question's non-empty prediction
            # counts as wrong; predicted no-answer: right only for no-answer questions.
            total = sum((raw[q] if has[q] else float(not preds[q])) if na_probs[q] <= t else float(not has[q])
                        for q in golds)
            if best is None or total > best + 1e-12:
                best, best_t = total, t
        out[f"best_{name}"] = 100 * best / len(golds)
        out[f"best_{name}_thresh"] = best_t
    return out


DATA = [{"title": "t", "paragraphs": [{"context": "ctx", "qas": [
    {"id": "a", "question": "q", "answers": [{"text": "The Eiffel Tower", "answer_start": 0}, {"text": "Eiffel", "answer_start": 0}]},
    {"id": "b", "question": "q", "answers": [{"text": "42 people", "answer_start": 0}]},
    {"id": "c", "question": "q", "answers": []},
    {"id": "d", "question": "q", "answers": []},
    {"id": "e", "question": "q", "answers": [{"text": "Paris, France", "answer_start": 0}]},
    {"id": "f", "question": "q", "answers": [{"text": "the", "answer_start": 0}]},  # normalises to "": no-answer gold
]}]}]
PREDS = {"a": "eiffel tower!", "b": "about 42 people died", "c": "", "d": "Lyon", "e": "Berlin", "f": ""}
NA_PROBS = {"a": 0.1, "b": 0.4, "c": 0.9, "d": 0.7, "e": 0.6, "f": 0.2}


def test_official_scores_agree_with_reference_implementation():
    ours = squad.evaluate(DATA, PREDS, NA_PROBS)
    ref = _reference(DATA, PREDS, NA_PROBS)
    assert set(ref) <= set(ours)
    for key, value in ref.items():
        assert ours[key] == pytest.approx(value), key


@pytest.mark.parametrize("seed", range(20))
def test_official_scores_agree_on_random_predictions(seed):
    import random

    rng = random.Random(seed)
    words = ["the", "cat", "sat", "on", "a", "mat", "42", "Paris", "tower", "."]
    qas = []
    for i in range(12):
        answers = [] if rng.random() < 0.3 else [
            {"text": " ".join(rng.choices(words, k=rng.randint(1, 4))), "answer_start": 0} for _ in range(rng.randint(1, 3))]
        qas.append({"id": f"q{i}", "question": "?", "answers": answers})
    data = [{"title": "t", "paragraphs": [{"context": "c", "qas": qas}]}]
    preds = {q["id"]: ("" if rng.random() < 0.3 else " ".join(rng.choices(words, k=rng.randint(1, 4)))) for q in qas}
    probs = dict(zip((q["id"] for q in qas), (v / 1000 for v in rng.sample(range(1, 1000), len(qas)))))
    ours, ref = squad.evaluate(data, preds, probs), _reference(data, preds, probs)
    for key, value in ref.items():
        assert ours[key] == pytest.approx(value), key


def test_hand_computed_scores():
    scores = squad.evaluate(DATA, PREDS)  # no na_probs: no best thresholds
    # a: EM 1 (articles, punctuation); b: F1 2*(2/4*2/2)/(2/4+1)=2/3; c: 1; d: 0; e: 0; f: gold "" and pred "" -> 1
    assert scores["exact"] == pytest.approx(100 * 3 / 6)
    assert scores["f1"] == pytest.approx(100 * (1 + 2 / 3 + 1 + 0 + 0 + 1) / 6)
    assert scores["HasAns_total"] == 4 and scores["NoAns_total"] == 2  # "f" has answers, so counts as HasAns
    assert scores["NoAns_exact"] == pytest.approx(50.0)
    assert "best_f1" not in scores


def test_no_answer_threshold_applies_like_the_official_script():
    scores = squad.evaluate(DATA, PREDS, NA_PROBS, na_prob_thresh=0.5)
    # d and e (na_prob > 0.5) become no-answer: d is right then, e (HasAns) stays wrong; c already right.
    assert scores["exact"] == pytest.approx(100 * 4 / 6)


def test_normalisation_and_tokens():
    assert squad.normalize_answer("The  Eiffel-Tower, a sight!") == "eiffeltower sight"
    assert squad.get_tokens("") == []
    assert squad.compute_f1("", "") == 1 and squad.compute_f1("x", "") == 0
    assert squad.compute_exact("An apple", "apple") == 1


# ---------------------------------------------------------------------------------------------------
# The fixture and the corpus built from it.

def _questions(data):
    return [qa for a in data for p in a["paragraphs"] for qa in p["qas"]]


def test_fixture_is_a_valid_squad_v2_file_with_correct_offsets():
    raw = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert raw["version"] == "v2.0"
    data = squad.load_squad(FIXTURE)
    assert len(data) == 2 and 4 <= sum(len(a["paragraphs"]) for a in data) <= 5
    qas = _questions(data)
    assert 18 <= len(qas) <= 24
    assert 5 <= sum(q["is_impossible"] for q in qas) <= 8
    for article in data:
        for para in article["paragraphs"]:
            for qa in para["qas"]:
                assert qa["is_impossible"] == (not qa["answers"])
                for a in qa["answers"] + qa.get("plausible_answers", []):
                    assert para["context"][a["answer_start"]: a["answer_start"] + len(a["text"])] == a["text"], qa["id"]


def test_corpus_maps_every_answer_into_its_document():
    data = squad.load_squad(FIXTURE)
    corpus = squad.build_corpus(data)
    assert len(corpus.texts) == 2 and not corpus.misaligned
    for doc_id, text in corpus.texts.items():
        paras = [p["context"] for a in data if squad.safe_stem(a["title"], set()) == doc_id for p in a["paragraphs"]]
        assert text == "\n\n".join(paras)
    for (doc_id, offset), para in zip(corpus.paragraphs, [p for a in data for p in a["paragraphs"]]):
        assert corpus.texts[doc_id][offset: offset + len(para["context"])] == para["context"]
    answered = [q for q in corpus.questions if q.answers]
    assert answered and len(corpus.questions) == len(_questions(data))
    for q in answered:
        for text, start in zip(q.answers, q.starts):
            assert corpus.texts[q.doc_id][start: start + len(text)] == text


def test_same_title_is_one_document_and_stems_are_safe_and_unique(tmp_path):
    data = [
        {"title": "A/B: test?", "paragraphs": [{"context": "One.", "qas": [{"id": "1", "question": "?", "answers": [{"text": "One", "answer_start": 0}]}]}]},
        {"title": "A B test", "paragraphs": [{"context": "Two.", "qas": []}]},
        {"title": "A/B: test?", "paragraphs": [{"context": "Three.", "qas": [{"id": "2", "question": "?", "answers": [{"text": "Three", "answer_start": 0}]}]}]},
    ]
    corpus = squad.build_corpus(data)
    assert list(corpus.texts) == ["A_B_test", "A_B_test_2"]
    assert corpus.texts["A_B_test"] == "One.\n\nThree."
    assert corpus.questions[1].starts == (6,) and not corpus.misaligned
    squad.write_corpus(corpus, tmp_path / "c")
    assert (tmp_path / "c" / "A_B_test.txt").read_text(encoding="utf-8") == "One.\n\nThree."


def test_misaligned_answer_is_reported():
    data = [{"title": "t", "paragraphs": [{"context": "Hello world", "qas": [
        {"id": "x", "question": "?", "answers": [{"text": "world", "answer_start": 0}]}]}]}]
    assert squad.build_corpus(data).misaligned == ["x"]


@pytest.mark.parametrize("content, message", [
    ("not json", "not a readable JSON"),
    ('{"data": []}', "at least one article"),
    ('{"data": [{"title": "t"}]}', "data[0]: needs a 'paragraphs'"),
    ('{"data": [{"paragraphs": [{"context": "c", "qas": [{"id": "q", "question": "?", "answers": "x"}]}]}]}',
     "data[0].paragraphs[0].qas[0]"),
    ('{"data": [{"paragraphs": [{"context": "c", "qas": [{"id": "q", "question": "?", "answers": []},'
     ' {"id": "q", "question": "?", "answers": []}]}]}]}', "appears twice"),
])
def test_load_squad_errors_name_the_place(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(squad.SquadError, match=re.escape(message)):
        squad.load_squad(path)


def test_na_prob_is_a_decreasing_probability():
    values = [squad.na_prob(s, 0.3) for s in (-5, 0, 0.2, 0.3, 0.5, 1, 50)]
    assert all(0 <= v <= 1 for v in values)
    assert values == sorted(values, reverse=True) and values[3] == pytest.approx(0.5)
    assert squad.score_threshold(squad.na_prob(0.7, 0.3), 0.3) == pytest.approx(0.7)
    assert squad.score_threshold(0.0, 0.3) is None


# ---------------------------------------------------------------------------------------------------
# End to end, with the model.

def _run(argv, embedder):
    from qa.cli import build_parser
    from qa.evalcli import run_eval

    return run_eval(build_parser().parse_args(argv), embedder=embedder)


@pytest.mark.model
def test_squad_end_to_end_on_the_fixture(tmp_path, embedder, capsys):
    out, index = tmp_path / "out", tmp_path / "index"
    assert _run(["eval", "--squad", str(FIXTURE), "--index", str(index), "--out", str(out), "-q"], embedder) == 0
    data = squad.load_squad(FIXTURE)
    qids = {q["id"] for q in _questions(data)}
    preds = json.loads((out / "predictions.json").read_text(encoding="utf-8"))
    probs = json.loads((out / "na_probs.json").read_text(encoding="utf-8"))
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert set(preds) == qids and set(probs) == qids
    assert all(isinstance(v, str) for v in preds.values())
    assert all(0.0 <= v <= 1.0 for v in probs.values())
    for key in ("exact", "f1", "total", "HasAns_exact", "HasAns_f1", "HasAns_total", "NoAns_exact", "NoAns_f1",
                "NoAns_total", "best_exact", "best_exact_thresh", "best_f1", "best_f1_thresh"):
        assert key in report, key
    assert report["total"] == len(qids) and report["NoAns_total"] == 6
    for key in ("exact", "f1", "HasAns_exact", "HasAns_f1", "NoAns_exact", "NoAns_f1", "best_exact", "best_f1"):
        assert 0.0 <= report[key] <= 100.0
    assert report["f1"] > 1.0  # on the 0-100 scale: the fixture's easy questions are answered
    # The report's scores are the official ones of the files it wrote.
    again = squad.evaluate(data, preds, probs)
    for key, value in again.items():
        assert report[key] == pytest.approx(value, abs=1e-4), key
    # Answered exactly when the no-answer probability is at most 0.5 (the abstain threshold).
    assert all(bool(preds[q]) == (probs[q] <= 0.5) for q in qids)
    cal = report["calibration"]
    assert set(cal) >= {"thresholds", "f1", "best_threshold", "current_threshold"}
    assert (out / "calibration.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # The corpus on disk keeps the offsets.
    corpus = squad.build_corpus(data)
    for doc_id, text in corpus.texts.items():
        assert (index / "corpus" / f"{doc_id}.txt").read_text(encoding="utf-8") == text
    assert "exact" in capsys.readouterr().out


@pytest.mark.model
def test_squad_refuses_an_index_of_another_corpus(small_index, embedder, tmp_path):
    with pytest.raises(squad.SquadError, match="not of a SQuAD file"):
        _run(["eval", "--squad", str(FIXTURE), "--index", str(small_index), "--out", str(tmp_path), "-q"], embedder)
