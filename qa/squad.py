"""SQuAD v2.0: its contexts become a corpus, every question is asked, and the official evaluation scores it.

The scoring functions (``normalize_answer`` to ``evaluate``) follow the official ``evaluate-v2.0.py``
line for line: SQuAD normalisation, the best score over the gold answers, a question whose gold answers
all normalise to nothing counts as no-answer (gold ``""``), the HasAns/NoAns split, and the best no-answer
probability threshold. Scores are on SQuAD's 0-100 scale.
"""

from __future__ import annotations

import collections
import json
import logging
import math
import re
import string
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger(__name__)

#: Width of the logistic that turns a confidence score into a no-answer probability:
#: ``p = 1 / (1 + exp((score - abstain_threshold) / NA_PROB_SCALE))``, so p = 0.5 at the threshold and
#: falls as the score rises. 0.1 maps scores 0.3 either side of the threshold to about 0.05 and 0.95.
NA_PROB_SCALE = 0.1
#: Questions whose vectors are computed in one model call.
BATCH_SIZE = 256


# ---------------------------------------------------------------------------------------------------
# The official evaluation (evaluate-v2.0.py), over the file's ``data`` list.

def normalize_answer(s: str) -> str:
    """Lower text and remove punctuation, articles and extra whitespace."""
    def remove_articles(text):
        return re.sub(re.compile(r"\b(a|an|the)\b", re.UNICODE), " ", text)

    def white_space_fix(text):
        return " ".join(text.split())

    def remove_punc(text):
        exclude = set(string.punctuation)
        return "".join(ch for ch in text if ch not in exclude)

    return white_space_fix(remove_articles(remove_punc(s.lower())))


def get_tokens(s: str) -> list[str]:
    if not s:
        return []
    return normalize_answer(s).split()


def compute_exact(a_gold: str, a_pred: str) -> int:
    return int(normalize_answer(a_gold) == normalize_answer(a_pred))


def compute_f1(a_gold: str, a_pred: str) -> float:
    gold_toks, pred_toks = get_tokens(a_gold), get_tokens(a_pred)
    common = collections.Counter(gold_toks) & collections.Counter(pred_toks)
    num_same = sum(common.values())
    if len(gold_toks) == 0 or len(pred_toks) == 0:
        # If either is no-answer, then F1 is 1 if they agree, 0 otherwise.
        return int(gold_toks == pred_toks)
    if num_same == 0:
        return 0
    precision = 1.0 * num_same / len(pred_toks)
    recall = 1.0 * num_same / len(gold_toks)
    return (2 * precision * recall) / (precision + recall)


def make_qid_to_has_ans(dataset: list[dict]) -> dict[str, bool]:
    return {qa["id"]: bool(qa["answers"]) for article in dataset for p in article["paragraphs"] for qa in p["qas"]}


def get_raw_scores(dataset: list[dict], preds: dict[str, str]) -> tuple[dict[str, int], dict[str, float]]:
    exact_scores, f1_scores = {}, {}
    for article in dataset:
        for p in article["paragraphs"]:
            for qa in p["qas"]:
                qid = qa["id"]
                gold_answers = [a["text"] for a in qa["answers"] if normalize_answer(a["text"])]
                if not gold_answers:
                    gold_answers = [""]  # for unanswerable questions, the only correct answer is the empty string
                if qid not in preds:
                    logger.warning("missing prediction for %s", qid)
                    continue
                a_pred = preds[qid]
                exact_scores[qid] = max(compute_exact(a, a_pred) for a in gold_answers)
                f1_scores[qid] = max(compute_f1(a, a_pred) for a in gold_answers)
    return exact_scores, f1_scores


def apply_no_ans_threshold(scores: dict, na_probs: dict, qid_to_has_ans: dict, na_prob_thresh: float) -> dict:
    new_scores = {}
    for qid, s in scores.items():
        pred_na = na_probs[qid] > na_prob_thresh
        new_scores[qid] = float(not qid_to_has_ans[qid]) if pred_na else s
    return new_scores


