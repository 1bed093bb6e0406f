"""The evaluation runner: ask every gold question, score answers, citations, retrieval and abstention."""

from __future__ import annotations

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


def load_gold(path: Path, split: str | None = None) -> list[GoldItem]:
    """Read a gold JSONL file (see eval/README.md).

    Raises:
        GoldError: a line is not JSON or lacks a field.
    """
    items = []
    path = Path(path)
    if not path.exists():
        raise GoldError(f"gold file {path} does not exist")
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{path}:{n}: not JSON ({exc.msg})") from None
        missing = [f for f in GOLD_FIELDS if f not in row]
        if missing:
            raise GoldError(f"{path}:{n}: missing field(s) {', '.join(missing)}")
        item = GoldItem(str(row["id"]), row["question"], tuple(row["answers"]), tuple(row["doc_ids"]),
                        row.get("type", ""), tuple(row.get("history", ())), row.get("split", ""))
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
    """Averages of every per-question score, plus counts and latency."""
    keys = sorted({k for r in records for k in r.scores})
    summary: dict = {"n": len(records), "answerable": sum(r.item.answerable for r in records)}
    summary["unanswerable"] = summary["n"] - summary["answerable"]
    for k in keys:
        summary[k] = _mean([r.scores[k] for r in records if k in r.scores])
    answerable = [r for r in records if r.item.answerable]
    summary["em_answerable"] = _mean([r.scores["em"] for r in answerable])
    summary["f1_answerable"] = _mean([r.scores["f1"] for r in answerable])
    latencies = [r.latency_ms for r in records]
    summary["latency_ms_median"] = round(metrics.percentile(latencies, 50), 2)
    summary["latency_ms_p95"] = round(metrics.percentile(latencies, 95), 2)
    return summary


def run(assistant: Assistant, items: list[GoldItem], progress: bool = False) -> list[Record]:
    """Ask every gold question and score it."""
    texts = {d.source: d.text for d in assistant.index.documents.values()}
    records = []
    iterator = items
    if progress:
        from tqdm import tqdm

        iterator = tqdm(items, desc="questions", unit="q")
    for item in iterator:
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
    return {k: {m: v for m, v in summarise(rs).items() if m in ("n", "hit", "f1", "em", "abstained",
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
