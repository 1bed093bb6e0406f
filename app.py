"""The browser chat: ask questions, read the cited sentence in its article, manage the articles.

Run ``python app.py [--host 127.0.0.1] [--port 7860] [--index index] [--corpus data/articles]`` (or
``qa serve``). The only module that imports Gradio. Everything taken from articles or users is
HTML-escaped here before it is rendered.

Named API endpoints (``gradio_client``): ``/ask``, ``/add_document``, ``/remove_document``,
``/list_documents``; see :func:`build_app`.
"""

from __future__ import annotations

import argparse
import html
import logging
import os
import sys
from pathlib import Path

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"  # nothing leaves this machine
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import gradio as gr  # noqa: E402

from qa.library import MAX_FILE_BYTES, Library, LibraryError  # noqa: E402

logger = logging.getLogger("qa.app")

EXAMPLES = (
    "What did the captured soldier say?",
    "How many North Korean soldiers were killed?",
    "When was the North Korean soldier who later died of his wounds captured?",
    "Who won the 2022 FIFA World Cup?",
)
#: Earlier questions passed to the assistant as the conversation history.
MAX_HISTORY = 10
MAX_TOP_K = 20

# --- rendering: answers, evidence and the article list as escaped HTML ----------------------------


def esc(text) -> str:
    return html.escape(str(text if text is not None else ""), quote=True)


def marker(turn: int, kind: str, i: int, title: str = "") -> str:
    """A clickable citation marker ``[i+1]``; ``kind`` is "c" (citation) or "p" (closest passage)."""
    return (f'<button type="button" class="cite" data-cite="{turn}:{kind}:{i}" '
            f'title="Show in the article: {esc(title)}">[{i + 1}]</button>')


def emphasised(text: str, start: int, span_start, span_end) -> str:
    """``text`` (which begins at offset ``start``) escaped, with the span ``[span_start, span_end)`` in <strong>."""
    if span_start is None or span_end is None or not start <= span_start < span_end <= start + len(text):
        return esc(text)
    a, b = span_start - start, span_end - start
    return f'{esc(text[:a])}<strong class="ans">{esc(text[a:b])}</strong>{esc(text[b:])}'


def render_answer(turn: int, ans: dict) -> str:
    """The assistant's reply to one question."""
    parts = []
    if ans.get("rewritten_question") and ans["rewritten_question"] != ans.get("question"):
        parts.append(f'<p class="searched">Searched for: <q>{esc(ans["rewritten_question"])}</q></p>')
    cites = ans.get("citations") or []
    if ans.get("abstained") or not cites:
        parts.append(f'<p class="abstain"><strong>No answer found.</strong> {esc(ans.get("message") or "")}</p>')
        passages = ans.get("passages") or []
        if passages:
            items = "".join(f'<li>“{esc(p["quote"])}” {marker(turn, "p", j, p["title"])} '
                            f'<span class="src">{esc(p["title"])}</span></li>' for j, p in enumerate(passages))
            parts.append('<p class="muted">The closest passages (they may not answer it):</p>'
                         f'<ol class="passages">{items}</ol>')
        return "".join(parts)
    if ans.get("message"):  # e.g. the question was cut to the length limit
        parts.append(f'<p class="note">{esc(ans["message"])}</p>')
    first = cites[0]
    parts.append(f'<p class="answer-line">Answer: <strong class="answer">{esc(ans["answer"])}</strong></p>')
    parts.append('<blockquote class="sentence">“'
                 f'{emphasised(first["quote"], first["start"], first.get("answer_start"), first.get("answer_end"))}'
                 f'” {marker(turn, "c", 0, first["title"])}</blockquote>')
    groups = ans.get("agreement") or []
    if len(groups) > 1:
        items = "".join(
            f'<li><strong>{esc(g["answer"])}</strong> — {len(g["doc_ids"])} article{"s" * (len(g["doc_ids"]) != 1)} '
            + " ".join(marker(turn, "c", i, cites[i]["title"]) for i in g["citations"] if i < len(cites)) + "</li>"
            for g in groups)
        parts.append(f'<div class="disagree" role="note"><strong>The articles disagree:</strong><ul>{items}</ul></div>')
    else:
        n_docs = len(groups[0]["doc_ids"]) if groups else 1
        marks = " ".join(marker(turn, "c", i, c["title"]) for i, c in enumerate(cites))
        what = f"Supported by {n_docs} articles" if n_docs > 1 else "From 1 article"
        parts.append(f'<p class="support">{what}: {marks}</p>')
    sources = "".join(f'<li>{marker(turn, "c", i, c["title"])} {esc(c["title"])} '
                      f'<span class="src">{esc(c["source"])}</span></li>' for i, c in enumerate(cites))
    parts.append(f'<details class="sources"><summary>Sources ({len(cites)})</summary><ul>{sources}</ul></details>')
    return "".join(parts)