def make_eval_dict(exact_scores: dict, f1_scores: dict, qid_list: list[str] | None = None) -> dict:
    if not qid_list:
        total = len(exact_scores)
        return collections.OrderedDict([
            ("exact", 100.0 * sum(exact_scores.values()) / total),
            ("f1", 100.0 * sum(f1_scores.values()) / total),
            ("total", total),
        ])
    total = len(qid_list)
    return collections.OrderedDict([
        ("exact", 100.0 * sum(exact_scores[k] for k in qid_list) / total),
        ("f1", 100.0 * sum(f1_scores[k] for k in qid_list) / total),
        ("total", total),
    ])


def merge_eval(main_eval: dict, new_eval: dict, prefix: str) -> None:
    for k in new_eval:
        main_eval[f"{prefix}_{k}"] = new_eval[k]


def find_best_thresh(preds: dict, scores: dict, na_probs: dict, qid_to_has_ans: dict) -> tuple[float, float]:
    num_no_ans = sum(1 for k in qid_to_has_ans if not qid_to_has_ans[k])
    cur_score = best_score = num_no_ans
    best_thresh = 0.0
    for qid in sorted(na_probs, key=lambda k: na_probs[k]):
        if qid not in scores:
            continue
        if qid_to_has_ans[qid]:
            diff = scores[qid]
        else:
            diff = -1 if preds[qid] else 0
        cur_score += diff
        if cur_score > best_score:
            best_score, best_thresh = cur_score, na_probs[qid]
    return 100.0 * best_score / len(scores), best_thresh


def find_all_best_thresh(main_eval, preds, exact_raw, f1_raw, na_probs, qid_to_has_ans) -> None:
    best_exact, exact_thresh = find_best_thresh(preds, exact_raw, na_probs, qid_to_has_ans)
    best_f1, f1_thresh = find_best_thresh(preds, f1_raw, na_probs, qid_to_has_ans)
    main_eval["best_exact"], main_eval["best_exact_thresh"] = best_exact, exact_thresh
    main_eval["best_f1"], main_eval["best_f1_thresh"] = best_f1, f1_thresh


def evaluate(dataset: list[dict], preds: dict[str, str], na_probs: dict[str, float] | None = None,
             na_prob_thresh: float = 1.0) -> dict:
    """The official SQuAD v2.0 scores of predictions (and best thresholds when ``na_probs`` is given)."""
    given = na_probs is not None
    na_probs = na_probs if given else {k: 0.0 for k in preds}
    qid_to_has_ans = make_qid_to_has_ans(dataset)
    has_ans_qids = [k for k, v in qid_to_has_ans.items() if v]
    no_ans_qids = [k for k, v in qid_to_has_ans.items() if not v]
    exact_raw, f1_raw = get_raw_scores(dataset, preds)
    exact_thresh = apply_no_ans_threshold(exact_raw, na_probs, qid_to_has_ans, na_prob_thresh)
    f1_thresh = apply_no_ans_threshold(f1_raw, na_probs, qid_to_has_ans, na_prob_thresh)
    out_eval = make_eval_dict(exact_thresh, f1_thresh)
    if has_ans_qids:
        merge_eval(out_eval, make_eval_dict(exact_thresh, f1_thresh, qid_list=has_ans_qids), "HasAns")
    if no_ans_qids:
        merge_eval(out_eval, make_eval_dict(exact_thresh, f1_thresh, qid_list=no_ans_qids), "NoAns")
    if given:
        find_all_best_thresh(out_eval, preds, exact_raw, f1_raw, na_probs, qid_to_has_ans)
    return dict(out_eval)


# ---------------------------------------------------------------------------------------------------
# Reading a SQuAD file and turning its contexts into a corpus.

class SquadError(ValueError):
    """A SQuAD file that cannot be used; the message names the place in the file."""


@dataclass(frozen=True)
class SquadQuestion:
    """One question; ``starts`` are the gold answers' offsets in its document (not its paragraph)."""

    id: str
    question: str
    answers: tuple[str, ...]
    starts: tuple[int, ...]
    doc_id: str
    is_impossible: bool


