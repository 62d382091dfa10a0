"""Fuzzing: the API against its own OpenAPI schema, and properties of the parsers.

- schemathesis drives a real uvicorn process from ``/openapi.json``: no 5xx, and every
  response (kits and problems alike) matches the schema it documents;
- dates: a range found in text never ends before it starts; a date written back in a
  canonical form parses to itself;
- fact spans: a quote equals the resume text at its span, for resumes that came
  through the PDF and DOCX readers as well as plain text (tests/test_facts.py covers
  text handed to analysis directly);
- readers: random and mutated bytes make every reader succeed or raise a
  ``SecondRoundError``, never anything else.

The runs are small by default; ``SECONDROUND_FUZZ_EXAMPLES=500`` runs longer.
"""

from __future__ import annotations

import io
import os
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secondround.core.analysis.analyse import analyse
from secondround.core.analysis.dates import find_dates, parse_date
from secondround.core.errors import SecondRoundError
from secondround.core.models import YearMonth
from secondround.core.plugin_manager import build_registry
from secondround.core.reading.readers import read_document
from secondround.core.settings import Settings
from tests.conftest import LiveServer, pdf_from_lines, start_live_server, stop_live_server
from tests.test_facts import assert_quotes_exact, blocks

EXAMPLES = int(os.environ.get("SECONDROUND_FUZZ_EXAMPLES", "0")) or None
TODAY = YearMonth(year=2026, month=11)


def examples(default: int) -> int:
    return EXAMPLES or default


# --------------------------------------------------------------------------- the API

schemathesis = pytest.importorskip("schemathesis", reason="pip install schemathesis")


