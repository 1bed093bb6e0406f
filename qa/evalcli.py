"""``qa eval``: run a gold set (ours or SQuAD v2.0), write report.json / report.md / calibration.png, compare, check floors."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

from . import evaluate as ev
from .cli import DEFAULT_CORPUS, DEFAULT_INDEX

DEFAULT_OUT = "eval/reports"
#: Where --squad writes when --out is left at its default, so the gold report is not overwritten.
DEFAULT_SQUAD_OUT = "eval/reports/squad"
#: Rows of the printed summary table.
SHOWN = ("n", "em", "f1", "em_answerable", "f1_answerable", "f1_unanswerable", "hit", "sentence_hit",
         "recall@1", "recall@5", "mrr", "citation_valid", "citation_precision", "citation_recall",
         "first_citation_supporting", "multi_source_recall", "abstain_precision", "abstain_recall",
         "wrong_abstain", "best_abstain_threshold", "f1_at_best_threshold", "latency_ms_median", "latency_ms_p95")


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _write(path: Path, text: str | bytes) -> None:
    """Write next to the target and rename, so a reader never sees half a report."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    os.replace(tmp, path)


def _command(args) -> str:
    parts = ["qa", "eval"]
    for flag in ("gold", "squad", "corpus", "index", "split", "out", "compare", "floors", "report"):
        value = getattr(args, flag, None)
        if flag == "gold" and (getattr(args, "squad", None) or getattr(args, "report", None)):
            continue  # not used
        if value:
            parts += [f"--{flag}", str(value)]
    parts += ["--no-baseline"] if getattr(args, "no_baseline", False) else []
    return shlex.join(parts)


def _git_commit() -> str | None:
    try:
        done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=5,
                              cwd=Path(__file__).resolve().parent)
        return done.stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


# ---------------------------------------------------------------------------------------------------
# Writing the report files.

