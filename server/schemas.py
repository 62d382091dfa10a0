"""Request and response schemas of the HTTP API, with the examples /docs shows.

The kit itself is core's ``InterviewKit``: the API returns it exactly as the JSON
exporter writes it. Everything else here is the API's own shape.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from secondround.core.models import Audience, InterviewKit, Passage
from secondround.core.pipeline import MAX_COUNT

EXAMPLE_RESUME = (
    "Priya Raman\n\nExperience\nSenior Data Engineer, Northwind Logistics, Mar 2020 - Present\n"
    "- Led the migration of 40 batch pipelines to Airflow, cutting failed runs by 60%\n"
    "- Mentored three junior engineers\n\nSkills\nPython, SQL, Airflow, Kafka\n"
)


class KitOptions(BaseModel):
    """Options shared by the multipart and the JSON variants of ``POST /v1/kits``."""

    model_config = ConfigDict(extra="ignore")

    round: str = Field(
        default="second", description="Round type, one of `GET /v1/rounds`.", examples=["second"]
    )
    count: int | None = Field(
        default=None,
        ge=1,
        le=MAX_COUNT,
        description=f"Number of questions (1-{MAX_COUNT}); default: the round's own.",
        examples=[8],
    )
    audience: Audience = Field(
        default=Audience.interviewer,
        description="`candidate` adds preparation advice and questions to ask the employer.",
    )
    format: str | None = Field(
        default=None,
        description="`json` (default), `md` or `html`, or a plugin's format. Without it, "
        "the Accept header decides (`text/markdown` gives Markdown).",
        examples=["json"],
    )
    generator: str | None = Field(
        default=None, description="`offline` (default) or a configured model, e.g. `openai`."
    )
    job_text: str | None = Field(default=None, description="The job description, as text.")
    role: str | None = Field(
        default=None,
        description="A role profile as YAML (structured mode: the same core questions and "
        "rating scale for every candidate of the role; see docs/structured.md).",
    )
    notes_text: str | None = Field(
        default=None, description="First-interview or reference notes, as text."
    )


class KitJsonRequest(KitOptions):
    """``POST /v1/kits`` with ``Content-Type: application/json``: one of the two resumes."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"resume_text": EXAMPLE_RESUME, "round": "technical", "count": 6},
                {
                    "json_resume": {
                        "basics": {"label": "Data Engineer"},
                        "work": [
                            {
                                "name": "Northwind Logistics",
                                "position": "Senior Data Engineer",
                                "startDate": "2020-03",
                                "highlights": ["Cut failed pipeline runs by 60%"],
                            }
                        ],
                    },
                    "format": "md",
                },
            ]
        },
    )

    resume_text: str | None = Field(default=None, description="The resume as plain text.")
    role_profile: dict[str, Any] | None = Field(
        default=None, description="A role profile as a JSON object (or send `role` as YAML)."
    )
    json_resume: dict[str, Any] | None = Field(
        default=None, description="The resume as a JSON Resume document (jsonresume.org)."
    )

    @model_validator(mode="after")
    def _one_resume(self) -> KitJsonRequest:
        given = [n for n in ("resume_text", "json_resume") if getattr(self, n) is not None]
        if len(given) != 1:
            raise ValueError(
                "send exactly one of resume_text or json_resume"
                + (" (both were given)" if len(given) == 2 else "")
            )
        return self


class KitMultipartRequest(BaseModel):
    """``POST /v1/kits`` with ``Content-Type: multipart/form-data`` (documentation only)."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"round": "second", "count": 8, "format": "json"}]}
    )

    resume: bytes = Field(
        description="The resume file: PDF (with a text layer), DOCX, TXT, MD or JSON Resume. "
        "Its type is read from its content, not its name."
    )
    job: bytes | None = Field(default=None, description="Job description file (optional).")
    job_text: str | None = Field(default=None, description="Or the job description as text.")
    notes: bytes | None = Field(default=None, description="Notes file (optional).")
    notes_text: str | None = Field(default=None, description="Or the notes as text.")
    role: bytes | None = Field(default=None, description="Role profile YAML file (optional).")
    round: str = "second"
    count: int | None = Field(default=None, ge=1, le=MAX_COUNT)
    audience: Audience = Audience.interviewer
    format: str | None = None
    generator: str | None = None


class RoundInfo(BaseModel):
    """A round type, as `secondround rounds --json` prints it."""

    model_config = ConfigDict(extra="allow")

    name: str
    title: str
    description: str
    purposes: list[str]
    panel_roles: list[dict[str, Any]]
    default_count: int
    plugin: str


class PluginInfoOut(BaseModel):
    name: str
    version: str
    builtin: bool
    hooks: list[str]
    registered: list[str]


class PluginsResponse(BaseModel):
    """The loaded plugins, as `secondround plugins --json` prints them."""

    plugins: list[PluginInfoOut]
    problems: list[str] = Field(description="Problems met while loading plugins.")


GuidancePassage = Passage


class CorpusAddResponse(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "documents": 1,
                    "sources": ["user:our-panel-guide.md"],
                    "added": 6,
                    "removed": 0,
                    "unchanged": 0,
                    "total": 111,
                    "skipped": [],
                }
            ]
        }
    )

    documents: int = Field(description="Documents read from the upload.")
    sources: list[str] = Field(description="How each document is named in the index.")
    added: int
    removed: int
    unchanged: int
    total: int = Field(description="Passages in the index after the upload.")
    skipped: list[str] = Field(description="Files left out, each with the reason.")


class HealthResponse(BaseModel):
    status: str = Field(examples=["ok"])


class ReadyResponse(BaseModel):
    status: str = Field(examples=["ready"])
    passages: int = Field(description="Passages in the guidance index.")
    corpus_version: str
    reader_processes: int


class Problem(BaseModel):
    """An RFC 9457 problem document: every error the API returns has this shape."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "type": "urn:secondround:problem:unsupported-file-type",
                    "title": "Unsupported file type",
                    "status": 415,
                    "detail": "The file is named 'cv.pdf' but its content is not a valid pdf "
                    "file; export the resume again as PDF, DOCX, plain text or JSON Resume "
                    "and upload that.",
                    "instance": "/v1/kits",
                    "request_id": "5f0c6a8e2b7d4f1e9a3c0d2b4e6f8a1c",
                }
            ]
        },
    )

    type: str
    title: str
    status: int
    detail: str
    instance: str
    request_id: str