def render_chat(turns: list[dict]) -> str:
    """The whole conversation."""
    if not turns:
        body = ('<div class="empty">Ask a question about the articles. Every answer is copied from an article; '
                'click a marker such as <span class="cite-demo">[1]</span> to read it in context.</div>')
    else:
        body = "".join(
            f'<div class="turn" data-turn="{i}"><div class="msg user"><div class="bubble">{esc(t["question"])}</div></div>'
            f'<div class="msg bot"><div class="bubble">'
            + (f'<p class="error" role="alert">{esc(t["error"])}</p>' if t.get("error") else render_answer(i, t["answer"]))
            + "</div></div></div>"
            for i, t in enumerate(turns))
    return f'<div class="chat-log">{body}</div>'


EVIDENCE_EMPTY = ('<div class="evidence"><div class="ev-empty">The article behind an answer appears here, '
                  'with the quoted sentence highlighted.</div></div>')


def render_evidence(doc, citation: dict | None = None, note: str = "") -> str:
    """One article in full, the cited sentence marked and the answer inside it emphasised."""
    if doc is None:
        return f'<div class="evidence"><div class="ev-empty">{esc(note or "That article is no longer in the library.")}</div></div>'
    text = doc.text
    meta = f'<code>{esc(doc.source)}</code> · id <code>{esc(doc.id)}</code> · {len(text):,} characters'
    body = esc(text)
    if citation is not None:
        s, e = citation["start"], citation["end"]
        if 0 <= s < e <= len(text) and text[s:e] == citation["quote"]:
            mark = emphasised(text[s:e], s, citation.get("answer_start"), citation.get("answer_end"))
            body = f'{esc(text[:s])}<mark class="quote">{mark}</mark>{esc(text[e:])}'
            meta += f" · quote at characters {s:,}–{e:,}"
        else:
            note = note or "The article changed since this answer; the quote is no longer at the cited place."
    head = f'<div class="ev-head"><h3>{esc(doc.title)}</h3><div class="ev-meta">{meta}</div>'
    if note:
        head += f'<div class="ev-note">{esc(note)}</div>'
    return f'<div class="evidence">{head}</div><div class="ev-text">{body}</div></div>'


def render_docs(docs: list[dict]) -> str:
    """The list of indexed articles; a title opens the article."""
    rows = "".join(f'<li><button type="button" class="doc-link" data-doc="{esc(d["id"])}">{esc(d["title"])}</button>'
                   f'<span class="src">{esc(d["id"])} · {d["chars"]:,} chars</span></li>' for d in docs)
    return f'<div class="docs"><p class="muted">{len(docs)} articles indexed</p><ol>{rows}</ol></div>'


def render_status(result: dict | None) -> str:
    if not result:
        return ""
    if result.get("ok"):
        return f'<div class="status ok" role="status">{esc(result.get("message", "Done."))}</div>'
    return f'<div class="status error" role="alert">{esc(result.get("error", "That did not work."))}</div>'


# --- browser-side behaviour: markers and article links call back to the server ------------------

