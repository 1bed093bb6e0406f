"""The chat app: qa/library.py without the model, the HTML rendering, and every API endpoint of a live server.

The server runs ``python app.py`` in a subprocess (one per module) on a free loopback port, against a
temporary copy of the small test corpus and an index folder that does not exist yet, so start-up
builds it.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from apprunner import running_app
from qa.index import BuildReport
from qa.library import Library, LibraryError, content_key, safe_filename, validate_upload, write_atomic
from qa.types import Document

ROOT = Path(__file__).resolve().parent.parent
SMALL_CORPUS = ROOT / "tests" / "fixtures" / "small_corpus"

NEW_ARTICLE = (
    "Riverton bridge reopens after repairs\n"
    "The Riverton river bridge reopened on Monday after repairs that cost $3.2 million.\n"
    "Chief engineer Alice Moreau said the work took nine months and replaced 140 steel cables.\n"
)


def load_app_module():
    """app.py as a module (it lives at the repository root, outside any package)."""
    spec = importlib.util.spec_from_file_location("qa_app", ROOT / "app.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module




# --- qa/library.py: names and validation -------------------------------------------------------------


@pytest.mark.parametrize("name, expected", [
    ("article.txt", "article.txt"),
    ("Notes.MD", "Notes.md"),
    ("../../etc/passwd.txt", "passwd.txt"),
    ("..\\..\\windows\\evil.txt", "evil.txt"),
    ("/abs/path/report 2024 (final).txt", "report_2024_final.txt"),
    (".hidden.txt", "hidden.txt"),
    ("a.b.c.txt", "a_b_c.txt"),
    ("Ünïcode name.txt", "Ünïcode_name.txt"),
    ("x" * 300 + ".txt", "x" * 80 + ".txt"),
])
def test_safe_filename(name, expected):
    assert safe_filename(name) == expected


@pytest.mark.parametrize("name, words", [
    ("photo.png", ".png"),
    ("archive.tar.gz", ".gz"),
    ("README", "without an extension"),
    ("....txt", "no usable file name"),
    ("../.txt", "no usable file name"),
    ("", "without an extension"),
])
def test_safe_filename_refuses(name, words):
    with pytest.raises(LibraryError, match=words):
        safe_filename(name)


@pytest.mark.parametrize("data, words", [
    (b"", "empty"),
    (b"  \n\t\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
    (b"caf\xe9 au lait", "UTF-8"),
])
def test_validate_upload_refuses_bad_content(data, words):
    with pytest.raises(LibraryError, match=words):
        validate_upload("note.txt", data)


def test_validate_upload_refuses_oversized_content():
    from qa.corpus import MAX_FILE_BYTES

    with pytest.raises(LibraryError, match="limit"):
        validate_upload("big.txt", b"a" * (MAX_FILE_BYTES + 1))


def test_validate_upload_gives_safe_name_and_text():
    assert validate_upload("../My Article.txt", b"Title\r\nBody.\r\n") == ("My_Article.txt", "Title\nBody.\n")


def test_content_key_ignores_whitespace_only():
    assert content_key("A  fire.\nIt burned.") == content_key(" A fire. It burned.\n")
    assert content_key("A fire.") != content_key("A fire!")


def test_write_atomic_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "a.txt"
    write_atomic(path, b"first")
    write_atomic(path, b"second")
    assert path.read_bytes() == b"second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


# --- qa/library.py: add and remove, with the index build stubbed out -----------------------------------


@pytest.fixture
def stub_library(tmp_path, monkeypatch):
    """A Library over a copy of the small corpus whose rebuild only re-reads the folder (no model)."""
    from qa import corpus as corpus_mod

    corpus = tmp_path / "corpus"
    shutil.copytree(SMALL_CORPUS, corpus)
    lib = Library(corpus, tmp_path / "index")
    calls = {"rebuild": 0, "fail": False}

    def fake_rebuild():
        calls["rebuild"] += 1
        if calls["fail"]:
            calls["fail"] = False
            raise RuntimeError("disk full")
        docs, skipped = corpus_mod.load_corpus(corpus)
        lib._assistant = SimpleNamespace(index=SimpleNamespace(documents={d.id: d for d in docs}))
        return BuildReport(True, str(lib.index_dir), len(docs), 0, 0, 0, 0.0, tuple(skipped))

    monkeypatch.setattr(lib, "_rebuild", fake_rebuild)
    lib.open()
    lib.calls = calls
    return lib


def corpus_state(lib) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in lib.corpus_dir.iterdir()}


def test_library_add_stores_exact_bytes_under_safe_name(stub_library):
    data = NEW_ARTICLE.replace("\n", "\r\n").encode()
    result = stub_library.add("../uploads/Riverton Bridge.txt", data)
    assert result["ok"] and result["doc_id"] == "Riverton_Bridge"
    assert result["title"] == "Riverton bridge reopens after repairs"
    assert (stub_library.corpus_dir / "Riverton_Bridge.txt").read_bytes() == data
    assert not [p for p in stub_library.corpus_dir.iterdir() if p.name.startswith(".")]
    assert [d["id"] for d in stub_library.documents()] == [
        "Riverton_Bridge", "harbor_fire", "harbor_followup", "library_opening"]


@pytest.mark.parametrize("name, data, words", [
    ("harbor_fire.txt", NEW_ARTICLE.encode(), "already exists"),
    ("HARBOR_FIRE.md", NEW_ARTICLE.encode(), "already exists"),
    ("copy.txt", (SMALL_CORPUS / "harbor_fire.txt").read_bytes(), "already in the library as 'harbor_fire'"),
    ("copy.txt", (SMALL_CORPUS / "harbor_fire.txt").read_text().replace("\n", "\n\n").encode(), "already in"),
    ("bad.pdf", NEW_ARTICLE.encode(), "only .txt and .md"),
    ("empty.txt", b"", "empty"),
])
def test_library_add_refusals_change_nothing(stub_library, name, data, words):
    before = corpus_state(stub_library)
    with pytest.raises(LibraryError, match=words):
        stub_library.add(name, data)
    assert corpus_state(stub_library) == before
    assert stub_library.calls["rebuild"] == 1  # only the open()


def test_library_add_rolls_back_when_indexing_fails(stub_library):
    before = corpus_state(stub_library)
    stub_library.calls["fail"] = True
    with pytest.raises(LibraryError, match="could not be indexed.*disk full.*nothing was added"):
        stub_library.add("new.txt", NEW_ARTICLE.encode())
    assert corpus_state(stub_library) == before
    assert "new" not in {d["id"] for d in stub_library.documents()}


def test_library_add_file_checks_size_before_reading(stub_library, tmp_path, monkeypatch):
    import qa.library

    monkeypatch.setattr(qa.library, "MAX_FILE_BYTES", 10)
    path = tmp_path / "long.txt"
    path.write_text(NEW_ARTICLE)
    with pytest.raises(LibraryError, match="over the 10-byte limit"):
        stub_library.add_file(path)


def test_library_remove(stub_library):
    result = stub_library.remove("library_opening")
    assert result["ok"] and result["title"] == "New library opens in Millbrook"
    assert not (stub_library.corpus_dir / "library_opening.txt").exists()
    assert [d["id"] for d in stub_library.documents()] == ["harbor_fire", "harbor_followup"]
    assert not [p for p in stub_library.corpus_dir.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("doc_id, words", [
    ("nope", "no article with id 'nope'"),
    ("../harbor_fire", "no article with id"),
    ("", "no article with id"),
])
def test_library_remove_unknown(stub_library, doc_id, words):
    before = corpus_state(stub_library)
    with pytest.raises(LibraryError, match=words):
        stub_library.remove(doc_id)
    assert corpus_state(stub_library) == before


def test_library_remove_refuses_last_article_and_restores_on_failure(stub_library):
    before = corpus_state(stub_library)
    stub_library.calls["fail"] = True
    with pytest.raises(LibraryError, match="could not be removed.*nothing changed"):
        stub_library.remove("harbor_fire")
    assert corpus_state(stub_library) == before
    stub_library.remove("harbor_fire")
    stub_library.remove("harbor_followup")
    with pytest.raises(LibraryError, match="only article"):
        stub_library.remove("library_opening")


def test_library_ask_validates_top_k_and_doc_ids(stub_library):
    with pytest.raises(LibraryError, match="top_k"):
        stub_library.ask("Why?", top_k=0)
    with pytest.raises(LibraryError, match="unknown article id"):
        stub_library.ask("Why?", doc_ids=["nope"])


@pytest.mark.model
def test_ask_from_chosen_articles_cites_only_them(small_assistant):
    only = ["harbor_followup", "library_opening"]
    answer = small_assistant.ask("How many workers were treated for smoke inhalation?", doc_ids=only)
    assert answer.citations or answer.passages
    assert {c.doc_id for c in answer.citations + answer.passages} <= set(only)
    everywhere = small_assistant.ask("How many workers were treated for smoke inhalation?")
    assert "harbor_fire" in {c.doc_id for c in everywhere.citations + everywhere.passages}


# --- rendering: everything from users and articles is escaped ------------------------------------------


@pytest.fixture(scope="module")
def app_module():
    return load_app_module()


def test_render_chat_escapes_questions_and_article_text(app_module):
    nasty = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    citation = {"doc_id": "d", "title": nasty, "source": "a/<b>.txt", "start": 0, "end": len(nasty), "quote": nasty,
                "answer_start": 8, "answer_end": 16}
    answer = {"question": nasty, "rewritten_question": nasty + "?", "answer": "alert(1)", "abstained": False,
              "message": "", "citations": [citation], "agreement": [], "passages": []}
    out = app_module.render_chat([{"question": nasty, "answer": answer}])
    assert "<script" not in out and "<img" not in out
    assert "&lt;script&gt;" in out and "Searched for:" in out
    doc = Document("d", nasty, nasty + "\n" + nasty, "a/<b>.txt")
    ev = app_module.render_evidence(doc, citation)
    assert "<script" not in ev and "<img" not in ev and "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in ev
    assert '<mark class="quote">&lt;script&gt;<strong class="ans">alert(1)</strong>' in ev


def test_render_answer_disagreement_support_and_abstention(app_module):
    def cite(i):
        return {"doc_id": f"d{i}", "title": f"T{i}", "source": f"s{i}", "start": 0, "end": 5, "quote": "12345",
                "answer_start": 0, "answer_end": 2}

    base = {"question": "q", "rewritten_question": "q", "answer": "12", "abstained": False, "message": "",
            "passages": [], "citations": [cite(0), cite(1), cite(2)]}
    agree = app_module.render_answer(0, {**base, "agreement": [
        {"answer": "12", "doc_ids": ["d0", "d1", "d2"], "citations": [0, 1, 2]}]})
    assert "Supported by 3 articles" in agree and "disagree" not in agree and "Searched for" not in agree
    assert 'data-cite="0:c:2" title="Show in the article: T2">[3]</button>' in agree
    split = app_module.render_answer(4, {**base, "agreement": [
        {"answer": "12", "doc_ids": ["d0", "d1"], "citations": [0, 1]},
        {"answer": "40", "doc_ids": ["d2"], "citations": [2]}]})
    assert "The articles disagree" in split and "<strong>40</strong> — 1 article" in split
    assert 'data-cite="4:c:2"' in split
    abstain = app_module.render_answer(1, {**base, "abstained": True, "answer": "", "citations": [],
                                           "message": "The articles do not answer this question.",
                                           "passages": [cite(5)]})
    assert "No answer found." in abstain and "closest passages" in abstain and 'data-cite="1:p:0"' in abstain


# --- the live server: every endpoint through gradio_client ----------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``python app.py`` on a free port over a copy of the small corpus; the index is built at start-up."""
    base = tmp_path_factory.mktemp("app")
    corpus, index = base / "corpus", base / "index"
    shutil.copytree(SMALL_CORPUS, corpus)
    with running_app(base, corpus, index) as app:
        yield SimpleNamespace(url=app.url, corpus=corpus, index=index, base=base)