def plot_calibration(cal: dict, path: Path, title: str) -> None:
    """F1 (and the share answered) against the abstain threshold, with the current and best thresholds."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4.2), dpi=110)
    if cal.get("thresholds"):
        ax.plot(cal["thresholds"], cal["f1"], drawstyle="steps-pre", color="tab:blue", label="F1 (abstain = empty)")
        ax2 = ax.twinx()
        ax2.plot(cal["thresholds"], cal["answered"], drawstyle="steps-pre", color="tab:gray", alpha=0.6,
                 linestyle=":", label="share answered")
        ax2.set_ylabel("share answered")
        ax2.set_ylim(0, 1.05)
        ax.axvline(cal["current_threshold"], color="tab:red", linestyle="--",
                   label=f"current {cal['current_threshold']:.3f} (F1 {cal['current_f1']:.3f})")
        ax.axvline(cal["best_threshold"], color="tab:green", linestyle="-.",
                   label=f"best {cal['best_threshold']:.3f} (F1 {cal['best_f1']:.3f})")
    ax.set_xlabel("abstain threshold (answer when score >= threshold)")
    ax.set_ylabel("F1")
    ax.set_title(title)
    ax.legend(loc="lower left", fontsize=8)
    fig.tight_layout()
    tmp = path.with_name(path.name + ".tmp")
    fig.savefig(tmp, format="png")
    plt.close(fig)
    os.replace(tmp, path)


def _table(header: list[str], rows: list[list]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        lines.append("| " + " | ".join(ev._fmt(c) if not isinstance(c, str) else c.replace("|", "\\|") for c in row) + " |")
    return lines


def markdown_gold(report: dict) -> str:
    """report.md of a gold run: summary next to the baseline, calibration, breakdowns, worst questions."""
    s, b = report["summary"], report.get("baseline") or {}
    lines = [f"# qa eval — {report.get('gold', '')}", "", f"`{report.get('command', '')}` · {report.get('created', '')}"
             f" · commit {report.get('git_commit') or 'n/a'} · {report.get('seconds', 0):.1f}s", "", "## Summary", ""]
    lines += _table(["metric", "qa", "baseline"], [[k, s.get(k), b.get(k)] for k in s])
    cal = report.get("calibration")
    if cal and cal.get("thresholds"):
        lines += ["", "## Calibration", "", f"Current abstain threshold {cal['current_threshold']} gives F1 "
                  f"{cal['current_f1']}; the best, {cal['best_threshold']} (range {cal['best_range']}), gives "
                  f"{cal['best_f1']}.", "", "![calibration](calibration.png)"]
    for name, key in (("question type", "by_type"), ("article", "by_article")):
        groups = report.get(key) or {}
        cols = ["n", "hit", "sentence_hit", "em", "f1", "abstain_unanswerable", "wrong_abstain"]
        lines += ["", f"## By {name}", ""]
        lines += _table([name] + cols, [[g] + [m.get(c) for c in cols] for g, m in groups.items()])
    lines += ["", "## Worst questions", ""]
    lines += _table(["id", "type", "question", "gold", "answer", "score", "f1"],
                    [[w["id"], w["type"], w["question"], " / ".join(w["gold"]) or "(unanswerable)",
                      "(abstained)" if w["abstained"] else w["answer"], w["score"], w["f1"]]
                     for w in report.get("worst", [])])
    return "\n".join(lines) + "\n"


def markdown_squad(report: dict) -> str:
    """report.md of a SQuAD run: the official scores, thresholds and timing."""
    keys = [k for k, v in report.items() if not isinstance(v, (dict, list)) and k not in ("command", "created", "squad")]
    lines = [f"# qa eval --squad {report.get('squad', '')}", "", f"`{report.get('command', '')}`", ""]
    lines += _table(["metric", "value"], [[k, report[k]] for k in keys])
    cal = report.get("calibration") or {}
    if cal.get("thresholds"):
        lines += ["", f"Would-be answers: F1 {cal['current_f1']} at the current threshold {cal['current_threshold']}, "
                  f"{cal['best_f1']} at the best {cal['best_threshold']}.", "", "![calibration](calibration.png)"]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------------
# The two kinds of run.

def _gold(args, embedder) -> tuple[dict, Path]:
    from .embedding import Embedder, backend_for_index
    from .index import MANIFEST, build_index
    from .corpus import resolve_source
    from .pipeline import Assistant

    started = time.perf_counter()
    items = ev.load_gold(Path(args.gold), args.split)
    if not items:
        raise ev.GoldError(f"{args.gold}: no questions" + (f" in split {args.split!r}" if args.split else ""))
    index_dir = Path(args.index or DEFAULT_INDEX)
    try:  # what the index records, even when it is stale (it is rebuilt below with the same corpus and backend)
        manifest = json.loads((index_dir / MANIFEST).read_text(encoding="utf-8"))
        manifest = {k: v for k, v in manifest.items() if isinstance(v, str)} if isinstance(manifest, dict) else {}
    except (OSError, ValueError):  # no or broken index: built below from the default corpus and backend
        manifest = {}
    corpus = args.corpus
    if not corpus:  # the index's own corpus, when it has one on disk
        recorded = manifest.get("corpus_dir", "")
        try:
            corpus = str(resolve_source(recorded)) if recorded and resolve_source(recorded).is_dir() else None
        except (OSError, ValueError):  # a path no file system takes
            corpus = None
    corpus = corpus or DEFAULT_CORPUS
    # The index's own backend (torch and onnx give the same vectors): another would rebuild it or embed the
    # questions unlike its texts.
    embedder = embedder or Embedder(backend=getattr(args, "backend", None) or backend_for_index(manifest.get("backend")))
    built = build_index(Path(corpus), index_dir, embedder=embedder, progress=not args.quiet)
    if built.built:
        _say(f"built {index_dir} from {corpus} ({built.reason})")
    assistant = Assistant.load(index_dir, embedder=embedder)
    unknown = sorted({d for item in items for d in item.doc_ids} - set(assistant.index.documents))
    if unknown:
        _say(f"warning: {len(unknown)} gold doc_ids are not in {index_dir} (e.g. {unknown[0]!r}); "
             f"is --corpus the corpus of {args.gold}?")
    report = ev.evaluate_gold(assistant, items, baseline=not args.no_baseline, progress=not args.quiet)
    report.update({"gold": str(args.gold), "split": args.split or "all", "index": str(index_dir), "corpus": str(corpus),
                   "seconds": round(time.perf_counter() - started, 2)})
    return report, Path(args.out)


def _squad(args, embedder) -> tuple[dict, Path]:
    from .squad import run_squad

    out = Path(DEFAULT_SQUAD_OUT if args.out == DEFAULT_OUT else args.out)
    result = run_squad(Path(args.squad), Path(args.index) if args.index else None, embedder=embedder,
                       progress=not args.quiet)
    out.mkdir(parents=True, exist_ok=True)
    _write(out / "predictions.json", json.dumps(result.predictions, ensure_ascii=False, indent=1))
    _write(out / "na_probs.json", json.dumps(result.na_probs, indent=1))
    report = dict(result.report)
    report["squad"] = str(args.squad)
    return report, out


def _print_summary(report: dict) -> None:
    if "summary" not in report:
        keys = ("exact", "f1", "total", "HasAns_exact", "HasAns_f1", "HasAns_total", "NoAns_exact", "NoAns_f1",
                "NoAns_total", "best_exact", "best_exact_thresh", "best_f1", "best_f1_thresh", "answered",
                "latency_ms_median", "latency_ms_p95", "seconds", "questions_per_second")
        for k in keys:
            if k in report:
                print(f"{k:<22} {ev._fmt(report[k]):>10}")
        return
    s, b = report["summary"], report.get("baseline") or {}
    print(f"{'metric':<26} {'qa':>10} {'baseline':>10}")
    for k in SHOWN:
        if k in s:
            print(f"{k:<26} {ev._fmt(s.get(k)):>10} {ev._fmt(b.get(k)) if b else '':>10}")


def run_eval(args, embedder=None) -> int:
    """Run ``qa eval`` from parsed arguments; returns the exit code (1 when a floor is broken).

    Args:
        args: the ``eval`` subcommand's namespace (see ``qa eval --help``).
        embedder: a loaded Embedder to reuse (tests); default: the bundled model.
    """
    # Read --compare and --floors first: a bad file fails before minutes of work, and the old report
    # may be the very file this run overwrites.
    old = ev.read_json_object(args.compare, "report to compare with") if args.compare else None
    floors = ev.load_floors(Path(args.floors)) if args.floors else None
    if getattr(args, "report", None):
        report = ev.read_json_object(args.report, "report")
    else:
        report, out = _squad(args, embedder) if args.squad else _gold(args, embedder)
        report.update({"command": _command(args), "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                       "git_commit": _git_commit()})
        out.mkdir(parents=True, exist_ok=True)
        _write(out / "report.json", json.dumps(report, ensure_ascii=False, indent=1))
        _write(out / "report.md", markdown_squad(report) if args.squad else markdown_gold(report))
        if report.get("calibration"):
            plot_calibration(report["calibration"], out / "calibration.png",
                             f"calibration: {Path(args.squad or args.gold).name}")
        _print_summary(report)
        print(f"\nreport: {out / 'report.json'}, {out / 'report.md'}, {out / 'calibration.png'}"
              + (f", {out / 'predictions.json'}, {out / 'na_probs.json'}" if args.squad else ""))
    if old is not None:
        print(f"\nchange against {args.compare}:")
        print(ev.format_comparison(ev.compare_reports(report, old)))
    if floors is not None:
        failures = ev.check_floors(report, floors)
        if failures:
            _say(f"\nqa eval: {len(failures)} of {len(floors)} floors broken ({args.floors}):")
            for line in failures:
                _say(f"  - {line}")
            return 1
        print(f"\nall {len(floors)} floors in {args.floors} hold")
    return 0