CHAT_JS = """
element.addEventListener('click', (e) => {
  const b = e.target.closest('[data-cite]');
  if (!b) return;
  element.querySelectorAll('.cite.active').forEach((x) => x.classList.remove('active'));
  b.classList.add('active');
  trigger('click', {cite: b.dataset.cite});
  const panel = document.getElementById('evidence');  // below the chat on narrow screens
  if (panel) {
    const top = panel.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight - 120) panel.scrollIntoView({behavior: 'smooth', block: 'start'});
  }
});
const toBottom = () => { const log = element.querySelector('.chat-log'); if (log) log.scrollTop = log.scrollHeight; };
watch('value', toBottom);
"""

EVIDENCE_JS = """
const reveal = () => {
  const box = element.querySelector('.ev-text');
  const mark = element.querySelector('mark.quote');
  if (!box) return;
  box.scrollTop = mark ? Math.max(0, mark.offsetTop - box.clientHeight / 3) : 0;
};
watch('value', reveal);
reveal();
"""

DOCS_JS = """
element.addEventListener('click', (e) => {
  const b = e.target.closest('[data-doc]');
  if (b) trigger('click', {doc: b.dataset.doc});
});
"""

CSS = """
#chat .chat-log { height: 60vh; overflow-y: auto; padding: 12px; border: 1px solid var(--border-color-primary);
  border-radius: 10px; background: var(--background-fill-secondary); }
#chat .empty { color: var(--body-text-color-subdued); padding: 24px 8px; }
#chat .msg { display: flex; margin: 8px 0; }
#chat .msg.user { justify-content: flex-end; }
#chat .bubble { max-width: 88%; padding: 10px 14px; border-radius: 12px; line-height: 1.5; overflow-wrap: anywhere; }
#chat .user .bubble { background: var(--color-accent-soft); white-space: pre-wrap; }
#chat .bot .bubble { background: var(--background-fill-primary); border: 1px solid var(--border-color-primary); }
#chat .bubble p { margin: 4px 0; }
#chat .answer { font-size: 1.1em; }
#chat blockquote.sentence { margin: 6px 0; padding: 4px 10px; border-left: 3px solid var(--color-accent);
  color: var(--body-text-color); font-style: normal; }
#chat .searched, #chat .muted, #chat .src, .docs .src, .docs .muted { color: var(--body-text-color-subdued); font-size: 0.9em; }
#chat .src, .docs .src { margin-left: 6px; }
#chat .abstain { color: var(--body-text-color); }
#chat .disagree { margin: 6px 0; padding: 6px 10px; border-radius: 8px; background: #fff4e5; border: 1px solid #f0b45b; color: #5c3b00; }
#chat .disagree ul { margin: 4px 0 0 18px; }
#chat .support { margin-top: 6px; }
#chat details.sources { margin-top: 6px; font-size: 0.9em; }
#chat details.sources ul, #chat ol.passages { margin: 4px 0 0 18px; }
#chat .error { color: #b42318; }
.cite, .cite-demo { display: inline-block; padding: 0 4px; margin: 0 1px; border-radius: 4px; cursor: pointer;
  font-size: 0.85em; font-weight: 600; color: var(--color-accent); background: var(--color-accent-soft);
  border: 1px solid transparent; line-height: 1.4; }
.cite:hover, .cite.active { border-color: var(--color-accent); }
#evidence .evidence { border: 1px solid var(--border-color-primary); border-radius: 10px; padding: 10px 12px; }
#evidence .ev-empty { color: var(--body-text-color-subdued); padding: 16px 4px; }
#evidence h3 { margin: 0 0 4px 0; font-size: 1.05em; }
#evidence .ev-meta { color: var(--body-text-color-subdued); font-size: 0.85em; overflow-wrap: anywhere; }
#evidence .ev-note { color: #b42318; font-size: 0.9em; margin-top: 4px; }
#evidence .ev-text { position: relative; white-space: pre-wrap; overflow-y: auto; max-height: 46vh; margin-top: 8px;
  padding-right: 6px; line-height: 1.55; overflow-wrap: anywhere; }
#evidence mark.quote { background: #fde68a; color: #1f2937; padding: 1px 0; border-radius: 2px; }
#evidence mark.quote .ans, #chat .ans { text-decoration: underline; text-decoration-thickness: 2px; }
.docs ol { list-style: none; padding: 0; margin: 4px 0 0 0; max-height: 30vh; overflow-y: auto; }
.docs li { padding: 3px 0; border-bottom: 1px solid var(--border-color-primary); font-size: 0.95em; }
.docs li .src { display: block; margin-left: 0; font-size: 0.8em; }
#docs .doc-link { background: none; border: none; padding: 0; font: inherit; font-weight: 500; color: var(--link-text-color);
  cursor: pointer; text-align: left; }
#docs .doc-link:hover { text-decoration: underline; }
.status { padding: 6px 10px; border-radius: 8px; margin: 6px 0; overflow-wrap: anywhere; }
.status.ok { background: #ecfdf3; color: #05603a; border: 1px solid #6ce9a6; }
.status.error { background: #fef3f2; color: #b42318; border: 1px solid #fda29b; }
#examples { gap: 6px; flex-wrap: wrap; }
#examples button { flex: 0 1 auto; min-width: 0; }
"""

