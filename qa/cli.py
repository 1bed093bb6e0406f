"""Command line: ``qa build``, ``qa ask``, ``qa eval``, ``qa serve``, ``qa bench``."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

DEFAULT_CORPUS = "data/articles"
DEFAULT_INDEX = "index"


def _answer_json(answer, qid=None) -> dict:
    data = answer.to_dict()
    out = {"id": qid} if qid is not None else {}
    out.update({k: data[k] for k in ("question", "answer", "abstained", "score", "citations")})
    out.update({k: data[k] for k in ("rewritten_question", "sentence", "agreement", "answer_type", "message")})
    return out


def format_answer(answer) -> str:
    """A readable answer with numbered citations."""
    lines = []
    if answer.rewritten_question and answer.rewritten_question != answer.question:
        lines.append(f"Searched for: {answer.rewritten_question}")
    if answer.abstained:
        lines.append(answer.message or "No answer.")
        if answer.passages:
            lines.append("Closest passages:")
            for i, p in enumerate(answer.passages, 1):
                lines.append(f"  [{i}] {p.quote}  ({p.source}, chars {p.start}-{p.end})")
        return "\n".join(lines)
    if answer.message:  # e.g. the question was cut to the length limit
        lines.append(f"Note: {answer.message}")
    lines.append(f"Answer: {answer.answer}")
    if answer.disagreement:
        lines.append("The articles disagree:")
        for group in answer.agreement:
            marks = " ".join(f"[{i + 1}]" for i in group.citations)
            lines.append(f"  - {group.answer} {marks}")
    elif len(answer.agreement) == 1 and len(answer.agreement[0].doc_ids) > 1:
        lines.append(f"Supported by {len(answer.agreement[0].doc_ids)} articles.")
    lines.append(f"Sentence: {answer.sentence} [1]")
    lines.append("Sources:")
    for i, c in enumerate(answer.citations, 1):
        lines.append(f"  [{i}] {c.title} — {c.source}, chars {c.start}-{c.end}")
        lines.append(f"      “{c.quote}”")
    return "\n".join(lines)


def cmd_build(args) -> int:
    from .chunking import ChunkSettings
    from .embedding import CONCURRENT_BACKENDS, Embedder, resolve_backend, usable_cores
    from .index import build_index

    # A build may use every core: with ONNX one batch per core (each on one thread), with torch every core on
    # each batch.
    backend = resolve_backend(args.backend)
    embedder = Embedder(backend=backend, threads=1 if backend in CONCURRENT_BACKENDS else usable_cores())
    report = build_index(Path(args.corpus), Path(args.index), embedder=embedder,
                         chunking=ChunkSettings(args.max_tokens, args.overlap), force=args.force, progress=not args.quiet)
    for skipped in report.skipped:
        print(f"skipped: {skipped.reason}", file=sys.stderr)
    if report.built:
        print(f"built {args.index}: {report.n_documents} articles, {report.n_chunks} chunks, "
              f"{report.n_sentences} sentences in {report.seconds:.1f}s "
              f"({report.reused_documents} articles reused; reason: {report.reason})")
    else:
        print(f"{args.index} is up to date ({report.n_documents} articles, {report.n_chunks} chunks); "
              f"use --force to rebuild")
    return 0


def _read_batch(path: str):
    stream = sys.stdin.buffer if path == "-" else open(path, "rb")  # bytes: a line that is not UTF-8 is one error
    with stream:
        for n, raw in enumerate(stream, 1):
            if not raw.strip():
                continue
            row = None
            try:
                try:
                    line = raw.decode("utf-8-sig" if n == 1 else "utf-8")
                except UnicodeDecodeError as exc:
                    raise ValueError(f"not valid UTF-8 (byte {exc.start}); save the batch file as UTF-8") from None
                row = json.loads(line)
                if not isinstance(row, dict):
                    raise ValueError("a line must be a JSON object")
                question = row.get("question")
                if not isinstance(question, str):
                    raise ValueError("'question' must be a string")
                history = row.get("history") or []
                if not isinstance(history, list) or not all(isinstance(h, str) for h in history):
                    raise ValueError("'history' must be a list of strings")
                yield row.get("id", n), question, history, None
            except ValueError as exc:
                qid = row.get("id", n) if isinstance(row, dict) else n
                yield qid, None, None, f"line {n}: {exc}"


def cmd_ask(args) -> int:
    from .pipeline import Assistant

    if not args.batch and not args.question:
        print("qa ask: give a QUESTION or --batch FILE.jsonl", file=sys.stderr)
        return 2
    embedder = None
    if args.backend:
        from .embedding import Embedder

        embedder = Embedder(backend=args.backend)
    assistant = Assistant.load(args.index, embedder=embedder)
    if args.batch:
        for qid, question, history, error in _read_batch(args.batch):
            if error:
                print(json.dumps({"id": qid, "error": error}, ensure_ascii=False), flush=True)
                continue
            try:
                answer = assistant.ask(question, history, top_k=args.top_k)
            except Exception as exc:  # one bad question must not stop the batch
                logging.getLogger(__name__).exception("question %s failed", qid)
                print(json.dumps({"id": qid, "error": f"{type(exc).__name__}: {exc}"}, ensure_ascii=False), flush=True)
                continue
            if args.json:
                print(json.dumps(_answer_json(answer, qid), ensure_ascii=False), flush=True)
            else:
                print(f"[{qid}] {answer.question}\n{format_answer(answer)}\n", flush=True)  # cleaned: printable
        return 0
    answer = assistant.ask(args.question, args.history or [], top_k=args.top_k)
    print(json.dumps(_answer_json(answer), ensure_ascii=False, indent=2) if args.json else format_answer(answer))
    return 0


def cmd_eval(args) -> int:
    from .evalcli import run_eval

    return run_eval(args)


def cmd_serve(args) -> int:
    import runpy

    from .corpus import ROOT

    sys.argv = ["app.py", "--host", args.host, "--port", str(args.port), "--index", args.index, "--corpus", args.corpus]
    runpy.run_path(str(ROOT / "app.py"), run_name="__main__")
    return 0


def cmd_bench(args) -> int:
    from .bench import run_bench

    return run_bench(args)


def _add_backend(p) -> None:
    p.add_argument("--backend", choices=["torch", "onnx", "onnx-int8"], default=None,
                   help="embedding backend (build: $QA_BACKEND, else onnx when the onnx extra is installed, else "
                        "torch; ask: the index's own, where torch and onnx serve each other's indexes); onnx needs "
                        "pip install 'qa[onnx]'")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="qa",
        description="Cited, extractive question answering over a folder of news articles. "
        "Every answer is text copied from an article, with the exact sentence and its character offsets.",
        epilog="Typical use: qa build && qa ask \"What did the captured soldier say?\"",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress and decisions")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("build", help="index a folder of articles (only when it changed)",
                       description="Split articles into sentences and chunks, embed them, and write the index "
                       "folder. Unchanged articles reuse their vectors; an up-to-date index is left alone.")
    p.add_argument("--corpus", default=DEFAULT_CORPUS, help=f"folder of .txt/.md articles (default: {DEFAULT_CORPUS})")
    p.add_argument("--index", default=DEFAULT_INDEX, help=f"index folder (default: {DEFAULT_INDEX})")
    p.add_argument("--force", action="store_true", help="rebuild even if the index is up to date")
    p.add_argument("--max-tokens", type=int, default=160, help="chunk budget in tiktoken tokens (default: 160)")
    p.add_argument("--overlap", type=int, default=40, help="chunk overlap in tokens (default: 40)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    _add_backend(p)
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("ask", help="answer a question (or a JSONL batch) with citations",
                       description="Answer one question, or every line of a JSONL file "
                       '({"id", "question", "history": [...]}) with --batch.')
    p.add_argument("question", nargs="?", help="the question")
    p.add_argument("--history", nargs="*", metavar="Q", help="earlier questions of the conversation, oldest first")
    p.add_argument("--batch", metavar="FILE.jsonl", help="answer every line of a JSONL file ('-' for stdin)")
    p.add_argument("--json", action="store_true", help="print JSON (one object per line with --batch)")
    p.add_argument("--index", default=DEFAULT_INDEX, help=f"index folder (default: {DEFAULT_INDEX})")
    p.add_argument("--top-k", type=int, default=None, help="chunks to read (default: from settings)")
    _add_backend(p)
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("eval", help="score the assistant on a gold set (ours or SQuAD v2.0)",
                       description="Run a gold set and report EM, F1, answer hit, citation validity, retrieval "
                       "recall, abstention and latency, next to a dense-sentence baseline.")
    p.add_argument("--gold", default="eval/gold.jsonl", help="gold JSONL file (default: eval/gold.jsonl)")
    p.add_argument("--squad", metavar="FILE.json", help="evaluate on a SQuAD v2.0 file instead (its contexts become the corpus)")
    p.add_argument("--corpus", default=None, help="corpus of the gold set (default: the index's own)")
    p.add_argument("--index", default=None, help="index folder (default: index/, or a temporary one for --squad)")
    p.add_argument("--split", default=None, help="only questions of this split (dev/test)")
    p.add_argument("--out", default="eval/reports", help="folder for the report files (default: eval/reports)")
    p.add_argument("--compare", metavar="OLD.json", help="print the change in every metric against an older report")
    p.add_argument("--floors", metavar="FLOORS.json", help="exit 1 when a metric falls below its floor")
    p.add_argument("--no-baseline", action="store_true", help="skip the baseline row")
    p.add_argument("--report", metavar="REPORT.json",
                   help="check an existing report with --compare/--floors instead of running the questions")
    p.add_argument("--backend", choices=["torch", "onnx", "onnx-int8"], default=None,
                   help="embedding backend (default: the index's own, where torch and onnx serve each other's "
                        "indexes; else $QA_BACKEND, else onnx when the onnx extra is installed, else torch); onnx "
                        "needs pip install 'qa[onnx]'")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("serve", help="start the browser chat",
                       description="Start the Gradio chat (only on this machine by default).")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=7860, help="port (default: 7860)")
    p.add_argument("--index", default=DEFAULT_INDEX, help=f"index folder (default: {DEFAULT_INDEX})")
    p.add_argument("--corpus", default=DEFAULT_CORPUS, help=f"articles folder (default: {DEFAULT_CORPUS})")
    p.set_defaults(func=cmd_serve)

    from .bench import add_bench_arguments

    p = sub.add_parser("bench", help="measure latency, build speed, memory and index scaling (JSON lines)",
                       description="Print one JSON line per figure: cold start, warm ask latency, query embedding, "
                       "build time and throughput per backend, peak RSS, and a FAISS scaling table.")
    add_bench_arguments(p)
    p.set_defaults(func=cmd_bench)
    return parser


def main(argv: list[str] | None = None) -> int:
    from .corpus import CorpusError
    from .embedding import BackendUnavailable
    from .evaluate import GoldError
    from .index import IndexProblem

    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if not args.command:
        parser.print_help()
        return 2
    try:
        return args.func(args)
    except (CorpusError, IndexProblem, GoldError, BackendUnavailable, ValueError, FileNotFoundError) as exc:
        print(f"qa {args.command}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
