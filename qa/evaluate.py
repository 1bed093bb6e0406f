"""The evaluation runner: ask every gold question, score answers, citations, retrieval, abstention and calibration."""

from __future__ import annotations

import bisect
import json
import logging
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from . import metrics
from .pipeline import Assistant
from .types import Answer

logger = logging.getLogger(__name__)

GOLD_FIELDS = ("id", "question", "answers", "doc_ids")
#: Abstain threshold of the "would-be" assistant used for calibration: low enough that it never abstains.
NEVER_ABSTAIN = -1e9


def read_json_object(path, what: str) -> dict:
    """A JSON file holding one object (a report, a floors file).

    Raises:
        ValueError: missing, unreadable, or not an object; the message names ``what`` and the path.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"{what} {path} does not exist") from None
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"{what} {path} is not a readable JSON file ({exc})") from None
    if not isinstance(data, dict):
        raise ValueError(f"{what} {path}: expected a JSON object")
    return data


class GoldError(ValueError):
    """A gold file that cannot be used; the message names the line."""


@dataclass(frozen=True)
class GoldItem:
    id: str
    question: str
    answers: tuple[str, ...]
    doc_ids: tuple[str, ...]
    type: str = ""
    history: tuple[str, ...] = ()
    split: str = ""

    @property
    def answerable(self) -> bool:
        return bool(self.answers)


def _string_list(row: dict, name: str, where: str) -> tuple[str, ...]:
    value = row.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise GoldError(f"{where}: '{name}' must be a list of strings, got {value!r}")
    return tuple(value)


def load_gold(path: Path, split: str | None = None) -> list[GoldItem]:
    """Read a gold JSONL file (see eval/README.md).

    Args:
        path: the JSONL file, one question per line.
        split: keep only this split ("dev", "test"); None, "" or "all" keep every line.

    Raises:
        GoldError: the file is missing, a line is not a JSON object, lacks a field, has a field of the
            wrong type, or repeats an id (the message names the line).
    """
    items = []
    path = Path(path)
    if not path.exists():
        raise GoldError(f"gold file {path} does not exist")
    seen: dict[str, int] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{where}: not JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise GoldError(f"{where}: a line must be a JSON object, got {type(row).__name__}")
        missing = [f for f in GOLD_FIELDS if f not in row]
        if missing:
            raise GoldError(f"{where}: missing field(s) {', '.join(missing)}")
        if not isinstance(row["question"], str) or not row["question"].strip():
            raise GoldError(f"{where}: 'question' must be a non-empty string, got {row['question']!r}")
        qid = str(row["id"])
        if qid in seen:
            raise GoldError(f"{where}: id {qid!r} already used on line {seen[qid]}; ids must be unique")
        seen[qid] = n
        item = GoldItem(qid, row["question"], _string_list(row, "answers", where), _string_list(row, "doc_ids", where),
                        str(row.get("type", "") or ""), _string_list(row, "history", where), str(row.get("split", "") or ""))
        if split in (None, "", "all") or item.split == split:
            items.append(item)
    return items


@dataclass
class Record:
    """One gold question with the answer given and its scores."""

    item: GoldItem
    answer: Answer
    latency_ms: float
    ranked_docs: list[str]
    scores: dict[str, float] = field(default_factory=dict)


def score_record(rec: Record, texts: dict[str, str] | None = None) -> dict[str, float]:
    """Per-question scores; keys absent when they do not apply to this question."""
    item, ans = rec.item, rec.answer
    cites = [c.to_dict() for c in ans.citations]
    s: dict[str, float] = {
        "em": metrics.exact_match(ans.answer, item.answers),
        "f1": metrics.token_f1(ans.answer, item.answers),
        "abstained": float(ans.abstained),
    }
    if cites:
        s["citation_valid"] = float(all(metrics.citation_valid(c, texts) for c in cites))
    if item.answerable:
        s["hit"] = metrics.answer_hit(ans.answer, item.answers) if not ans.abstained else 0.0
        s["sentence_hit"] = metrics.answer_hit(ans.sentence, item.answers) if not ans.abstained else 0.0
        s["wrong_abstain"] = float(ans.abstained)
        s["recall@1"] = metrics.recall_at_k(rec.ranked_docs, item.doc_ids, 1)
        s["recall@5"] = metrics.recall_at_k(rec.ranked_docs, item.doc_ids, 5)
        s["mrr"] = metrics.reciprocal_rank(rec.ranked_docs, item.doc_ids)
        if not ans.abstained and cites:
            s["first_citation_supporting"] = float(cites[0]["doc_id"] in item.doc_ids)
            precision, recall = metrics.precision_recall({c["doc_id"] for c in cites}, item.doc_ids)
            s["citation_precision"] = precision
            s["citation_recall"] = recall
            if len(item.doc_ids) > 1:
                s["multi_source_recall"] = recall
    else:
        s["abstain_unanswerable"] = float(ans.abstained)
    return s


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def summarise(records: list[Record]) -> dict:
    """Averages of every per-question score, plus counts, abstention precision/recall and latency."""
    keys = sorted({k for r in records for k in r.scores})
    summary: dict = {"n": len(records), "answerable": sum(r.item.answerable for r in records)}
    summary["unanswerable"] = summary["n"] - summary["answerable"]
    for k in keys:
        summary[k] = _mean([r.scores[k] for r in records if k in r.scores])
    answerable = [r for r in records if r.item.answerable]
    unanswerable = [r for r in records if not r.item.answerable]
    summary["em_answerable"] = _mean([r.scores["em"] for r in answerable])
    summary["f1_answerable"] = _mean([r.scores["f1"] for r in answerable])
    summary["em_unanswerable"] = _mean([r.scores["em"] for r in unanswerable])
    summary["f1_unanswerable"] = _mean([r.scores["f1"] for r in unanswerable])
    # Abstention as a detector of unanswerable questions.
    summary["abstain_precision"] = _mean([float(not r.item.answerable) for r in records if r.answer.abstained])
    summary["abstain_recall"] = _mean([float(r.answer.abstained) for r in unanswerable])
    latencies = [r.latency_ms for r in records]
    summary["latency_ms_median"] = round(metrics.percentile(latencies, 50), 2)
    summary["latency_ms_p95"] = round(metrics.percentile(latencies, 95), 2)
    return summary


def _progress(items, desc: str, progress: bool):
    if not progress:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=desc, unit="q")


def run(assistant: Assistant, items: list[GoldItem], progress: bool = False, desc: str = "questions") -> list[Record]:
    """Ask every gold question (with its history) and score it."""
    texts = {d.source: d.text for d in assistant.index.documents.values()}
    records = []
    for item in _progress(items, desc, progress):
        started = time.perf_counter()
        answer = assistant.ask(item.question, list(item.history))
        latency = (time.perf_counter() - started) * 1000
        ranked = list(dict.fromkeys(h.chunk.doc_id for h in assistant.retriever.search(answer.rewritten_question or item.question, 10)))
        rec = Record(item, answer, latency, ranked)
        rec.scores = score_record(rec, texts)
        records.append(rec)
    return records


def breakdown(records: list[Record], key) -> dict[str, dict]:
    """Summaries per group (question type, article)."""
    groups: dict[str, list[Record]] = defaultdict(list)
    for r in records:
        for k in key(r):
            groups[k].append(r)
    return {k: {m: v for m, v in summarise(rs).items() if m in ("n", "hit", "sentence_hit", "f1", "em", "abstained",
                                                                  "abstain_unanswerable", "wrong_abstain")}
            for k, rs in sorted(groups.items())}


def worst(records: list[Record], n: int = 15) -> list[dict]:
    """The questions answered worst, with what was answered."""
    ranked = sorted(records, key=lambda r: (r.scores.get("hit", r.scores.get("abstain_unanswerable", 0)), r.scores["f1"]))
    return [
        {"id": r.item.id, "type": r.item.type, "question": r.item.question, "rewritten": r.answer.rewritten_question,
         "gold": list(r.item.answers[:3]), "answer": r.answer.answer, "abstained": r.answer.abstained,
         "score": r.answer.score, "sentence": r.answer.sentence[:200], "f1": r.scores["f1"]}
        for r in ranked[:n]
    ]


def report(records: list[Record], baseline: list[Record] | None = None, extra: dict | None = None) -> dict:
    """The full JSON report: summary, baseline row, breakdowns, worst questions."""
    out = {"summary": summarise(records)}
    if baseline is not None:
        out["baseline"] = summarise(baseline)
    out["by_type"] = breakdown(records, lambda r: [r.item.type or "untyped"])
    out["by_article"] = breakdown(records, lambda r: list(r.item.doc_ids) or ["(none)"])
    out["worst"] = worst(records)
    if extra:
        out.update(extra)
    return out


# ---------------------------------------------------------------------------------------------------
# Calibration: what F1 would each abstain threshold give?

def sweep_thresholds(points: list[tuple[float, float, float]], current: float) -> dict:
    """F1 against the abstain threshold (answer when score >= threshold).

    Args:
        points: per question, (score of the would-be answer, its F1, F1 of abstaining).
        current: the threshold in use.

    Returns:
        {"thresholds", "f1", "answered"} (one point per distinct score, ascending, plus one above the highest
        score where everything is abstained), "best_threshold" (the current one when it is already best,
        else the middle of the best interval), "best_f1", "best_range" (lo exclusive, hi inclusive),
        "current_threshold", "current_f1".
    """
    out: dict = {"thresholds": [], "f1": [], "answered": [], "best_threshold": None, "best_f1": None,
                 "best_range": None, "current_threshold": current, "current_f1": None}
    n = len(points)
    if not n:
        return out
    scores = sorted({p[0] for p in points})
    order = sorted(points, key=lambda p: p[0], reverse=True)
    total, count, i = sum(p[2] for p in points), 0, 0
    f1_desc, answered_desc = [total / n], [0.0]  # the last point: above every score, nothing answered
    for s in reversed(scores):
        while i < n and order[i][0] >= s:
            total += order[i][1] - order[i][2]
            count, i = count + 1, i + 1
        f1_desc.append(total / n)
        answered_desc.append(count / n)
    thresholds = scores + [round(scores[-1] + 0.01, 4)]
    f1 = f1_desc[::-1]
    answered = answered_desc[::-1]

    def interval(j: int) -> tuple[float | None, float | None]:
        return (thresholds[j - 1] if j else None), (thresholds[j] if j < len(thresholds) - 1 else None)

    def distance(j: int) -> float:
        lo, hi = interval(j)
        if lo is not None and current <= lo:
            return lo - current
        if hi is not None and current > hi:
            return current - hi
        return 0.0

    top = max(f1)
    j = min((k for k, v in enumerate(f1) if v >= top - 1e-12), key=distance)
    lo, hi = interval(j)
    if distance(j) == 0.0:
        best = current
    elif lo is not None and hi is not None:
        best = (lo + hi) / 2
    else:
        best = thresholds[j]
    cur = min(bisect.bisect_left(thresholds, current), len(thresholds) - 1)
    out.update({"thresholds": [round(t, 4) for t in thresholds], "f1": [round(v, 4) for v in f1],
                "answered": [round(v, 4) for v in answered], "best_threshold": round(best, 4),
                "best_f1": round(top, 4), "best_range": [lo, hi], "current_f1": round(f1[cur], 4)})
    return out


def abstain_threshold(assistant: Assistant) -> float:
    """The threshold the assistant abstains below: its settings', else its reader model's own.

    Raises:
        ValueError: neither is set.
    """
    threshold = assistant.settings.abstain_threshold
    if threshold is None:
        threshold = getattr(getattr(assistant.reader, "model", None), "threshold", None)
    if threshold is None:
        raise ValueError("the assistant has no abstain threshold (settings.abstain_threshold and the reader's "
                         "model threshold are both unset); set ReaderSettings.abstain_threshold")
    return float(threshold)


def uncapped(assistant: Assistant) -> Assistant:
    """An assistant sharing index and model that never abstains on a weak answer (its would-be answers)."""
    return Assistant(assistant.index, assistant.embedder, assistant.settings.replace(abstain_threshold=NEVER_ABSTAIN))


def calibrate(assistant: Assistant, items: list[GoldItem], progress: bool = False) -> tuple[dict, list[Answer]]:
    """Ask every question with abstention switched off and sweep the abstain threshold over the scores."""
    would_be = uncapped(assistant)
    answers = [would_be.ask(item.question, list(item.history)) for item in _progress(items, "calibration", progress)]
    points = [(a.score, metrics.token_f1(a.answer, item.answers), metrics.token_f1("", item.answers))
              for a, item in zip(answers, items)]
    return sweep_thresholds(points, abstain_threshold(assistant)), answers


def evaluate_gold(assistant: Assistant, items: list[GoldItem], baseline: bool = True, calibration: bool = True,
                  progress: bool = False) -> dict:
    """Everything ``qa eval`` reports on a gold set: summary, baseline, breakdowns, worst, calibration."""
    if items:  # load the model and warm caches outside the timed questions
        assistant.warm_up()
        assistant.ask("What is this warm-up question about?")  # not a gold question: no cached answer is timed
    records = run(assistant, items, progress=progress, desc="qa")
    extra: dict = {}
    if calibration:
        cal, would_be = calibrate(assistant, items, progress=progress)
        extra["calibration"] = cal
        extra["questions"] = [
            {"id": r.item.id, "type": r.item.type, "answer": r.answer.answer, "abstained": r.answer.abstained,
             "score": r.answer.score, "would_be": w.answer, "would_be_score": w.score,
             "f1": round(r.scores["f1"], 4), "hit": r.scores.get("hit"),
             "cited": [c.doc_id for c in r.answer.citations],
             "first_citation_supporting": r.scores.get("first_citation_supporting"),
             "multi_source_recall": r.scores.get("multi_source_recall")}
            for r, w in zip(records, would_be)
        ]
    base = None
    if baseline:
        reader = Assistant(assistant.index, assistant.embedder, assistant.settings, reader="baseline")
        base = run(reader, items, progress=progress, desc="baseline")
    out = report(records, base, extra)
    if calibration:
        out["summary"]["best_abstain_threshold"] = out["calibration"]["best_threshold"]
        out["summary"]["f1_at_best_threshold"] = out["calibration"]["best_f1"]
    out["settings"] = assistant.settings.to_dict()
    return out


# ---------------------------------------------------------------------------------------------------
# Comparing reports and checking floors.

#: Counts and settings: reported, never "worse".
NEUTRAL = {"n", "answerable", "unanswerable", "abstained", "best_abstain_threshold", "total", "HasAns_total",
           "NoAns_total", "best_exact_thresh", "best_f1_thresh", "best_exact_thresh_score", "best_f1_thresh_score",
           "answered", "n_documents", "n_paragraphs", "misaligned_answers", "seconds", "index_seconds"}
LOWER_IS_BETTER = {"wrong_abstain", "latency_ms_median", "latency_ms_p95"}
#: Latency is noisy: slower counts as worse only beyond this relative change.
LATENCY_TOLERANCE = 0.10


def report_metrics(report_: dict) -> dict[str, float | None]:
    """The scalar metrics of a report: its "summary", or the top level (SQuAD reports)."""
    source = report_.get("summary") if isinstance(report_.get("summary"), dict) else report_
    return {k: v for k, v in source.items() if v is None or (isinstance(v, (int, float)) and not isinstance(v, bool))}


def _worse(metric: str, new: float, old: float) -> bool:
    if metric in NEUTRAL:
        return False
    if metric.startswith("latency"):
        return new > old * (1 + LATENCY_TOLERANCE)
    if metric in LOWER_IS_BETTER:
        return new > old + 1e-9
    return new < old - 1e-9


def compare_reports(new: dict, old: dict) -> list[dict]:
    """One row per metric of either report: metric, new, old, delta (new - old), worse."""
    a, b = report_metrics(new), report_metrics(old)
    rows = []
    for metric in list(a) + [k for k in b if k not in a]:
        x, y = a.get(metric), b.get(metric)
        both = x is not None and y is not None
        rows.append({"metric": metric, "new": x, "old": y, "delta": round(x - y, 4) if both else None,
                     "worse": both and _worse(metric, x, y)})
    return rows


def _fmt(v) -> str:
    return "n/a" if v is None else (f"{v:.4f}" if isinstance(v, float) else str(v))


def format_comparison(rows: list[dict]) -> str:
    """A table of compare_reports rows; worse metrics are marked "<< WORSE"."""
    width = max([len(r["metric"]) for r in rows] + [6])
    lines = [f"{'metric':<{width}}  {'new':>10}  {'old':>10}  {'delta':>10}"]
    for r in rows:
        d = r["delta"]
        delta = "n/a" if d is None else (f"{d:+d}" if isinstance(d, int) else f"{d:+.4f}")
        mark = "  << WORSE" if r["worse"] else ""
        lines.append(f"{r['metric']:<{width}}  {_fmt(r['new']):>10}  {_fmt(r['old']):>10}  {delta:>10}{mark}")
    worse = [r["metric"] for r in rows if r["worse"]]
    lines.append(f"{len(worse)} metric(s) worse: {', '.join(worse)}" if worse else "no metric is worse")
    return "\n".join(lines)


def load_floors(path: Path) -> dict[str, dict[str, float]]:
    """Read a floors file (see eval/README.md) as {metric: {"min": x} and/or {"max": y}}.

    Raises:
        ValueError: not a JSON object, or a bound that is not a number (the message names the metric).
    """
    raw = read_json_object(path, "floors file")
    bounds: dict[str, dict[str, float]] = {}

    def add(metric: str, kind: str, value) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"{path}: {kind} of {metric!r} must be a number, got {value!r}")
        bounds.setdefault(metric, {})[kind] = float(value)

    for key, value in raw.items():
        if key.startswith("_"):
            continue
        if key in ("floors", "ceilings") and isinstance(value, dict):
            for metric, v in value.items():
                add(metric, "min" if key == "floors" else "max", v)
        elif isinstance(value, dict):
            unknown = set(value) - {"min", "max"}
            if unknown or not value:
                raise ValueError(f"{path}: {key!r} takes a number, or {{\"min\": x}} / {{\"max\": x}}, got {value!r}")
            for kind, v in value.items():
                add(key, kind, v)
        else:
            add(key, "min", value)
    return bounds


def check_floors(report_: dict, floors: dict[str, dict[str, float]]) -> list[str]:
    """Every floor (or ceiling) a report breaks, one readable line each; empty when all hold."""
    values = report_metrics(report_)
    failures = []
    for metric, bound in floors.items():
        value = values.get(metric)
        if value is None:
            failures.append(f"{metric}: missing from the report (no such metric, or no question it applies to)")
            continue
        if "min" in bound and value < bound["min"]:
            failures.append(f"{metric} = {value:.4f} is below its floor {bound['min']:.4f}")
        if "max" in bound and value > bound["max"]:
            failures.append(f"{metric} = {value:.4f} is above its ceiling {bound['max']:.4f}")
    return failures