# --- the app -------------------------------------------------------------------------------------


def build_app(library: Library) -> gr.Blocks:
    """The Gradio app over an open :class:`~qa.library.Library`.

    API endpoints (the same answers and citations as the chat, as JSON):
    ``/ask(question, history, top_k, doc_ids) -> Answer.to_dict()``, ``/add_document(file) -> result``,
    ``/remove_document(doc_id) -> result``, ``/list_documents() -> [{id, title, source, chars}]``.
    Results are ``{"ok": true, ...}`` or ``{"ok": false, "error": "..."}``.
    """

    # -- API functions (typed: gr.api derives the endpoint schema from the hints)

    def ask(question: str, history: list[str] | None = None, top_k: int | None = None,
            doc_ids: list[str] | None = None) -> dict:
        """Answer a question with citations; history = earlier questions, oldest first."""
        try:
            return library.ask(question or "", history or [], top_k=top_k, doc_ids=doc_ids or None).to_dict()
        except LibraryError as exc:
            raise gr.Error(str(exc)) from None

    def list_documents() -> list[dict]:
        """The indexed articles: id, title, source path, length in characters."""
        return library.documents()

    def add_document(file) -> dict:
        """Add a .txt or .md article (UTF-8) and re-index; returns {ok, doc_id, title, message} or {ok, error}."""
        if not file:
            return {"ok": False, "error": "No file was uploaded; choose a .txt or .md article."}
        path = Path(file if isinstance(file, str) else getattr(file, "name", file))
        try:
            return library.add_file(path, name=path.name)
        except LibraryError as exc:
            return {"ok": False, "error": f"Upload refused, nothing changed: {exc}"}
        except Exception as exc:  # a user never sees a traceback
            logger.exception("adding %s failed", path.name)
            return {"ok": False, "error": f"Upload failed, nothing changed: {type(exc).__name__}: {exc}"}

    def remove_document(doc_id: str) -> dict:
        """Remove an article by id and re-index; returns {ok, doc_id, message} or {ok, error}."""
        try:
            return library.remove(doc_id)
        except LibraryError as exc:
            return {"ok": False, "error": str(exc)}
        except Exception as exc:
            logger.exception("removing %s failed", doc_id)
            return {"ok": False, "error": f"Removing failed, nothing changed: {type(exc).__name__}: {exc}"}

    # -- UI handlers

    def respond(question: str, turns: list[dict], top_k, doc_ids):
        question = (question or "").strip()
        if not question:
            return turns, gr.skip(), gr.skip(), gr.skip()
        history = [t["question"] for t in turns][-MAX_HISTORY:]
        try:
            answer = library.ask(question, history, top_k=int(top_k) if top_k else None, doc_ids=doc_ids or None)
            turn = {"question": question, "answer": answer.to_dict()}
        except LibraryError as exc:
            turn = {"question": question, "error": str(exc)}
        except Exception as exc:
            logger.exception("question failed: %r", question)
            turn = {"question": question, "error": f"Something went wrong answering this ({type(exc).__name__})."}
        turns = [*turns, turn]
        evidence = gr.skip()
        if "answer" in turn:  # open the first source right away
            ans = turn["answer"]
            first = (ans["citations"] or ans["passages"] or [None])[0]
            if first is not None:
                evidence = render_evidence(library.document(first["doc_id"]), first)
        return turns, render_chat(turns), "", evidence

    def show_citation(turns: list[dict], evt: gr.EventData):
        try:
            turn, kind, i = str(evt._data.get("cite", "")).split(":")
            ans = turns[int(turn)]["answer"]
            citation = ans["citations" if kind == "c" else "passages"][int(i)]
        except (ValueError, IndexError, KeyError, TypeError, AttributeError):
            return gr.skip()
        return render_evidence(library.document(citation["doc_id"]), citation)

    def show_document(evt: gr.EventData):
        doc_id = str(getattr(evt, "_data", {}).get("doc", ""))
        return render_evidence(library.document(doc_id), note=f"No article with id {doc_id!r}.")

    def library_view(result: dict | None = None, restricted: list[str] | None = None):
        docs = library.documents()
        choices = [(f'{d["title"]} ({d["id"]})', d["id"]) for d in docs]
        ids = {d["id"] for d in docs}
        restricted = [r for r in (restricted or []) if r in ids]
        evidence = gr.skip()
        if result and result.get("ok") and result.get("doc_id") in ids:
            evidence = render_evidence(library.document(result["doc_id"]), note="Added to the library.")
        return (render_status(result), render_docs(docs), gr.update(choices=choices, value=None),
                gr.update(choices=choices, value=restricted), evidence)

    def remove_clicked(doc_id):
        if not doc_id:
            return {"ok": False, "error": "Choose an article to remove first."}
        return remove_document(doc_id)

    def new_conversation():
        return [], render_chat([]), EVIDENCE_EMPTY

    # -- layout

    docs = library.documents()
    choices = [(f'{d["title"]} ({d["id"]})', d["id"]) for d in docs]
    default_k = min(MAX_TOP_K, library.assistant.settings.top_k)
    with gr.Blocks(title="qa: cited answers from news articles") as demo:
        turns = gr.State([])
        result = gr.JSON(visible=False)
        gr.HTML('<h2 style="margin:0">qa <span style="font-weight:400;font-size:0.7em">— answers copied from the '
                'articles, each with its source sentence</span></h2>', js_on_load=None)
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=420):
                chat = gr.HTML(render_chat([]), elem_id="chat", js_on_load=CHAT_JS)
                with gr.Row():
                    question = gr.Textbox(show_label=False, placeholder="Ask a question about the articles…",
                                          scale=6, max_lines=4, elem_id="question", autofocus=True)
                    ask_btn = gr.Button("Ask", variant="primary", scale=1, min_width=80, elem_id="ask")
                with gr.Row(elem_id="examples"):
                    example_btns = [gr.Button(q, size="sm", elem_classes=["example"]) for q in EXAMPLES]
                new_btn = gr.Button("New conversation", size="sm", elem_id="new-chat")
            with gr.Column(scale=2, min_width=360):
                evidence = gr.HTML(EVIDENCE_EMPTY, elem_id="evidence", js_on_load=EVIDENCE_JS)
                with gr.Accordion("Articles", open=True, elem_id="library"):
                    docs_html = gr.HTML(render_docs(docs), elem_id="docs", js_on_load=DOCS_JS)
                    upload = gr.UploadButton(f"Add an article (.txt or .md, UTF-8, up to {MAX_FILE_BYTES // 1_000_000} MB)",
                                             size="sm", elem_id="upload")
                    status = gr.HTML("", elem_id="library-status", js_on_load=None)
                    with gr.Row():
                        remove_choice = gr.Dropdown(choices=choices, value=None, label="Remove an article",
                                                    scale=4, elem_id="remove-choice")
                        remove_btn = gr.Button("Remove", variant="stop", size="sm", scale=1, elem_id="remove")
                with gr.Accordion("Settings", open=False, elem_id="settings"):
                    top_k = gr.Slider(1, MAX_TOP_K, value=default_k, step=1, label="Passages to read (top_k)",
                                      elem_id="top-k")
                    restrict = gr.Dropdown(choices=choices, value=[], multiselect=True, elem_id="restrict",
                                           label="Answer only from these articles (none chosen = all)")

        # -- events: the chat (private: the API has /ask)
        # Questions share one queue (the assistant answers one at a time); library changes have their own.
        chat_outputs = [turns, chat, question, evidence]
        private = {"api_visibility": "private"}
        asking = {"concurrency_id": "assistant", "concurrency_limit": 1}
        question.submit(respond, [question, turns, top_k, restrict], chat_outputs, **private, **asking)
        ask_btn.click(respond, [question, turns, top_k, restrict], chat_outputs, **private, **asking)
        for btn, text in zip(example_btns, EXAMPLES):
            btn.click(lambda t, k, r, text=text: respond(text, t, k, r), [turns, top_k, restrict], chat_outputs,
                      **private, **asking)
        new_btn.click(new_conversation, None, [turns, chat, evidence], **private)
        chat.click(show_citation, [turns], evidence, **private)
        docs_html.click(show_document, None, evidence, **private)

        # -- events: the library; the upload itself is the /add_document endpoint
        library_outputs = [status, docs_html, remove_choice, restrict, evidence]
        changing = {"concurrency_id": "library", "concurrency_limit": 1}
        upload.upload(add_document, upload, result, api_name="add_document", **changing).then(
            library_view, [result, restrict], library_outputs, **private)
        remove_btn.click(remove_clicked, remove_choice, result, **private, **changing).then(
            library_view, [result, restrict], library_outputs, **private)
        demo.load(lambda: library_view()[1:4], None, [docs_html, remove_choice, restrict], **private)

        # -- API-only endpoints
        gr.api(ask, api_name="ask", **asking)
        gr.api(remove_document, api_name="remove_document", **changing)
        gr.api(list_documents, api_name="list_documents")
    return demo


