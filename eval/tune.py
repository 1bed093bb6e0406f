"""Tune the sentence-score weights of ``qa/settings.py`` on the dev split of the gold sets.

    python eval/tune.py [--gold eval/gold.jsonl:index eval/heldout/gold.jsonl:eval/heldout/index] [--step 0.05]

Coordinate ascent: each weight in turn moves one step up or down while the mean SQuAD-style F1 of the dev
questions (an abstention scores 1 on an unanswerable question, 0 on an answerable one) improves; passes
repeat until none moves. The span model (qa/reader_model.json) stays as it is, so refit it afterwards with
``python eval/train_reader.py --write`` when the weights change. The test split is scored at the start and at
the end, so a change that only fits the dev questions shows. Prints the weights to put in ReaderSettings.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa.embedding import Embedder  # noqa: E402
from qa.evaluate import load_gold, run  # noqa: E402
from qa.index import load_index  # noqa: E402
from qa.pipeline import Assistant  # noqa: E402
from qa.settings import ReaderSettings  # noqa: E402

WEIGHTS = ("w_dense", "w_window", "w_lexical", "w_own", "w_context", "w_retrieval", "w_speech")
DEFAULT_SETS = ["eval/gold.jsonl:index", "eval/heldout/gold.jsonl:eval/heldout/index"]


def score(sets, settings: ReaderSettings, split: str) -> dict:
    """Mean F1 and answer hit over the questions of one split of every gold set."""
    f1s, hits = [], []
    for index, embedder, items in sets:
        assistant = Assistant(index, embedder, settings, cache_size=0)
        for rec in run(assistant, [i for i in items if (i.split == "dev") == (split == "dev")]):
            f1s.append(rec.scores["f1"])
            if rec.item.answerable:
                hits.append(rec.scores["hit"])
    return {"f1": round(float(np.mean(f1s)), 4), "hit": round(float(np.mean(hits)), 4), "n": len(f1s)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", nargs="+", default=DEFAULT_SETS, metavar="GOLD:INDEX")
    parser.add_argument("--step", type=float, default=0.05, help="how far a weight moves at a time (default: 0.05)")
    parser.add_argument("--passes", type=int, default=3, help="most passes over the weights (default: 3)")
    args = parser.parse_args()

    started = time.time()
    embedder = Embedder()
    sets = []
    for pair in args.gold:
        gold, index_dir = pair.split(":")
        sets.append((load_index(ROOT / index_dir, embedder=embedder), embedder, load_gold(ROOT / gold)))

    best = ReaderSettings()
    best_score = score(sets, best, "dev")
    print(f"start  dev {best_score}  test {score(sets, best, 'test')}", flush=True)
    for _ in range(args.passes):
        moved = False
        for name in WEIGHTS:
            for direction in (1, -1):
                value = round(getattr(best, name) + direction * args.step, 4)
                if value < 0:
                    continue
                trial = best.replace(**{name: value})
                trial_score = score(sets, trial, "dev")
                if trial_score["f1"] > best_score["f1"]:
                    best, best_score, moved = trial, trial_score, True
                    print(f"{name} = {value}: dev {trial_score}", flush=True)
                    break
        if not moved:
            break
    print(f"end    dev {best_score}  test {score(sets, best, 'test')}")
    print("weights:", {name: getattr(best, name) for name in WEIGHTS}, f"({time.time() - started:.0f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
