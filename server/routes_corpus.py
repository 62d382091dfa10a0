"""``POST /v1/corpus/documents``: add an organisation's own guidance (admin key only)."""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path, PurePosixPath, PureWindowsPath

import anyio.to_thread
from fastapi import APIRouter, Depends, Request

from secondround.core.errors import InvalidRequest, UnsupportedFileType
from secondround.core.guidance.corpus import USER_EXTENSIONS, load_user_documents
from secondround.core.pipeline import Engine

from .deps import EngineDep, SettingsDep, admin_access
from .forms import FilePart, parse_form
from .limits import FORM_OVERHEAD_BYTES, read_body
from .openapi_docs import problems
from .schemas import CorpusAddResponse

router = APIRouter(prefix="/v1", tags=["corpus"], dependencies=[Depends(admin_access)])

MAX_FILES = 20


@router.post(
    "/corpus/documents",
    response_model=CorpusAddResponse,
    responses=problems(400, 401, 403, 413, 415, 429, 503),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["files"],
                        "properties": {
                            "files": {
                                "type": "array",
                                "items": {"type": "string", "format": "binary"},
                                "description": "Guidance files: " + ", ".join(USER_EXTENSIONS),
                            }
                        },
                    }
                }
            },
        }
    },
)
async def add_corpus_documents(
    request: Request, settings: SettingsDep, engine: EngineDep
) -> CorpusAddResponse:
    """Upload guidance files (field `files`, repeatable). Re-uploading a file of the same
    name replaces its passages. Needs an admin key (`SECONDROUND_ADMIN_KEYS`)."""
    body = await read_body(request, settings.max_upload_bytes + FORM_OVERHEAD_BYTES)
    form = parse_form(body, request.headers.get("content-type", ""), settings.max_upload_bytes)
    uploads = [part for name, part in form.files if name in ("files", "file") and part.data]
    if not uploads:
        raise InvalidRequest("No guidance file was sent; attach files as the 'files' field.")
    if len(uploads) > MAX_FILES:
        raise InvalidRequest(f"Send at most {MAX_FILES} files at a time.")
    return await anyio.to_thread.run_sync(_index_uploads, engine, uploads)


def safe_filename(name: str) -> str:
    """The upload's bare file name, or InvalidRequest if it tries to name a path."""
    bare = name.strip()
    if (
        not bare
        or bare != PurePosixPath(bare).name
        or bare != PureWindowsPath(bare).name
        or bare in (".", "..")
        or bare.startswith(".")
        or any(ch in bare for ch in "\x00/\\:")
        # Control and format characters (a right-to-left override, zero-width joiners)
        # would let a source name read differently in search results than it is.
        or any(unicodedata.category(ch) in ("Cc", "Cf") for ch in bare)
    ):
        raise InvalidRequest(
            f"The file name {name!r} is not a plain file name; name the file without folders."
        )
    if PurePosixPath(bare).suffix.lower() not in USER_EXTENSIONS:
        raise UnsupportedFileType(
            f"{bare} is not a guidance file secondround can read; use {', '.join(USER_EXTENSIONS)}."
        )
    return bare


def _index_uploads(engine: Engine, uploads: list[FilePart]) -> CorpusAddResponse:
    names = [safe_filename(part.filename) for part in uploads]
    if len({n.lower() for n in names}) != len(names):
        raise InvalidRequest("Two uploaded files have the same name; rename one of them.")
    skipped: list[str] = []
    # Guidance (never a resume) goes through a temporary folder because core reads
    # documents from paths; the folder is removed before the response is sent.
    with tempfile.TemporaryDirectory(prefix="secondround-upload-") as folder:
        root = Path(folder)
        paths = []
        for name, part in zip(names, uploads, strict=True):
            path = root / name
            path.write_bytes(part.data)
            paths.append(path)
        documents = load_user_documents(paths, root=root, on_skip=skipped.append)
        if not documents:
            raise InvalidRequest(
                "None of the files held readable guidance"
                + (f" ({'; '.join(skipped)})" if skipped else "")
                + "; upload .md, .txt, .pdf, .docx or .html files with text in them."
            )
        stats = engine.add_guidance(documents)
    return CorpusAddResponse(
        documents=len(documents),
        sources=sorted({d.source for d in documents}),
        added=stats.added,
        removed=stats.removed,
        unchanged=stats.unchanged,
        total=stats.total,
        skipped=skipped,
    )