THEME_FONTS = {"font": ["ui-sans-serif", "system-ui", "sans-serif"], "font_mono": ["ui-monospace", "monospace"]}


def launch(demo: gr.Blocks, host: str = "127.0.0.1", port: int = 7860, block: bool = True,
           private_dirs: list[str | Path] = ()):
    """Serve the app on ``host:port`` (no share link; fonts from the system, nothing fetched online).

    Gradio serves only uploads and its own cache; ``private_dirs`` (the index, the articles) are never served,
    even when ``GRADIO_ALLOWED_PATHS`` names a folder around them.
    """
    return demo.launch(
        server_name=host, server_port=port, share=False, show_error=True, prevent_thread_lock=not block,
        quiet=not block, ssr_mode=False, max_file_size=2 * MAX_FILE_BYTES, css=CSS,
        theme=gr.themes.Default(**THEME_FONTS), footer_links=["api"],
        blocked_paths=[str(Path(p).resolve()) for p in private_dirs] or None,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="app.py", description="Start the qa browser chat.")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)")
    parser.add_argument("--port", type=int, default=7860, help="port (default: 7860)")
    parser.add_argument("--index", default="index", help="index folder (default: index)")
    parser.add_argument("--corpus", default="data/articles", help="articles folder (default: data/articles)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")

    from qa.corpus import CorpusError
    from qa.index import IndexProblem

    try:
        library = Library(args.corpus, args.index).open()  # builds the index when missing or stale
        library.assistant.warm_up()
    except (CorpusError, IndexProblem, ValueError) as exc:
        print(f"app.py: {exc}", file=sys.stderr)
        return 1
    print(f"qa chat: {len(library.documents())} articles from {args.corpus}; http://{args.host}:{args.port}",
          flush=True)
    launch(build_app(library), args.host, args.port, private_dirs=[args.index, args.corpus])
    return 0


if __name__ == "__main__":
    sys.exit(main())