@dataclass
class SquadCorpus:
    """Documents (one per title, paragraphs joined by a blank line) and the questions, with offset maps."""

    texts: dict[str, str] = field(default_factory=dict)  # doc id (file stem) -> text
    titles: dict[str, str] = field(default_factory=dict)  # doc id -> SQuAD title
    paragraphs: list[tuple[str, int]] = field(default_factory=list)  # paragraph i -> (doc id, start in doc)
    questions: list[SquadQuestion] = field(default_factory=list)
    misaligned: list[str] = field(default_factory=list)  # qids whose answer_start does not point at the text


def load_squad(path: Path) -> list[dict]:
    """The ``data`` list of a SQuAD v2.0 file, checked for the fields the evaluation needs.

    Raises:
        SquadError: unreadable, not SQuAD-shaped, or a repeated question id (the message names where).
    """
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SquadError(f"SQuAD file {path} does not exist") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SquadError(f"{path}: not a readable JSON file ({exc})") from None
    data = raw.get("data") if isinstance(raw, dict) else None
    if not isinstance(data, list) or not data:
        raise SquadError(f'{path}: expected {{"version": "v2.0", "data": [...]}} with at least one article')
    seen: set[str] = set()
    for i, article in enumerate(data):
        where = f"{path}: data[{i}]"
        if not isinstance(article, dict) or not isinstance(article.get("paragraphs"), list):
            raise SquadError(f"{where}: needs a 'paragraphs' list")
        for j, para in enumerate(article["paragraphs"]):
            if not isinstance(para, dict) or not isinstance(para.get("context"), str) or not isinstance(para.get("qas"), list):
                raise SquadError(f"{where}.paragraphs[{j}]: needs a 'context' string and a 'qas' list")
            for k, qa in enumerate(para["qas"]):
                at = f"{where}.paragraphs[{j}].qas[{k}]"
                if not isinstance(qa, dict) or not isinstance(qa.get("question"), str) or "id" not in qa:
                    raise SquadError(f"{at}: needs an 'id' and a 'question' string")
                answers = qa.get("answers")
                if not isinstance(answers, list) or not all(
                        isinstance(a, dict) and isinstance(a.get("text"), str) and isinstance(a.get("answer_start"), int)
                        for a in answers):
                    raise SquadError(f"{at} (id {qa['id']!r}): 'answers' must be a list of {{text, answer_start}}")
                if str(qa["id"]) in seen:
                    raise SquadError(f"{at}: question id {qa['id']!r} appears twice; ids must be unique")
                seen.add(str(qa["id"]))
    return data


def safe_stem(title: str, taken: set[str]) -> str:
    """A file-name-safe, unique (case-insensitively) stem for a title."""
    base = re.sub(r"[^A-Za-z0-9_-]+", "_", title).strip("_")[:80] or "article"
    stem, n = base, 2
    while stem.lower() in taken:
        stem, n = f"{base}_{n}", n + 1
    taken.add(stem.lower())
    return stem


def build_corpus(dataset: list[dict]) -> SquadCorpus:
    """One document per title: its paragraphs in order, joined by "\\n\\n", with each paragraph's offset."""
    corpus = SquadCorpus()
    by_title: dict[str, str] = {}
    taken: set[str] = set()
    for i, article in enumerate(dataset):
        title = str(article.get("title") or f"article {i + 1}")
        if title not in by_title:
            by_title[title] = safe_stem(title, taken)
            corpus.titles[by_title[title]] = title
            corpus.texts[by_title[title]] = ""
        doc_id = by_title[title]
        for para in article["paragraphs"]:
            # A lone "\r" would be rewritten when the file is read back; a space keeps every offset.
            context = para["context"].replace("\r", " ")
            offset = len(corpus.texts[doc_id]) + (2 if corpus.texts[doc_id] else 0)
            corpus.texts[doc_id] = (corpus.texts[doc_id] + "\n\n" if corpus.texts[doc_id] else "") + context
            corpus.paragraphs.append((doc_id, offset))
            for qa in para["qas"]:
                texts = tuple(a["text"] for a in qa["answers"])
                starts = tuple(offset + a["answer_start"] for a in qa["answers"])
                if any(context[s - offset: s - offset + len(t)] != t for t, s in zip(texts, starts)):
                    corpus.misaligned.append(str(qa["id"]))
                impossible = bool(qa.get("is_impossible", not texts))
                corpus.questions.append(SquadQuestion(str(qa["id"]), qa["question"], texts, starts, doc_id, impossible))
    return corpus