@pytest.fixture(scope="module")
def client(server):
    from gradio_client import Client

    return Client(server.url, analytics_enabled=False, verbose=False)


def check_citations(answer: dict) -> None:
    """Every quote is the source text at its offsets; the answer span lies inside its sentence."""
    assert answer["citations"]
    for c in answer["citations"]:
        text = Path(c["source"]).read_text(encoding="utf-8")
        assert text[c["start"]:c["end"]] == c["quote"]
        if c["answer_start"] is not None:
            assert c["start"] <= c["answer_start"] < c["answer_end"] <= c["end"]
    first = answer["citations"][0]
    assert answer["sentence"] == first["quote"]
    text = Path(first["source"]).read_text(encoding="utf-8")
    assert text[first["answer_start"]:first["answer_end"]] == answer["answer"]


def state(server) -> tuple[set[str], bytes]:
    """The corpus file names and the index manifest: what a refused change must leave alone."""
    return {p.name for p in server.corpus.iterdir()}, (server.index / "manifest.json").read_bytes()


@pytest.mark.model
def test_server_binds_loopback_and_lists_endpoints(server, client):
    assert server.url.startswith("http://127.0.0.1:")
    endpoints = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    assert {"/ask", "/add_document", "/remove_document", "/list_documents"} <= set(endpoints)


