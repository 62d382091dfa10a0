"""The upload page in a real headless Chromium (Debian's package, driven by Playwright).

Needs ``/usr/bin/chromium`` (``apt-get install chromium``) and the ``playwright``
Python package; no browser download (``playwright install``) is used or needed.
Skipped, with the reason, when either is missing.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def browser() -> Any:
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="the playwright package is not installed"
    )
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            launched.close()


def test_upload_a_pdf_read_the_kit_and_download_markdown(
    browser: Any,
    live_server: Any,
    tmp_path: Path,
    make_pdf: Callable[..., bytes],
    make_text_resume: Callable[..., str],
) -> None:
    resume_path = tmp_path / "resume.pdf"
    resume_path.write_bytes(make_pdf(make_text_resume().splitlines()))
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.goto(live_server.url + "/")
        assert page.locator("html").get_attribute("lang") == "en"
        page.get_by_label("Resume", exact=True).set_input_files(str(resume_path))
        page.get_by_label("Round").select_option("technical")
        page.get_by_label("Number of questions").fill("5")
        page.get_by_role("button", name="Build the kit").click()

        page.wait_for_selector("article.sr-q")
        assert page.locator("article.sr-q").count() == 5
        marks = page.locator("article.sr-q mark")
        assert marks.count() >= 1 and marks.first.inner_text().strip()

        first = page.locator("article.sr-q").first
        follow_ups = first.locator("details", has=page.locator("summary", has_text="Follow-ups"))
        assert not follow_ups.evaluate("d => d.open")
        follow_ups.locator("summary").click()
        assert follow_ups.evaluate("d => d.open")
        assert follow_ups.locator("li").first.is_visible()

        question_texts = page.locator("article.sr-q .sr-q-title").all_inner_texts()
        with page.expect_download() as download_info:
            page.get_by_role("button", name="Download Markdown").click()
        download = download_info.value
        assert download.suggested_filename.endswith(".md")
        saved = tmp_path / download.suggested_filename
        download.save_as(saved)
        markdown = saved.read_text(encoding="utf-8")
        for title in question_texts:
            words = title.split(".", 1)[1].strip()[:25]  # drop the "1." number
            assert words in markdown.replace("\\", "")
        # The page loads nothing that the CSP blocks.
        assert not [e for e in errors if "Content Security Policy" in e]
    finally:
        context.close()


def test_score_a_kit_in_the_page_then_read_the_panel_debrief(
    browser: Any,
    live_server: Any,
    tmp_path: Path,
    make_text_resume: Callable[..., str],
) -> None:
    resume_path = tmp_path / "resume.txt"
    resume_path.write_text(make_text_resume(), encoding="utf-8")
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.goto(live_server.url + "/")
        page.get_by_label("Resume", exact=True).set_input_files(str(resume_path))
        page.get_by_label("Number of questions").fill("4")
        page.get_by_role("button", name="Build the kit").click()
        page.wait_for_selector("article.sr-q")
        with page.expect_download() as kit_download:
            page.get_by_role("button", name="Download JSON").click()
        kit_path = tmp_path / "kit.json"
        kit_download.value.save_as(kit_path)

        page.get_by_role("button", name="Score this interview").click()
        page.wait_for_selector("form.scorecard-form")
        assert page.locator("form.scorecard-form select").count() == 4
        cards = []
        # Saving downloads the file and leaves the form up, so the next interviewer can
        # use the same page.
        for name, first, second in (("Ann", "excellent", "good"), ("Ben", "poor", "good")):
            page.get_by_label("Your name").fill(name)
            page.get_by_label("Rating for question 1").select_option(first)
            page.get_by_label("Notes for question 1").fill(f"{name}'s view of the first answer")
            page.get_by_label("Rating for question 2").select_option(second)
            with page.expect_download() as card_download:
                page.get_by_role("button", name="Save my scorecard").click()
            saved = tmp_path / f"{name}.json"
            card_download.value.save_as(saved)
            cards.append(str(saved))

        page.get_by_role("link", name="Score, debrief, compare").click()
        debrief_form = page.get_by_role("region", name="Debrief a panel")
        debrief_form.get_by_label("Kit (JSON)").set_input_files(str(kit_path))
        page.get_by_label("Scorecards").set_input_files(cards)
        page.get_by_label("Candidate's name").fill("Riley")
        page.get_by_role("button", name="Build the debrief").click()
        page.wait_for_selector("article.sr-report")
        report = page.locator("article.sr-report")
        assert report.locator("svg").count() == 1
        assert "Riley" in page.locator("article.sr-report h2").first.inner_text()
        unknown = report.locator("li", has_text="3 levels apart")
        assert unknown.count() == 1 and "Ann excellent" in unknown.inner_text()
        assert report.locator("li", has_text="rated without a usable note").count() >= 1
        assert not [e for e in errors if "Content Security Policy" in e]
    finally:
        context.close()


def test_follow_up_an_answer_from_the_kit_page_without_javascript(
    browser: Any,
    live_server: Any,
    tmp_path: Path,
    make_text_resume: Callable[..., str],
) -> None:
    """An interviewer opens the follow-up form from the kit, picks a question, pastes the
    answer and gets the probes; then the same answer as rehearsal feedback. Plain form
    posts: JavaScript is off in this browser."""
    resume_path = tmp_path / "resume.txt"
    resume_path.write_text(make_text_resume(), encoding="utf-8")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    answer = "We always did it together as a team; we just kept going until it was fixed."
    try:
        page.goto(live_server.url + "/")
        page.get_by_label("Resume", exact=True).set_input_files(str(resume_path))
        page.get_by_label("Number of questions").fill("3")
        page.get_by_role("button", name="Build the kit").click()
        page.wait_for_selector("article.sr-q")
        second = page.locator("article.sr-q .sr-q-title").nth(1).inner_text()
        page.get_by_role("button", name="Follow up an answer").click()
        page.wait_for_selector("form.followup-form")
        assert page.get_by_label("Question", exact=True).locator("option").count() == 3
        page.get_by_label("Question", exact=True).select_option(index=1)
        page.get_by_label("The candidate's answer").fill(answer)
        page.get_by_role("button", name="Get follow-ups").click()

        result = page.locator("section.followup-result")
        result.wait_for()
        assert second.split(".", 1)[1].strip()[:30] in result.inner_text()
        probes = result.locator("ol.probes li").all_inner_texts()
        assert 1 <= len(probes) <= 3 and all(p.rstrip().endswith("?") for p in probes)
        assert any("personally" in p for p in probes)  # "we" throughout: their own part
        assert any("real occasion" in p for p in probes)  # habits: one specific example
        # The form stays on that question with the answer, ready for rehearsal feedback.
        assert page.get_by_label("The candidate's answer").input_value() == answer
        page.get_by_label("A candidate rehearsing").check()
        page.get_by_role("button", name="Get follow-ups").click()
        page.locator("p.feedback").wait_for()
        feedback = page.locator("p.feedback").inner_text()
        assert "Your answer" in feedback and "one real occasion" in feedback
        assert page.get_by_role("heading", name="Feedback on your answer").is_visible()
    finally:
        context.close()
