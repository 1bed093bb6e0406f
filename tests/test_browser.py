"""The chat in headless Chromium: answers with markers, evidence, follow-ups, uploads, escaping.

One app server per module (in a thread, sharing the session's embedding model) over a temporary copy
of data/articles; each test opens a fresh page. Screenshots go to test-output/screenshots/.
"""

from __future__ import annotations

import importlib.util
import shutil
import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
SHOTS = ROOT / "test-output" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ANSWER_TIMEOUT_MS = 60_000

pytestmark = [
    pytest.mark.browser,
    pytest.mark.model,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing; run `make chromium`"),
]

UPLOAD_TEXT = (
    "Riverton bridge reopens after repairs\n"
    "The Riverton river bridge reopened on Monday after repairs that cost $3.2 million.\n"
    "Chief engineer Alice Moreau said the work took nine months and replaced 140 steel cables.\n"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def app_server(tmp_path_factory, embedder, articles_index):
    """The app over a copy of data/articles and of the session's index of it (so nothing is re-embedded)."""
    from qa.library import Library

    base = tmp_path_factory.mktemp("browser_app")
    shutil.copytree(ARTICLES, base / "corpus")
    shutil.copytree(articles_index, base / "index")
    library = Library(base / "corpus", base / "index", embedder=embedder).open()
    spec = importlib.util.spec_from_file_location("qa_app_browser", ROOT / "app.py")
    app = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(app)
    demo = app.build_app(library)
    port = free_port()
    app.launch(demo, "127.0.0.1", port, block=False)
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield type("Server", (), {"url": f"http://127.0.0.1:{port}/", "library": library, "base": base, "app": app})
    demo.close()


@pytest.fixture(scope="module")
def browser(app_server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, app_server):
    """A fresh page (a new conversation); records any JavaScript dialog and page error."""
    context = browser.new_context(viewport={"width": 1400, "height": 950})
    pg = context.new_page()
    pg.dialogs, pg.errors = [], []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.goto(app_server.url)
    pg.wait_for_selector("#question textarea")
    yield pg
    context.close()


def settle(page) -> None:
    """Wait until no component shows Gradio's pending overlay (it dims the outputs of a running event)."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=status-tracker]')].every(e => e.classList.contains('hide'))",
        timeout=ANSWER_TIMEOUT_MS)


def shoot(page, name: str, full_page: bool = False) -> None:
    settle(page)
    page.screenshot(path=str(SHOTS / name), full_page=full_page)


def wait_for_turns(page, n: int) -> None:
    page.wait_for_function(f"document.querySelectorAll('#chat .turn .bot').length >= {n}", timeout=ANSWER_TIMEOUT_MS)
    settle(page)


def ask(page, question: str) -> None:
    n = page.locator("#chat .turn").count()
    page.fill("#question textarea", question)
    page.click("#ask")
    wait_for_turns(page, n + 1)


def last_bot(page):
    return page.locator("#chat .turn").last.locator(".bot")


def evidence_shows(page, citation: dict) -> None:
    """The evidence panel shows the cited article with the quote highlighted and in view."""
    page.wait_for_function(
        "q => { const m = document.querySelector('#evidence mark.quote'); return m && m.textContent === q; }",
        arg=citation["quote"], timeout=10_000)
    assert page.locator("#evidence h3").inner_text() == citation["title"]
    assert citation["source"] in page.locator("#evidence .ev-meta").inner_text()
    if citation.get("answer_start") is not None:
        text = page.locator("#evidence mark.quote .ans").inner_text()
        assert text == citation["quote"][citation["answer_start"] - citation["start"]:
                                         citation["answer_end"] - citation["start"]]
    page.wait_for_timeout(300)  # the scroll happens after the re-render
    box = page.locator("#evidence .ev-text").bounding_box()
    mark = page.locator("#evidence mark.quote").bounding_box()
    assert box["y"] - 1 <= mark["y"] and mark["y"] + min(mark["height"], 20) <= box["y"] + box["height"] + 1


def test_example_question_shows_answer_and_markers(page, app_server):
    question = "What did the captured soldier say?"
    expected = app_server.library.ask(question).to_dict()
    page.get_by_role("button", name=question).click()
    wait_for_turns(page, 1)
    bot = last_bot(page)
    assert page.locator("#chat .turn .user").first.inner_text() == question
    if expected["abstained"]:
        assert "No answer found." in bot.inner_text()
    else:
        assert bot.locator(".answer").inner_text() == expected["answer"]
        assert bot.locator("blockquote.sentence").inner_text().startswith("“" + expected["sentence"] + "”")
        assert bot.locator(".cite:visible").count() >= 1 + len(expected["citations"])
        evidence_shows(page, expected["citations"][0])  # the first source opens by itself
    shoot(page, "01_answer.png")


def test_clicking_a_marker_highlights_the_sentence(page, app_server):
    question = "How many North Korean soldiers were killed?"
    expected = app_server.library.ask(question).to_dict()
    assert not expected["abstained"], "the articles answer this question"
    ask(page, question)
    markers = last_bot(page).locator(".support .cite, .disagree .cite")
    assert markers.count() == len(expected["citations"])
    for i in reversed(range(len(expected["citations"]))):  # the last first, so the panel must change
        markers.nth(i).click()
        evidence_shows(page, expected["citations"][i])
        if i == len(expected["citations"]) - 1:
            shoot(page, "02_evidence.png")
    assert "active" in (markers.nth(0).get_attribute("class") or "")
    if len(expected["citations"]) > 1:
        assert f"Supported by {len(expected['agreement'][0]['doc_ids'])} articles" in last_bot(page).inner_text() \
            or "The articles disagree" in last_bot(page).inner_text()


def test_follow_up_question_uses_the_conversation(page, app_server):
    first, follow = "How many troops did Pyongyang send to Russia?", "And who said so?"
    expected = app_server.library.ask(follow, [first]).to_dict()
    ask(page, first)
    ask(page, follow)
    bot = last_bot(page)
    assert expected["rewritten_question"] != follow
    assert bot.locator(".searched").inner_text() == f"Searched for: {expected['rewritten_question']}"
    if not expected["abstained"]:
        assert bot.locator(".answer").inner_text() == expected["answer"]
    shoot(page, "03_follow_up.png")
    page.click("#new-chat")
    page.wait_for_function("document.querySelectorAll('#chat .turn').length === 0")


def upload(page, path: Path) -> None:
    with page.expect_file_chooser() as chooser:
        page.click("#upload")
    chooser.value.set_files(str(path))


def test_upload_an_article_then_ask_about_it_then_remove_it(page, app_server, tmp_path):
    path = tmp_path / "Riverton bridge.txt"
    path.write_text(UPLOAD_TEXT, encoding="utf-8")
    upload(page, path)
    page.wait_for_selector("#library-status .status.ok", timeout=ANSWER_TIMEOUT_MS)
    assert "Added 'Riverton bridge reopens after repairs'" in page.locator("#library-status").inner_text()
    assert page.locator("#docs").get_by_text("Riverton bridge reopens after repairs").count() == 1
    assert (app_server.base / "corpus" / "Riverton_bridge.txt").read_text(encoding="utf-8") == UPLOAD_TEXT

    ask(page, "How much did the Riverton bridge repairs cost?")
    bot = last_bot(page)
    assert "3.2 million" in bot.locator(".answer").inner_text()
    page.wait_for_selector("#evidence mark.quote")
    assert page.locator("#evidence h3").inner_text() == "Riverton bridge reopens after repairs"
    shoot(page, "04_uploaded_article.png")

    page.locator("#remove-choice input").click()
    page.get_by_role("option", name="Riverton bridge reopens after repairs (Riverton_bridge)").click()
    page.click("#remove")
    page.wait_for_function("document.querySelector('#library-status').innerText.includes('Removed')",
                           timeout=ANSWER_TIMEOUT_MS)
    assert page.locator("#docs").get_by_text("Riverton bridge reopens after repairs").count() == 0
    assert not (app_server.base / "corpus" / "Riverton_bridge.txt").exists()


def test_malformed_upload_shows_an_error_and_changes_nothing(page, app_server, tmp_path):
    corpus = app_server.base / "corpus"
    before = sorted(p.name for p in corpus.iterdir())
    n_docs = len(app_server.library.documents())
    bad = tmp_path / "photo.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    upload(page, bad)
    page.wait_for_selector("#library-status .status.error", timeout=ANSWER_TIMEOUT_MS)
    message = page.locator("#library-status").inner_text()
    assert "Upload refused, nothing changed" in message and "binary" in message
    shoot(page, "05_upload_error.png")

    wrong = tmp_path / "slides.pdf"
    wrong.write_bytes(b"%PDF-1.4")
    upload(page, wrong)
    page.wait_for_function("document.querySelector('#library-status').innerText.includes('.pdf')",
                           timeout=ANSWER_TIMEOUT_MS)
    assert "only .txt and .md" in page.locator("#library-status").inner_text()
    assert sorted(p.name for p in corpus.iterdir()) == before
    assert len(app_server.library.documents()) == n_docs
    assert page.locator("#docs").inner_text().startswith(f"{n_docs} articles indexed")


def test_html_in_a_question_is_shown_as_text(page, app_server):
    for question in ("<script>alert(1)</script>", '<img src=x onerror="alert(2)"> <b>bold?</b>'):
        ask(page, question)
        assert page.locator("#chat .turn .user").last.inner_text() == question
    page.wait_for_timeout(500)
    assert page.dialogs == []
    assert page.locator("#chat script, #chat img, #chat .user b").count() == 0
    shoot(page, "06_html_escaped.png")
    assert not [e for e in page.errors if "alert" in e]


def test_settings_restrict_to_one_article_and_top_k(page, app_server):
    doc = app_server.library.documents()[1]
    question = "How many North Korean soldiers were killed?"
    expected = app_server.library.ask(question, top_k=3, doc_ids=[doc["id"]]).to_dict()
    page.get_by_text("Settings", exact=True).click()
    top_k = page.locator("#top-k input[type=number]")
    top_k.fill("3")
    top_k.press("Enter")
    page.locator("#restrict input").click()
    page.get_by_role("option", name=f'{doc["title"]} ({doc["id"]})').click()
    page.keyboard.press("Escape")
    ask(page, question)
    bot = last_bot(page)
    titles = {t.replace("Show in the article: ", "") for t in bot.locator(".cite").evaluate_all(
        "els => els.map(e => e.title)")}
    assert titles == {doc["title"]}
    if not expected["abstained"]:
        assert bot.locator(".answer").inner_text() == expected["answer"]
    shoot(page, "07_settings_restricted.png", full_page=True)