# --------------------------------------------------------------------------- batches


class BatchMultipartRequest(BaseModel):
    """``POST /v1/batches`` (multipart/form-data; documentation only): several resumes,
    one shared job description and round."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"round": "second", "count": 8}]},
    )

    resume: list[bytes] = Field(
        default_factory=list,
        description="Resume files, the field repeated once per file (PDF, DOCX, TXT, MD, "
        "JSON Resume). A file named *.zip here is taken as an archive.",
    )
    archive: bytes | None = Field(
        default=None, description="One .zip of resumes (folders inside are fine)."
    )
    job: bytes | None = Field(default=None, description="Job description file, for all.")
    job_text: str | None = Field(default=None, description="Or the job description as text.")
    role: bytes | None = Field(
        default=None, description="Role profile YAML: the same core questions for everyone."
    )
    round: str = "second"
    count: int | None = Field(default=None, ge=1, le=MAX_COUNT)
    audience: Audience = Audience.interviewer
    format: str | None = Field(
        default=None,
        description="Also render each kit in this format (`md`, `html`, ...) into the "
        "`kit` event's `rendered`; the kit's JSON is always sent.",
    )
    generator: str | None = None
    notes: list[bytes] = Field(
        default_factory=list,
        description="A candidate's first-interview notes, the field repeated once per "
        "candidate, each file named after its resume (jordan-rivera-notes.md for "
        "jordan-rivera.pdf).",
    )


class BatchFile(BaseModel):
    index: int = Field(description="Position in the batch: uploaded files, then the archive's.")
    file: str = Field(description="The upload's file name, or the path inside the archive.")


class BatchStartEvent(BaseModel):
    """The ``start`` event: every file the batch will run, before any result."""

    total: int
    files: list[BatchFile]


class BatchProgressEvent(BaseModel):
    """The ``progress`` event, after each file's result."""

    done: int = Field(description="Files finished so far, failed ones included.")
    failed: int = Field(description="Files that failed so far.")
    total: int


class BatchKitEvent(BatchFile):
    """The ``kit`` event: one resume's kit, as soon as it is built."""

    candidate: str
    top_facts: list[str]
    concerns: list[str]
    kit: InterviewKit = Field(description="The kit, exactly as `POST /v1/kits` returns it.")
    format: str | None = Field(default=None, description="The `format` asked for, if any.")
    media_type: str | None = None
    rendered: str | None = Field(
        default=None, description="The kit in `format`: text, or base64 for a binary format."
    )
    encoding: str | None = Field(default=None, description="`base64` for a binary format.")


class BatchErrorEvent(BatchFile):
    """The ``error`` event: one file that got no kit; the batch goes on."""

    title: str
    status: int = Field(description="The status `POST /v1/kits` would answer for this file.")
    detail: str


class BatchCandidate(BatchFile):
    """One line of the summary, in batch order (the CLI's summary.csv, less the kit file)."""

    status: str = Field(description="`done` or `failed`.")
    candidate: str = ""
    questions: int = 0
    top_facts: list[str] = Field(default_factory=list)
    concerns: list[str] = Field(default_factory=list)
    error: str = ""


class BatchSummaryEvent(BaseModel):
    """The ``summary`` event, always the last: every file of the batch."""

    total: int
    kits: int = Field(description="Files that got a kit.")
    failed: int = Field(description="Files that got an `error` event.")
    seconds: float
    candidates: list[BatchCandidate]