@pytest.mark.model
def test_ask_returns_citations_that_match_the_sources(client):
    answer = client.predict("How many workers were treated for smoke inhalation?", [], 6, api_name="/ask")
    assert not answer["abstained"] and "12" in answer["answer"]
    assert {c["doc_id"] for c in answer["citations"]} <= {"harbor_fire", "harbor_followup"}
    check_citations(answer)
    assert json.loads(json.dumps(answer)) == answer  # plain JSON


@pytest.mark.model
def test_ask_uses_history_for_follow_ups(client):
    answer = client.predict("How old is he?", ["Who is the mayor of Port Ellis?"], None, api_name="/ask")
    assert answer["question"] == "How old is he?"
    assert answer["rewritten_question"] != answer["question"]
    # "he" is the mayor: his name, from the answer to the question before, or the mayor himself
    assert "daniel reyes" in answer["rewritten_question"].lower() or "mayor" in answer["rewritten_question"].lower()
    assert "58" in answer["answer"]


@pytest.mark.model
def test_ask_abstains_with_closest_passages(client):
    answer = client.predict("Who won the 2022 FIFA World Cup?", [], None, api_name="/ask")
    assert answer["abstained"] and answer["answer"] == "" and answer["citations"] == []
    assert answer["message"] and answer["passages"]


