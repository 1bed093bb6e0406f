"""Fit the reader's span model on the dev split of a gold set and set its abstention bias.

    python eval/train_reader.py [--gold eval/gold.jsonl] [--index index] [--split dev] [--l2 0.1] [--write]

Every candidate span of the top sentences of each training question becomes a row of signals (see
qa/features.py); candidates whose token F1 with a gold answer is at least 0.5 are the targets of a
listwise (softmax) objective. The bias is then the cut on the best candidate's score that maximises mean
F1 over the training questions, unanswerable ones included (abstaining is the empty answer), so that
a probability of 0.5 is that cut. Figures for the other split are printed alongside, so over-fitting
shows. ``--write`` saves qa/reader_model.json.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qa import chat  # noqa: E402
from qa.evaluate import load_gold  # noqa: E402
from qa.features import FEATURES  # noqa: E402
from qa.metrics import answer_hit, token_f1  # noqa: E402
from qa.model import MODEL_FILE, SpanModel, fit_listwise  # noqa: E402
from qa.pipeline import Assistant  # noqa: E402

GOOD_F1 = 0.5


def collect(assistant: Assistant, items):
    """Per question: (item, feature matrix, candidate texts)."""
    reader = assistant.reader
    out = []
    for item in items:
        standalone = chat.rewrite(item.question, list(item.history))
        q = assistant.analyse(standalone, list(item.history))
        vector, word_vectors = assistant._embed(standalone, reader.question_words(q))
        hits = assistant.retriever.search(standalone, assistant.settings.top_k, vector=vector)
        ctx = reader.signals.context(q, vector, word_vectors)
        sentences = reader.signals.score_sentences(ctx, hits)
        feats, texts = [], []
        for scored in sentences[: assistant.settings.span_sentences]:
            for cand in reader.signals.candidates(scored):
                f = reader.signals.span_features(ctx, scored, cand)
                if f is not None:
                    feats.append([f[name] for name in FEATURES])
                    texts.append(cand.text)
        out.append((item, np.array(feats).reshape(-1, len(FEATURES)), texts))
    return out


def best_of(w: np.ndarray, data):
    """Per question: (item, best logit without bias, best text)."""
    out = []
    for item, x, texts in data:
        if len(texts):
            z = x @ w
            i = int(np.argmax(z))
            out.append((item, float(z[i]), texts[i]))
        else:
            out.append((item, -np.inf, ""))
    return out


def metrics_at(best, cut: float) -> dict:
    f1s, hits, abst_u, abst_a = [], [], [], []
    for item, z, text in best:
        answer = text if z >= cut else ""
        f1s.append(token_f1(answer, item.answers))
        if item.answers:
            hits.append(answer_hit(answer, item.answers) if answer else 0.0)
            abst_a.append(float(not answer))
        else:
            abst_u.append(float(not answer))
    mean = lambda xs: round(float(np.mean(xs)), 4) if xs else None  # noqa: E731
    return {"f1_all": mean(f1s), "hit": mean(hits), "abstain_unanswerable": mean(abst_u), "wrong_abstain": mean(abst_a)}


def best_cut(best) -> float:
    """The cut on the best logit that maximises mean F1 (ties: the lowest, so fewer refusals)."""
    zs = sorted({z for _, z, _ in best if np.isfinite(z)})
    cuts = [zs[0] - 1.0] + [(a + b) / 2 for a, b in zip(zs, zs[1:])] if zs else [0.0]
    return max(cuts, key=lambda c: (metrics_at(best, c)["f1_all"], -c))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", default="eval/gold.jsonl")
    parser.add_argument("--index", default="index")
    parser.add_argument("--split", default="dev", help="split to train on (default: dev)")
    parser.add_argument("--l2", type=float, default=0.1, help="ridge penalty (default: 0.1)")
    parser.add_argument("--heldout", nargs=2, metavar=("GOLD", "INDEX"), help="also report on another gold set")
    parser.add_argument("--write", action="store_true", help=f"save the model to {MODEL_FILE}")
    args = parser.parse_args()

    started = time.time()
    assistant = Assistant.load(args.index)
    items = load_gold(Path(args.gold))
    train = collect(assistant, [i for i in items if i.split == args.split])
    other = collect(assistant, [i for i in items if i.split != args.split])
    targets = [(x, np.array([max(token_f1(t, item.answers), 0) if token_f1(t, item.answers) >= GOOD_F1 else 0.0
                             for t in texts])) for item, x, texts in train if item.answers]
    w = fit_listwise(targets, l2=args.l2)
    cut = best_cut(best_of(w, train))
    report = {"train": metrics_at(best_of(w, train), cut), "other": metrics_at(best_of(w, other), cut)}
    if args.heldout:
        held_assistant = Assistant.load(args.heldout[1], embedder=assistant.embedder)
        held = collect(held_assistant, load_gold(Path(args.heldout[0])))
        report["heldout"] = metrics_at(best_of(w, held), cut)
    print(report)
    model = SpanModel(dict(zip(FEATURES, (round(float(x), 4) for x in w))), round(-cut, 4))
    print("weights:", model.weights, "bias:", model.bias)
    model.info = {"trained_on": f"{args.gold} split={args.split}", "questions": len(train),
                  "rows": int(sum(len(t) for _, t in targets)), "l2": args.l2, "good_f1": GOOD_F1,
                  "date": time.strftime("%Y-%m-%d"), "metrics": report,
                  "command": "python eval/train_reader.py --write"}
    if args.write:
        model.save()
        print(f"wrote {MODEL_FILE} ({time.time() - started:.0f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