@pytest.fixture(scope="module")
def fuzz_server(
    index_data_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    log = tmp_path_factory.mktemp("fuzz") / "server.log"
    server = start_live_server(index_data_dir, log, SECONDROUND_PARSE_TIMEOUT_S="5")
    try:
        yield server
    finally:
        stop_live_server(server)


def api_operations(server: LiveServer) -> list[Any]:
    schema = schemathesis.openapi.from_url(server.url + "/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    # Corpus writes need an admin key this server does not have: every call is a 403,
    # which says nothing about parsing. The rest is fuzzed.
    return [op for op in operations if op.path != "/v1/corpus/documents"]


def fuzz_operation(
    operation: Any, url: str, checks: list[Any], statuses: dict[str, set[int]]
) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=examples(12),
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=EXAMPLES is None,
        database=None,
    )
    def call(case: Any) -> None:
        response = case.call_and_validate(base_url=url, checks=checks, timeout=60)
        statuses.setdefault(operation.label, set()).add(response.status_code)

    call()


@pytest.mark.slow
def test_the_api_never_errors_and_matches_its_schema(fuzz_server: LiveServer) -> None:
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    checks = [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
    ]
    operations = api_operations(fuzz_server)
    assert {op.path for op in operations} >= {"/v1/kits", "/v1/guidance/search", "/readyz"}
    statuses: dict[str, set[int]] = {}
    for operation in operations:
        # One hypothesis run per operation (schemathesis' pytest plugin does the same).
        fuzz_operation(operation, fuzz_server.url, checks, statuses)
    # The kit route was really exercised, past the schema into the readers.
    assert statuses["POST /v1/kits"] - {200}, statuses


def test_the_fuzzed_server_logged_no_error(fuzz_server: LiveServer) -> None:
    # Runs after the fuzzing in this module: a 4xx is fine, a logged failure is not.
    assert not [line for line in fuzz_server.log_lines() if '"level": "error"' in line]


# --------------------------------------------------------------------------- dates

years = st.integers(min_value=1960, max_value=2030)
months = st.integers(min_value=1, max_value=12)
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


@given(
    st.lists(
        st.sampled_from(
            [
                "2019",
                "2021",
                "May",
                "Sept.",
                "03/2020",
                "2018-07",
                "–",
                "-",
                " to ",
                "Present",
                " ",
                "\n",
                "|",
                "Summer",
                "'19",
                "至今",
                "年",
                "12",
                "(expected)",
                "now",
                "/",
            ]
        ),
        max_size=40,
    ).map("".join)
)
@settings(max_examples=examples(400), derandomize=EXAMPLES is None, database=None)
def test_a_found_range_never_ends_before_it_starts(text: str) -> None:
    for found in find_dates(text, TODAY):
        if found.start is not None and found.end is not None:
            assert (found.start.year, found.start.month or 1) <= (
                found.end.year,
                found.end.month or 12,
            ), (text, found)


@given(years, st.one_of(st.none(), months), st.sampled_from(["name", "numeric", "iso"]))
@settings(max_examples=examples(300))
def test_parse_date_reads_back_what_it_would_write(
    year: int, month: int | None, style: str
) -> None:
    if month is None:
        written = str(year)
    elif style == "name":
        written = f"{MONTHS[month - 1]} {year}"
    elif style == "numeric":
        written = f"{month:02d}/{year}"
    else:
        written = f"{year}-{month:02d}"
    parsed = parse_date(written)
    assert parsed == YearMonth(year=year, month=month), written
    # Round trip: the parsed value, written again the same way, parses to itself.
    assert parsed is not None
    again = parse_date(written.replace(str(year), str(parsed.year)))
    assert again == parsed


# --------------------------------------------------------------------------- fact spans


def _docx(lines: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


LATIN1_BLOCKS = blocks.filter(
    lambda b: all((ord(ch) < 256 and ch.isprintable()) or ch == "\n" for ch in b)
)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@given(parts=st.lists(LATIN1_BLOCKS, min_size=2, max_size=10))
@settings(
    max_examples=examples(15),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.function_scoped_fixture],
)  # fmt: skip
def test_quotes_equal_the_text_at_their_spans_after_a_reader(fmt: str, parts: list[str]) -> None:
    lines = ["Alex Morgan", *"\n".join(parts).splitlines()]
    data = pdf_from_lines(lines) if fmt == "pdf" else _docx(lines)
    try:
        document = read_document(data, f"cv.{fmt}", READERS)
        analysis = analyse(document, today=TODAY)
    except SecondRoundError:
        return  # e.g. too little text, or not a resume: a clear refusal
    # The reader's text is the ground truth: every quote is a slice of it.
    assert_quotes_exact(analysis, document.text)
    for role in analysis.resume.roles:
        for bullet in role.bullets:
            assert document.text[bullet.span.start : bullet.span.end] == bullet.text


# --------------------------------------------------------------------------- readers

READERS = build_registry(Settings(_env_file=None)).readers  # type: ignore[call-arg]


def _seeds() -> dict[str, bytes]:
    from tests.test_hostile_inputs import docx_bytes, resume_pdf

    return {
        "pdf": resume_pdf(),
        "docx": docx_bytes(),
        "txt": b"Jordan Avery\nExperience\nEngineer, Acme, 2019 - 2021\n- Built tools\n",
        "json": b'{"basics": {"name": "J"}, "work": [{"name": "Acme", "position": "Eng",'
        b' "startDate": "2019-01", "highlights": ["Built tools used by 40 people"]}]}',
    }


SEEDS = _seeds()


def mutate(data: bytes, rng: random.Random, edits: int) -> bytes:
    """Flip, insert, delete and splice bytes: the damage files pick up on the way."""
    buffer = bytearray(data)
    for _ in range(edits):
        if not buffer:
            break
        at = rng.randrange(len(buffer))
        kind = rng.randrange(5)
        if kind == 0:
            buffer[at] = rng.randrange(256)
        elif kind == 1:
            buffer[at:at] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 16)))
        elif kind == 2:
            del buffer[at : at + rng.randrange(1, 64)]
        elif kind == 3:
            buffer = buffer[:at]  # truncated
        else:
            other = rng.randrange(len(buffer))
            buffer[at:at] = buffer[other : other + rng.randrange(1, 256)]
    return bytes(buffer)


def read_or_refuse(data: bytes, filename: str) -> None:
    try:
        read_document(data, filename, READERS)
    except SecondRoundError as exc:
        assert exc.message.strip(), filename


@pytest.mark.parametrize("kind", sorted(SEEDS))
@given(seed=st.integers(min_value=0, max_value=2**32 - 1), edits=st.integers(1, 12))
@settings(max_examples=examples(60), deadline=None, derandomize=EXAMPLES is None)
def test_mutated_files_only_ever_raise_domain_errors(kind: str, seed: int, edits: int) -> None:
    rng = random.Random(seed)
    data = mutate(SEEDS[kind], rng, edits)
    read_or_refuse(data, f"cv.{kind}")
    read_or_refuse(data, None)  # type: ignore[arg-type]


@given(
    prefix=st.sampled_from([b"", b"%PDF-1.7\n", b"PK\x03\x04", b"{", b"\xef\xbb\xbf", b"\xff\xfe"]),
    body=st.binary(max_size=4096),
    name=st.sampled_from(["cv.pdf", "cv.docx", "cv.txt", "cv.json", "cv.md", "cv.yaml", "cv"]),
)
@settings(max_examples=examples(200), deadline=None, derandomize=EXAMPLES is None)
def test_random_bytes_only_ever_raise_domain_errors(prefix: bytes, body: bytes, name: str) -> None:
    read_or_refuse(prefix + body, name)