@pytest.mark.model
def test_ask_restricted_to_some_articles(client):
    question = "How many workers were treated for smoke inhalation?"
    answer = client.predict(question, [], None, ["harbor_followup"], api_name="/ask")
    assert not answer["abstained"] and "12" in answer["answer"]
    assert {c["doc_id"] for c in answer["citations"]} == {"harbor_followup"}
    assert {p["doc_id"] for p in answer["passages"]} == {"harbor_followup"}
    check_citations(answer)
    other = client.predict(question, [], None, ["library_opening"], api_name="/ask")
    assert {c["doc_id"] for c in other["citations"] + other["passages"]} <= {"library_opening"}


@pytest.mark.model
def test_ask_rejects_bad_arguments_with_a_message(client):
    with pytest.raises(Exception, match="top_k must be a whole number"):
        client.predict("How many workers?", [], 0, api_name="/ask")
    with pytest.raises(Exception, match="unknown article id"):
        client.predict("How many workers?", [], None, ["nope"], api_name="/ask")


@pytest.mark.model
def test_list_documents(client):
    docs = client.predict(api_name="/list_documents")
    assert [d["id"] for d in docs] == ["harbor_fire", "harbor_followup", "library_opening"]
    assert docs[0]["title"] == "Fire destroys warehouse at Port Ellis harbor" and docs[0]["chars"] > 0


