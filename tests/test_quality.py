"""Quality floors: the gold evaluation on data/articles must meet every floor in eval/floors.json."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.evaluate import check_floors, evaluate_gold, load_floors, load_gold

ROOT = Path(__file__).resolve().parent.parent
FLOORS = ROOT / "eval" / "floors.json"
GOLD = ROOT / "eval" / "gold.jsonl"


@pytest.mark.slow
@pytest.mark.model
def test_gold_evaluation_meets_the_floors(articles_index, embedder):
    from qa.pipeline import Assistant

    floors = load_floors(FLOORS)
    assert floors, f"{FLOORS} sets no floor"
    assistant = Assistant.load(articles_index, embedder=embedder)
    report = evaluate_gold(assistant, load_gold(GOLD), baseline=False)
    failures = check_floors(report, floors)
    assert not failures, f"below the floors of {FLOORS.name}:\n  " + "\n  ".join(failures)
