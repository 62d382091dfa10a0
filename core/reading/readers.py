"""Stage 1: bytes in, a Document out, by whichever registered reader fits the content.

Readers are plugins (see ``register_readers``); the built-in PDF, DOCX, text and JSON
Resume readers live in ``plugins/`` and are registered exactly like a third party's.
A file is routed by what its bytes are, not by what its name claims.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from pathlib import PurePath
from typing import ClassVar

from ..errors import UnreadableResume, UnsupportedFileType
from ..models import Document

# Fewer visible characters than this and there is nothing to interview about.
MIN_TEXT_CHARS = 40


class ResumeReader(ABC):
    """Turns the bytes of one file format into a :class:`Document`.

    Subclasses set ``name``, ``extensions`` (lower case, with the dot) and
    ``media_types``, implement :meth:`read`, and usually :meth:`sniff`.
    """

    name: ClassVar[str]
    extensions: ClassVar[tuple[str, ...]] = ()
    media_types: ClassVar[tuple[str, ...]] = ()
    # Plain-text style readers accept almost anything: they are tried last.
    fallback: ClassVar[bool] = False

    def sniff(self, data: bytes) -> bool:
        """True when the bytes are recognisably this reader's format."""
        return False

    @abstractmethod
    def read(self, data: bytes, filename: str | None = None) -> Document:
        """Extract the text. Raise UnreadableResume with a one-sentence fix when it can't."""


def _extension(filename: str | None) -> str:
    return PurePath(filename).suffix.lower() if filename else ""


def choose_reader(
    data: bytes,
    filename: str | None,
    readers: Sequence[ResumeReader],
    media_type: str | None = None,
) -> ResumeReader:
    """Pick the reader for these bytes: content first, then the name, then a fallback."""
    ext = _extension(filename)
    sniffed = [r for r in readers if not r.fallback and r.sniff(data)]
    if sniffed:
        # Prefer the sniffing reader that also claims the extension (e.g. .docx vs a
        # generic zip-based reader), otherwise the first one registered.
        for reader in sniffed:
            if ext in reader.extensions:
                return reader
        return sniffed[0]
    by_name = [r for r in readers if ext and ext in r.extensions and not r.fallback]
    if by_name:
        kind = by_name[0].name
        raise UnsupportedFileType(
            f"The file is named '{PurePath(filename or '').name}' but its content is not a "
            f"valid {kind} file; export the resume again as PDF, DOCX, plain text or "
            "JSON Resume and upload that."
        )
    if media_type:
        for reader in readers:
            if media_type in reader.media_types and reader.sniff(data):
                return reader
    for reader in readers:
        if reader.fallback and reader.sniff(data):
            return reader
    shown = PurePath(filename).name if filename else "This file"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # the old binary Office format
        raise UnsupportedFileType(
            f"{shown} is an old Word (.doc) file; open it in Word or LibreOffice, save it as "
            ".docx or PDF, and upload that."
        )
    raise UnsupportedFileType(
        f"{shown} is not a format secondround can read; upload a PDF with a text layer, "
        "a DOCX, a .txt or .md file, or a JSON Resume."
    )


def read_document(
    data: bytes,
    filename: str | None,
    readers: Sequence[ResumeReader],
    media_type: str | None = None,
) -> Document:
    """Read a resume file into a Document, or raise a SecondRoundError saying what to do."""
    if not data or not data.strip():
        raise UnreadableResume(
            "The file is empty; choose the resume file itself and upload it again."
        )
    reader = choose_reader(data, filename, readers, media_type)
    document = reader.read(data, filename)
    if not document.reader:
        document.reader = reader.name
    if document.filename is None and filename:
        document.filename = PurePath(filename).name
    visible = len("".join(document.text.split()))
    if visible < MIN_TEXT_CHARS:
        raise UnreadableResume(
            f"The file holds only {visible} readable characters, too little to interview "
            "about; upload the full resume (a PDF with selectable text, DOCX, .txt or JSON "
            "Resume)."
        )
    return document
