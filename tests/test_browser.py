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
        page.get_by_label("Kit (JSON)").nth(1).set_input_files(str(kit_path))
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