def write_corpus(corpus: SquadCorpus, folder: Path) -> None:
    """Write one .txt per document; other .txt files in the folder (an older SQuAD file's) are removed."""
    folder.mkdir(parents=True, exist_ok=True)
    wanted = {f"{doc_id}.txt" for doc_id in corpus.texts}
    for old in folder.glob("*.txt"):
        if old.name not in wanted:
            old.unlink()
    for doc_id, text in corpus.texts.items():
        path = folder / f"{doc_id}.txt"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            with open(path, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)


# ---------------------------------------------------------------------------------------------------
# Asking every question.

def na_prob(score: float, threshold: float, scale: float = NA_PROB_SCALE) -> float:
    """No-answer probability of a confidence score: 0.5 at the abstain threshold, falling as the score rises."""
    z = max(-60.0, min(60.0, (score - threshold) / scale))
    return 1.0 / (1.0 + math.exp(z))


def score_threshold(prob: float, threshold: float, scale: float = NA_PROB_SCALE) -> float | None:
    """The score at which ``na_prob`` equals ``prob`` (None when that is infinite)."""
    if prob <= 0.0 or prob >= 1.0:
        return None
    return threshold + scale * math.log((1.0 - prob) / prob)


class _BatchedEmbedder:
    """An Embedder that answers from vectors computed in batches (questions ahead of time, then any text
    it has seen); texts it has not seen are embedded in one call of the wrapped model."""

    def __init__(self, embedder):
        self._embedder = embedder
        self._cache: dict = {}

    def prepare(self, texts: list[str]) -> None:
        todo = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if todo:
            self._cache.update(zip(todo, self._embedder.encode(todo)))

    def encode(self, texts: list[str], show_progress: bool = False):
        import numpy as np

        texts = list(texts)
        if not texts:
            return self._embedder.encode([])
        self.prepare(texts)
        return np.stack([self._cache[t] for t in texts])

    def encode_one(self, text: str):
        return self.encode([text])[0]

    def __getattr__(self, name):
        return getattr(self._embedder, name)


@dataclass
class SquadRun:
    """What ``run_squad`` produced: the report and the two files the official script reads."""

    report: dict
    predictions: dict[str, str]
    na_probs: dict[str, float]


def _check_index_folder(index_dir: Path) -> None:
    manifest = index_dir / "manifest.json"
    if not manifest.exists():
        return
    try:
        corpus_dir = json.loads(manifest.read_text(encoding="utf-8")).get("corpus_dir", "")
    except (OSError, ValueError):
        return
    from .corpus import resolve_source

    if corpus_dir and resolve_source(corpus_dir).resolve() != (index_dir / "corpus").resolve():
        raise SquadError(f"{index_dir} holds an index of {corpus_dir}, not of a SQuAD file; "
                         f"pass another --index folder (or none, for a temporary one)")


