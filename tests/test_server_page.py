"""The upload page without JavaScript: form, kit, downloads, errors, accessibility."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from secondround.core.settings import Settings
from secondround.server.app import create_app

HTML = {"Accept": "text/html"}


class PageOutline(HTMLParser):
    """What an accessibility check needs: controls, labels, headings, forms."""

    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.controls: list[dict[str, str]] = []
        self.label_for: set[str] = set()
        self.headings: list[int] = []
        self.scripts: list[dict[str, str]] = []
        self.hidden_inputs: dict[str, str] = {}
        self.details: list[dict[str, str]] = []
        self.forms: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang")
        elif tag in ("input", "select", "textarea"):
            if a.get("type") == "hidden":
                self.hidden_inputs[a.get("name", "")] = a.get("value", "")
            else:
                self.controls.append({"tag": tag, **a})
        elif tag == "label" and a.get("for"):
            self.label_for.add(a["for"])
        elif len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self.headings.append(int(tag[1]))
        elif tag == "script":
            self.scripts.append(a)
        elif tag == "details":
            self.details.append(a)
        elif tag == "form":
            self.forms.append(a)


def outline(html: str) -> PageOutline:
    parser = PageOutline()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(
        create_app(settings.model_copy(update={"max_concurrent_kits": 1}))
    ) as test_client:
        deadline = time.monotonic() + 60
        while test_client.get("/readyz").status_code != 200:
            assert time.monotonic() < deadline
            time.sleep(0.1)
        yield test_client


def test_form_is_accessible_and_lists_the_rounds(client: TestClient) -> None:
    page = client.get("/", headers=HTML)
    assert page.status_code == 200
    doc = outline(page.text)
    assert doc.lang == "en"
    assert doc.controls, "the form has controls"
    for control in doc.controls:
        assert control.get("id") in doc.label_for, f"no label for {control}"
    assert doc.headings[0] == 1
    assert all(b - a <= 1 for a, b in zip(doc.headings, doc.headings[1:], strict=False))
    # No inline script: the only script is a same-origin file the page works without.
    assert all(s.get("src", "").endswith("/static/page.js") for s in doc.scripts)
    rounds = {r["name"] for r in client.get("/v1/rounds").json()}
    assert all(f'value="{name}"' in page.text for name in rounds)
    upload_form = next(f for f in doc.forms if f.get("action", "").endswith("/kit"))
    assert upload_form["method"] == "post" and upload_form["enctype"] == "multipart/form-data"


def build_page(client: TestClient, resume: bytes, name: str, **fields: str) -> str:
    response = client.post(
        "/kit",
        files={"resume": (name, resume, "application/octet-stream")},
        data=fields,
        headers=HTML,
    )
    assert response.status_code == 200, response.text
    return response.text


def test_submitting_shows_the_kit_with_evidence_and_folded_details(
    client: TestClient, make_pdf: Callable[..., bytes], make_text_resume: Callable[..., str]
) -> None:
    pdf = make_pdf(make_text_resume().splitlines())
    html = build_page(client, pdf, "cv.pdf", round="second", count="6", job_text="Kafka expert")
    doc = outline(html)
    assert html.count('class="sr-q"') == 6
    assert "<mark>" in html
    assert doc.details and all("open" not in d for d in doc.details)
    assert "Follow-ups" in html and "A strong answer shows" in html
    assert all(b - a <= 1 for a, b in zip(doc.headings, doc.headings[1:], strict=False))
    # The pasted job text is kept in the form for the next kit; the file never is.
    assert ">Kafka expert</textarea>" in html
    assert "kit" in doc.hidden_inputs


def test_panel_kit_is_grouped_by_panelist(
    client: TestClient, make_text_resume: Callable[..., str]
) -> None:
    html = build_page(client, make_text_resume().encode(), "cv.txt", round="panel", count="6")
    roles = next(r for r in client.get("/v1/rounds").json() if r["name"] == "panel")
    titles = [role["title"] for role in roles["panel_roles"]]
    assert sum(f">{t}</h3>" in html for t in titles) >= 2


def test_downloads_render_the_kit_shown(
    client: TestClient, make_text_resume: Callable[..., str]
) -> None:
    html = build_page(client, make_text_resume().encode(), "cv.txt", count="5")
    kit_json = outline(html).hidden_inputs["kit"]
    kit = json.loads(kit_json)

    markdown = client.post("/kit/export", data={"kit": kit_json, "format": "md"})
    assert markdown.status_code == 200
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert markdown.headers["content-disposition"].startswith("attachment;")
    assert all(q["text"].split(",")[0][:30] in markdown.text for q in kit["questions"])

    as_json = client.post("/kit/export", data={"kit": kit_json, "format": "json"})
    assert as_json.headers["content-disposition"].startswith("attachment;")
    assert as_json.text == kit_json

    printable = client.post("/kit/export", data={"kit": kit_json, "format": "html"})
    assert printable.headers["content-disposition"].startswith("inline;")
    assert "@media print" in printable.text

    damaged = client.post("/kit/export", data={"kit": '{"round": 1}', "format": "md"})
    assert damaged.status_code == 400


def test_errors_show_on_the_page_with_the_right_status(client: TestClient) -> None:
    elf = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 300
    response = client.post(
        "/kit",
        files={"resume": ("resume.pdf", elf, "application/pdf")},
        data={"round": "technical", "notes_text": "Strong on SQL"},
        headers=HTML,
    )
    assert response.status_code == 415
    assert response.headers["content-type"].startswith("text/html")
    assert 'role="alert"' in response.text and "Unsupported file type" in response.text
    # What the interviewer typed survives the error.
    assert ">Strong on SQL</textarea>" in response.text
    assert 'value="technical" selected' in response.text


def test_page_assets_are_served(client: TestClient) -> None:
    css = client.get("/assets/kit.css")
    assert css.status_code == 200 and ".sr-kit" in css.text
    assert client.get("/static/page.css").status_code == 200
    assert client.get("/static/page.js").status_code == 200