@pytest.mark.model
@pytest.mark.parametrize("name, data, words", [
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("empty.txt", b"", "empty"),
    ("latin1.txt", "Caf\u00e9 ouvert.".encode("latin-1"), "not valid UTF-8"),
    ("report.pdf", b"%PDF-1.4 not an article", "only .txt and .md"),
    ("harbor_fire.txt", NEW_ARTICLE.encode(), "already exists"),
    ("copy_of_fire.txt", (SMALL_CORPUS / "harbor_fire.txt").read_bytes(), "already in the library"),
])
def test_bad_upload_is_refused_and_changes_nothing(server, client, tmp_path, name, data, words):
    from gradio_client import handle_file

    before, docs_before = state(server), client.predict(api_name="/list_documents")
    path = tmp_path / name
    path.write_bytes(data)
    result = client.predict(handle_file(str(path)), api_name="/add_document")
    assert result["ok"] is False
    assert words in result["error"] and "nothing changed" in result["error"]
    assert state(server) == before
    assert client.predict(api_name="/list_documents") == docs_before


@pytest.mark.model
def test_add_ask_and_remove_a_document(server, client, tmp_path):
    from gradio_client import handle_file

    manifest_before = (server.index / "manifest.json").read_bytes()
    path = tmp_path / "Riverton bridge.txt"
    path.write_text(NEW_ARTICLE, encoding="utf-8")
    result = client.predict(handle_file(str(path)), api_name="/add_document")
    assert result["ok"] is True, result
    assert result["doc_id"] == "Riverton_bridge" and result["title"] == "Riverton bridge reopens after repairs"
    stored = server.corpus / "Riverton_bridge.txt"
    assert stored.read_text(encoding="utf-8") == NEW_ARTICLE
    assert not [p for p in server.corpus.iterdir() if p.name.startswith(".")]
    manifest = json.loads((server.index / "manifest.json").read_text())
    assert "Riverton_bridge" in manifest["documents"] and manifest["n_documents"] == 4
    assert (server.index / "manifest.json").read_bytes() != manifest_before
    assert "Riverton_bridge" in [d["id"] for d in client.predict(api_name="/list_documents")]

    answer = client.predict("How much did the Riverton bridge repairs cost?", [], None, api_name="/ask")
    assert not answer["abstained"] and "3.2 million" in answer["answer"]
    assert answer["citations"][0]["doc_id"] == "Riverton_bridge"
    check_citations(answer)

    again = client.predict(handle_file(str(path)), api_name="/add_document")
    assert again["ok"] is False and "already exists" in again["error"]

    removed = client.predict("Riverton_bridge", api_name="/remove_document")
    assert removed["ok"] is True and not stored.exists()
    assert [d["id"] for d in client.predict(api_name="/list_documents")] == [
        "harbor_fire", "harbor_followup", "library_opening"]
    after = client.predict("How much did the Riverton bridge repairs cost?", [], None, api_name="/ask")
    assert all(c["doc_id"] != "Riverton_bridge" for c in after["citations"] + after["passages"])


@pytest.mark.model
def test_remove_unknown_document_is_refused(server, client):
    before = state(server)
    result = client.predict("../harbor_fire", api_name="/remove_document")
    assert result == {"ok": False, "error": "no article with id '../harbor_fire'; pick one from the list of articles"}
    assert state(server) == before


@pytest.mark.model
def test_added_article_persists_across_restart(server, client, tmp_path, embedder):
    """After an upload, a fresh Library over the same folders (a restart) finds the index up to date with it."""
    from gradio_client import handle_file

    from qa.index import build_index

    path = tmp_path / "persist.md"
    path.write_text("# Ferry notes\nThe Millbrook ferry carries 300 riders a day.\n", encoding="utf-8")
    assert client.predict(handle_file(str(path)), api_name="/add_document")["ok"]
    try:
        assert (server.corpus / "persist.md").exists()
        assert build_index(server.corpus, server.index, embedder=embedder).built is False
        restarted = Library(server.corpus, server.index, embedder=embedder).open()
        assert restarted.document("persist").title == "Ferry notes"
    finally:
        assert client.predict("persist", api_name="/remove_document")["ok"]


def test_app_exits_with_a_message_when_the_corpus_is_missing(tmp_path):
    proc = subprocess.run(
        [sys.executable, str(ROOT / "app.py"), "--corpus", str(tmp_path / "missing"), "--index", str(tmp_path / "i")],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False"},
    )
    assert proc.returncode == 1
    assert "does not exist" in proc.stderr and "Traceback" not in proc.stderr