def run_squad(path: Path, index_dir: Path | None = None, embedder=None, settings=None, progress: bool = True) -> SquadRun:
    """Index a SQuAD v2.0 file's contexts, ask every question (no history), and score the answers.

    Args:
        path: the SQuAD v2.0 JSON file.
        index_dir: where the corpus (``corpus/``) and index go (default: a temporary folder, removed after).
        embedder: a loaded Embedder to reuse (default: the bundled model).
        settings: reader settings (default: ``ReaderSettings()``).
        progress: show progress bars.

    Returns:
        A SquadRun: ``report`` (official scores on 0-100, best thresholds, calibration, timing),
        ``predictions`` ({qid: answer or ""}) and ``na_probs`` ({qid: no-answer probability}).

    Raises:
        SquadError: the file is not usable, or ``index_dir`` holds another corpus's index.
    """
    from .embedding import Embedder
    from .evaluate import abstain_threshold, sweep_thresholds, uncapped
    from .index import build_index
    from .pipeline import MAX_QUESTION_CHARS, Assistant
    from .chat import rewrite
    from . import metrics

    started = time.perf_counter()
    dataset = load_squad(path)
    corpus = build_corpus(dataset)
    if corpus.misaligned:
        logger.warning("%d answers do not sit at their answer_start (e.g. %s)", len(corpus.misaligned), corpus.misaligned[0])
    embedder = embedder or Embedder()
    with tempfile.TemporaryDirectory(prefix="qa-squad-") as tmp:
        index_dir = Path(index_dir) if index_dir else Path(tmp)
        _check_index_folder(index_dir)
        write_corpus(corpus, index_dir / "corpus")
        build_index(index_dir / "corpus", index_dir, embedder=embedder, progress=progress)
        built = time.perf_counter()
        batched = _BatchedEmbedder(embedder)
        base = Assistant.load(index_dir, settings=settings, embedder=embedder)
        assistant = Assistant(base.index, batched, base.settings)
        would_be_assistant = uncapped(assistant)
        threshold = abstain_threshold(assistant)
        if corpus.questions:  # load and warm everything outside the timed questions
            assistant.ask(corpus.questions[0].question, [])

        preds: dict[str, str] = {}
        probs: dict[str, float] = {}
        points: list[tuple[float, float, float]] = []
        latencies: list[float] = []
        bar = None
        if progress:
            from tqdm import tqdm

            bar = tqdm(total=len(corpus.questions), desc="squad", unit="q")
        for b in range(0, len(corpus.questions), BATCH_SIZE):
            batch = corpus.questions[b: b + BATCH_SIZE]
            batched.prepare([rewrite(" ".join(q.question.split())[:MAX_QUESTION_CHARS], []) for q in batch])
            for q in batch:
                t0 = time.perf_counter()
                answer = assistant.ask(q.question, [])
                latencies.append((time.perf_counter() - t0) * 1000)
                would_be = would_be_assistant.ask(q.question, []) if answer.abstained else answer
                preds[q.id] = "" if answer.abstained else answer.answer
                probs[q.id] = round(na_prob(answer.score, threshold), 6)
                golds = [a for a in q.answers if normalize_answer(a)] or [""]
                points.append((would_be.score, 100.0 * max(compute_f1(g, would_be.answer) for g in golds),
                               100.0 * max(compute_f1(g, "") for g in golds)))
                if bar is not None:
                    bar.update(1)
        if bar is not None:
            bar.close()
        settings_dict = base.settings.to_dict()

    scores = evaluate(dataset, preds, probs)
    report = {k: (round(v, 4) if isinstance(v, float) else v) for k, v in scores.items()}
    report["best_exact_thresh_score"] = _round(score_threshold(scores["best_exact_thresh"], threshold))
    report["best_f1_thresh_score"] = _round(score_threshold(scores["best_f1_thresh"], threshold))
    seconds = time.perf_counter() - started
    report.update({
        "answered": round(sum(bool(p) for p in preds.values()) / max(len(preds), 1), 4),
        "n_documents": len(corpus.texts),
        "n_paragraphs": len(corpus.paragraphs),
        "misaligned_answers": len(corpus.misaligned),
        "latency_ms_median": round(metrics.percentile(latencies, 50), 2),
        "latency_ms_p95": round(metrics.percentile(latencies, 95), 2),
        "seconds": round(seconds, 2),
        "index_seconds": round(built - started, 2),
        "questions_per_second": round(len(preds) / max(seconds - (built - started), 1e-9), 2),
        "na_prob": {"center": threshold, "scale": NA_PROB_SCALE,
                    "formula": "1 / (1 + exp((score - center) / scale))"},
        "calibration": sweep_thresholds(points, threshold),
        "settings": settings_dict,
    })
    return SquadRun(report, preds, probs)


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)
