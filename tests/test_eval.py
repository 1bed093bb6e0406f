"""The gold evaluation: gold file checks, threshold sweep, report comparison, floors, and `qa eval` end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qa import evaluate as ev
from qa.cli import main

ROOT = Path(__file__).resolve().parent.parent


# ---------------------------------------------------------------------------------------------------
# Gold files.

def _gold_line(**changes) -> str:
    row = {"id": "q1", "question": "How much did the library cost?", "answers": ["$14 million"],
           "doc_ids": ["library_opening"], "type": "number", "history": [], "split": "dev"}
    row.update(changes)
    return json.dumps(row)


def test_load_gold_reads_fields_and_filters_split(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join([_gold_line(), "", _gold_line(id="q2", answers=[], doc_ids=[], split="test")]) + "\n")
    items = ev.load_gold(path)
    assert [i.id for i in items] == ["q1", "q2"]
    assert items[0].answers == ("$14 million",) and items[0].answerable and not items[1].answerable
    assert [i.id for i in ev.load_gold(path, "test")] == ["q2"]
    assert len(ev.load_gold(path, "all")) == 2


@pytest.mark.parametrize("bad, message", [
    ("{not json", ":2: not JSON"),
    ('{"id": "x", "question": "Q?", "answers": []}', ":2: missing field(s) doc_ids"),
    ('["a list"]', ":2: a line must be a JSON object"),
    (_gold_line(id="x", answers="$14 million"), ":2: 'answers' must be a list of strings"),
    (_gold_line(id="x", history="earlier"), ":2: 'history' must be a list of strings"),
    (_gold_line(id="x", question=" "), ":2: 'question' must be a non-empty string"),
    (_gold_line(), ":2: id 'q1' already used on line 1"),
])
def test_load_gold_errors_name_the_line(tmp_path, bad, message):
    path = tmp_path / "gold.jsonl"
    path.write_text(_gold_line() + "\n" + bad + "\n")
    with pytest.raises(ev.GoldError) as err:
        ev.load_gold(path)
    assert f"{path}{message}" in str(err.value)


def test_load_gold_missing_file(tmp_path):
    with pytest.raises(ev.GoldError, match="does not exist"):
        ev.load_gold(tmp_path / "nope.jsonl")


# ---------------------------------------------------------------------------------------------------
# Threshold sweep.

def test_sweep_thresholds_by_hand():
    # (score, F1 if answered, F1 if abstained): two good answers, one wrong, one unanswerable question.
    points = [(0.9, 1.0, 0.0), (0.7, 1.0, 0.0), (0.5, 0.0, 1.0), (0.2, 0.0, 1.0)]
    cal = ev.sweep_thresholds(points, current=0.3)
    assert cal["thresholds"] == [0.2, 0.5, 0.7, 0.9, 0.91]
    # answer when score >= t: t=0.2 all answered -> 2/4; t=0.5 -> 3/4; t=0.7 -> 4/4; t=0.9 -> 3/4; above -> 2/4
    assert cal["f1"] == [0.5, 0.75, 1.0, 0.75, 0.5]
    assert cal["answered"] == [1.0, 0.75, 0.5, 0.25, 0.0]
    assert cal["best_f1"] == 1.0 and cal["best_range"] == [0.5, 0.7]
    assert cal["best_threshold"] == 0.6  # the middle of (0.5, 0.7]
    assert cal["current_threshold"] == 0.3 and cal["current_f1"] == 0.75


def test_sweep_keeps_the_current_threshold_when_it_is_best():
    cal = ev.sweep_thresholds([(0.9, 1.0, 0.0), (0.5, 0.0, 1.0)], current=0.6)
    assert cal["best_threshold"] == 0.6 and cal["best_f1"] == cal["current_f1"] == 1.0


def test_sweep_with_no_points():
    cal = ev.sweep_thresholds([], current=0.3)
    assert cal["thresholds"] == [] and cal["best_threshold"] is None


# ---------------------------------------------------------------------------------------------------
# Compare and floors, on hand-made reports.

OLD = {"summary": {"n": 10, "hit": 0.60, "f1": 0.50, "wrong_abstain": 0.10, "latency_ms_median": 30.0,
                   "citation_valid": 1.0, "abstain_precision": None}}
NEW = {"summary": {"n": 12, "hit": 0.55, "f1": 0.52, "wrong_abstain": 0.15, "latency_ms_median": 31.0,
                   "citation_valid": 1.0, "abstain_precision": 0.5}}


def test_compare_marks_only_worse_metrics():
    rows = {r["metric"]: r for r in ev.compare_reports(NEW, OLD)}
    assert rows["hit"]["delta"] == pytest.approx(-0.05) and rows["hit"]["worse"]
    assert rows["wrong_abstain"]["worse"]  # a ceiling metric: higher is worse
    assert not rows["f1"]["worse"] and not rows["n"]["worse"] and not rows["citation_valid"]["worse"]
    assert not rows["latency_ms_median"]["worse"]  # within the latency tolerance
    assert rows["abstain_precision"]["delta"] is None and not rows["abstain_precision"]["worse"]
    text = ev.format_comparison(list(rows.values()))
    assert "hit" in text and "-0.0500" in text and "<< WORSE" in text
    assert "2 metric(s) worse: hit, wrong_abstain" in text


def test_compare_flat_squad_reports():
    rows = {r["metric"]: r for r in ev.compare_reports({"exact": 40.0, "f1": 60.0, "total": 22, "calibration": {}},
                                                       {"exact": 45.0, "f1": 55.0, "total": 20})}
    assert rows["exact"]["worse"] and not rows["f1"]["worse"] and not rows["total"]["worse"]
    assert "calibration" not in rows


def test_load_floors_forms(tmp_path):
    path = tmp_path / "floors.json"
    path.write_text(json.dumps({"_comment": "x", "hit": 0.5, "wrong_abstain": {"max": 0.2},
                                "f1": {"min": 0.3, "max": 0.9}, "ceilings": {"latency_ms_p95": 500}}))
    floors = ev.load_floors(path)
    assert floors == {"hit": {"min": 0.5}, "wrong_abstain": {"max": 0.2}, "f1": {"min": 0.3, "max": 0.9},
                      "latency_ms_p95": {"max": 500.0}}


@pytest.mark.parametrize("content, message", [
    ('{"hit": "high"}', "min of 'hit' must be a number"),
    ('{"hit": {"least": 0.3}}', "'hit' takes a number"),
    ("[1, 2]", "expected a JSON object"),
    ("{oops", "not a readable JSON file"),
])
def test_load_floors_errors(tmp_path, content, message):
    path = tmp_path / "floors.json"
    path.write_text(content)
    with pytest.raises(ValueError, match=message):
        ev.load_floors(path)


def test_check_floors_lists_every_broken_floor():
    floors = {"hit": {"min": 0.58}, "f1": {"min": 0.5}, "wrong_abstain": {"max": 0.12}, "mrr": {"min": 0.1}}
    failures = ev.check_floors(NEW, floors)
    assert failures == ["hit = 0.5500 is below its floor 0.5800",
                        "wrong_abstain = 0.1500 is above its ceiling 0.1200",
                        "mrr: missing from the report (no such metric, or no question it applies to)"]
    assert ev.check_floors(OLD, {"hit": {"min": 0.6}, "wrong_abstain": {"max": 0.1}}) == []


def _write(tmp_path, name, data) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return str(path)


def test_cli_floors_exit_code_and_message(tmp_path, capsys):
    report = _write(tmp_path, "report.json", NEW)
    floors = _write(tmp_path, "floors.json", {"hit": 0.58, "f1": 0.5, "wrong_abstain": {"max": 0.12}})
    assert main(["eval", "--report", report, "--floors", floors]) == 1
    err = capsys.readouterr().err
    assert "2 of 3 floors broken" in err
    assert "hit = 0.5500 is below its floor 0.5800" in err and "wrong_abstain = 0.1500 is above its ceiling" in err
    ok = _write(tmp_path, "ok.json", {"hit": 0.5, "wrong_abstain": {"max": 0.2}})
    assert main(["eval", "--report", report, "--floors", ok]) == 0
    assert "all 2 floors" in capsys.readouterr().out


def test_cli_compare_prints_deltas(tmp_path, capsys):
    new, old = _write(tmp_path, "new.json", NEW), _write(tmp_path, "old.json", OLD)
    assert main(["eval", "--report", new, "--compare", old]) == 0
    out = capsys.readouterr().out
    assert "hit" in out and "0.5500" in out and "0.6000" in out and "-0.0500" in out and "<< WORSE" in out


def test_cli_bad_floors_file_is_a_clear_error(tmp_path, capsys):
    report = _write(tmp_path, "report.json", NEW)
    assert main(["eval", "--report", report, "--floors", str(tmp_path / "missing.json")]) == 1
    assert "floors file" in capsys.readouterr().err


def test_floors_file_is_well_formed():
    floors = ev.load_floors(ROOT / "eval" / "floors.json")
    for metric in ("hit", "f1_answerable", "citation_valid", "first_citation_supporting", "multi_source_recall",
                   "abstain_unanswerable"):
        assert "min" in floors[metric], metric
    assert "max" in floors["wrong_abstain"]


# ---------------------------------------------------------------------------------------------------
# The gold path end to end on the small corpus.

TINY_GOLD = [
    {"id": "t1", "question": "How much did the library cost?", "answers": ["$14 million"], "doc_ids": ["library_opening"],
     "type": "number", "history": [], "split": "dev"},
    {"id": "t2", "question": "How many workers were treated for smoke inhalation?", "answers": ["12", "At least 12"],
     "doc_ids": ["harbor_fire", "harbor_followup"], "type": "number", "history": [], "split": "dev"},
    {"id": "t3", "question": "How old is he?", "answers": ["58"], "doc_ids": ["harbor_followup"], "type": "follow-up",
     "history": ["Who is the mayor of Port Ellis?"], "split": "test"},
    {"id": "t4", "question": "Who won the 1998 chess championship in Oslo?", "answers": [], "doc_ids": [],
     "type": "unanswerable", "history": [], "split": "test"},
]


@pytest.mark.model
def test_gold_path_end_to_end(tmp_path, small_index, embedder, capsys):
    from qa.cli import build_parser
    from qa.evalcli import run_eval

    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(row) + "\n" for row in TINY_GOLD))
    out = tmp_path / "reports"
    args = build_parser().parse_args(["eval", "--gold", str(gold), "--index", str(small_index), "--out", str(out), "-q"])
    assert run_eval(args, embedder=embedder) == 0
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert {"summary", "baseline", "by_type", "by_article", "worst", "calibration", "settings", "command"} <= set(report)
    s = report["summary"]
    assert s["n"] == 4 and s["answerable"] == 3 and s["unanswerable"] == 1
    for key in ("em", "f1", "f1_answerable", "f1_unanswerable", "hit", "sentence_hit", "recall@1", "recall@5", "mrr",
                "citation_valid", "abstain_unanswerable", "abstain_recall", "wrong_abstain", "latency_ms_median",
                "latency_ms_p95", "best_abstain_threshold"):
        assert key in s, key
    assert report["baseline"]["n"] == 4
    assert set(report["by_type"]) == {"number", "follow-up", "unanswerable"}
    assert "library_opening" in report["by_article"]
    library = next(q for q in report["questions"] if q["id"] == "t1")
    assert library["hit"] == 1.0 and not library["abstained"]
    assert library["cited"] and library["cited"][0] == "library_opening" and library["first_citation_supporting"] == 1.0
    assert s["citation_valid"] == 1.0
    cal = report["calibration"]
    assert set(cal) >= {"thresholds", "f1", "best_threshold", "current_threshold"}
    assert len(cal["thresholds"]) == len(cal["f1"]) >= 2
    assert report["settings"] and report["command"].startswith("qa eval --gold")
    assert (out / "calibration.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "## Summary" in (out / "report.md").read_text(encoding="utf-8")
    printed = capsys.readouterr().out
    assert "baseline" in printed and "f1_answerable" in printed

    # A second run compared with the first: same answers, so nothing but latency may move.
    again = build_parser().parse_args(["eval", "--gold", str(gold), "--index", str(small_index), "--out", str(out),
                                       "--compare", str(out / "report.json"), "--no-baseline", "-q"])
    assert run_eval(again, embedder=embedder) == 0
    changes = capsys.readouterr().out
    assert "change against" in changes and "f1_answerable" in changes
    assert "baseline" not in json.loads((out / "report.json").read_text(encoding="utf-8"))


@pytest.mark.model
def test_gold_path_warns_about_unknown_doc_ids_and_empty_split(tmp_path, small_index, embedder, capsys):
    from qa.cli import build_parser
    from qa.evalcli import run_eval

    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({**TINY_GOLD[0], "doc_ids": ["no_such_article"]}) + "\n")
    argv = ["eval", "--gold", str(gold), "--index", str(small_index), "--out", str(tmp_path / "r"), "-q", "--no-baseline"]
    assert run_eval(build_parser().parse_args(argv), embedder=embedder) == 0
    assert "'no_such_article'" in capsys.readouterr().err
    with pytest.raises(ev.GoldError, match="no questions in split 'test'"):
        run_eval(build_parser().parse_args(argv + ["--split", "test"]), embedder=embedder)


@pytest.mark.parametrize(("recorded", "flag", "expected"), [
    ("onnx-int8", None, "onnx-int8"),  # the index's own backend: another would rebuild it or embed unlike it
    ("onnx-int8", "torch", "torch"),  # --backend wins
    ("torch", None, "onnx"),  # torch and onnx serve each other's indexes: the default of the two
    (None, None, None),  # no index yet: the default ($QA_BACKEND, else onnx with the onnx extra, else torch)
])
def test_gold_path_embeds_with_the_backend_of_the_index(tmp_path, monkeypatch, recorded, flag, expected):
    import qa.embedding
    from qa.cli import build_parser
    from qa.evalcli import run_eval

    class Stop(Exception):
        pass

    asked = []

    def fake_embedder(backend=None, **kwargs):
        asked.append(backend)
        raise Stop  # what the embedder is made with is all this test reads

    monkeypatch.setattr(qa.embedding, "Embedder", fake_embedder)
    monkeypatch.setattr(qa.embedding, "default_backend", lambda: "onnx")
    monkeypatch.delenv("QA_BACKEND", raising=False)
    index = tmp_path / "index"
    if recorded:
        index.mkdir()
        (index / "manifest.json").write_text(json.dumps({"backend": recorded, "corpus_dir": ""}))
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(TINY_GOLD[0]) + "\n")
    argv = ["eval", "--gold", str(gold), "--index", str(index), "--out", str(tmp_path / "r"), "-q"]
    with pytest.raises(Stop):
        run_eval(build_parser().parse_args(argv + (["--backend", flag] if flag else [])))
    assert asked == [expected]
