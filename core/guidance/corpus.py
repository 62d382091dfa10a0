"""The guidance corpus: Markdown documents with front matter, split into passages.

Documents come from the built-in ``corpus/`` folder, from plugins
(``register_corpus_documents``) and from a user's ``secondround index PATH``
(Markdown, text, PDF, Word or HTML files). Each is split at its headings, then into
passages small enough for the embedder, with ids derived from their content so
re-indexing only touches what changed.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, Field

from ..errors import InvalidRequest, UnsupportedFileType
from ..reading.front_matter import split_front_matter


class CorpusDocument(BaseModel):
    """One guidance document. ``source`` is its stable name (ids derive from it)."""

    source: str
    text: str  # the body, front matter removed
    title: str = ""
    purposes: list[str] = Field(default_factory=list)
    rounds: list[str] = Field(default_factory=list)
    audience: str = "interviewer"  # interviewer | candidate | both

    @classmethod
    def from_markdown(cls, raw: str, source: str) -> CorpusDocument:
        meta, body = split_front_matter(raw)
        return cls(
            source=source,
            text=body,
            title=str(meta.get("title") or ""),
            purposes=_as_list(meta.get("purpose") or meta.get("purposes")),
            rounds=_as_list(meta.get("round") or meta.get("rounds")),
            audience=str(meta.get("audience") or "interviewer"),
        )

    @classmethod
    def coerce(cls, obj: object, plugin: str) -> CorpusDocument:
        """Accept what a plugin registers: a CorpusDocument or a path to Markdown."""
        if isinstance(obj, CorpusDocument):
            return obj
        if isinstance(obj, (str, Path)):
            path = Path(obj)
            return cls.from_markdown(path.read_text(encoding="utf-8"), f"{plugin}:{path.name}")
        raise TypeError("register_corpus_documents expects a CorpusDocument or a Path")


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    return [str(value)]


# --------------------------------------------------------------------------- chunks

ORIGIN_BUILTIN = "builtin"
ORIGIN_PLUGIN = "plugin"
ORIGIN_USER = "user"
MANAGED_ORIGINS = (ORIGIN_BUILTIN, ORIGIN_PLUGIN)

# ~700 characters is ~150 words, well under the embedder's 256 word-pieces even with
# the heading path prefixed, so no passage is silently cut when it is embedded.
CHUNK_CHARS = 700
CHUNK_OVERLAP = 100
# Bump when chunking changes, so existing indexes re-chunk on the next run.
CHUNKING_VERSION = "1"

_HEADERS = [("#", "h1"), ("##", "h2"), ("###", "h3"), ("####", "h4")]


@dataclass(frozen=True)
class Chunk:
    """One passage of a document, as it is stored in the index."""

    id: str
    text: str
    source: str
    title: str
    heading: str  # the heading path, "H1 > H2"
    purposes: tuple[str, ...]
    rounds: tuple[str, ...]
    audience: str
    origin: str

    @property
    def embedding_text(self) -> str:
        """The heading path says what a short passage is about; embed it with the text."""
        parts = [self.title, self.heading]
        if self.title and self.heading.startswith(self.title):
            parts = [self.heading]  # the document's H1 is usually its title
        context = " > ".join(p for p in parts if p)
        return f"{context}\n{self.text}" if context else self.text


def origin_of(document: CorpusDocument) -> str:
    """Built-in corpus documents are named ``corpus/...``; anything else came from a plugin."""
    return ORIGIN_BUILTIN if document.source.startswith("corpus/") else ORIGIN_PLUGIN


def chunk_id(source: str, heading: str, content: str) -> str:
    digest = hashlib.sha256(f"{source}\x1f{heading}\x1f{content}".encode()).hexdigest()
    return digest[:16]


def chunk_document(document: CorpusDocument, origin: str) -> list[Chunk]:
    """Split a document at its headings, then into passages of ~700 characters."""
    from langchain_text_splitters import (
        MarkdownHeaderTextSplitter,
        RecursiveCharacterTextSplitter,
    )

    by_heading = MarkdownHeaderTextSplitter(_HEADERS, strip_headers=True)
    by_size = RecursiveCharacterTextSplitter(
        chunk_size=CHUNK_CHARS, chunk_overlap=CHUNK_OVERLAP, keep_separator=True
    )
    purposes = tuple(document.purposes)
    rounds = tuple(document.rounds)
    # Metadata and the chunking version are part of each id: a changed purpose, or a
    # change to how passages are cut or embedded, re-indexes the passage too.
    meta_key = "|".join(
        [CHUNKING_VERSION, document.title, ",".join(purposes), ",".join(rounds), document.audience]
    )
    chunks: list[Chunk] = []
    seen: set[str] = set()
    for section in by_heading.split_text(document.text):
        heading = " > ".join(
            str(section.metadata[key]) for _, key in _HEADERS if key in section.metadata
        )
        # The header splitter marks former blank lines with "  \n": restore paragraphs
        # so the size splitter can break between them.
        body = section.page_content.replace("  \n", "\n\n").strip()
        for piece in by_size.split_text(body):
            text = piece.strip()
            if not text:
                continue
            cid = chunk_id(document.source, heading, f"{meta_key}\x1f{origin}\x1f{text}")
            if cid in seen:
                continue
            seen.add(cid)
            chunks.append(
                Chunk(
                    id=cid,
                    text=text,
                    source=document.source,
                    title=document.title or _first_heading(document.text),
                    heading=heading,
                    purposes=purposes,
                    rounds=rounds,
                    audience=document.audience,
                    origin=origin,
                )
            )
    return chunks


def chunk_documents(documents: Sequence[CorpusDocument], origin: str | None = None) -> list[Chunk]:
    """Chunk many documents; ``origin`` None means builtin or plugin, by source name."""
    chunks: list[Chunk] = []
    for document in documents:
        chunks.extend(chunk_document(document, origin or origin_of(document)))
    return chunks


def documents_hash(documents: Iterable[CorpusDocument]) -> str:
    """A hash of documents' raw text and metadata: cheap, and no chunking needed."""
    digest = hashlib.sha256(CHUNKING_VERSION.encode())
    for doc in sorted(documents, key=lambda d: d.source):
        record = [doc.source, doc.title, doc.purposes, doc.rounds, doc.audience, doc.text]
        digest.update(json.dumps(record, ensure_ascii=False).encode())
        digest.update(b"\x00")
    return digest.hexdigest()


def _first_heading(text: str) -> str:
    match = re.search(r"^#{1,6}[ \t]+(.+?)[ \t#]*$", text, flags=re.MULTILINE)
    return match.group(1).strip() if match else ""


# --------------------------------------------------------------------------- built-in


def corpus_dir() -> Path:
    """The built-in corpus folder (the ``secondround.corpus`` package)."""
    return Path(str(resources.files("secondround.corpus")))


def builtin_documents() -> list[CorpusDocument]:
    """Every ``corpus/**/*.md``, named ``corpus/<relative path>``.

    A ``README.md`` describes the corpus format for contributors and is not guidance.
    """
    root = corpus_dir()
    documents: list[CorpusDocument] = []
    for path in sorted(root.rglob("*.md")):
        if path.name.lower() == "readme.md" or not path.is_file():
            continue
        source = "corpus/" + path.relative_to(root).as_posix()
        documents.append(CorpusDocument.from_markdown(path.read_text(encoding="utf-8"), source))
    return documents


# --------------------------------------------------------------------------- user files

USER_EXTENSIONS = (".md", ".markdown", ".txt", ".pdf", ".docx", ".html", ".htm")
# A guidance file larger than this is almost certainly not guidance (and would take
# minutes to embed); it is skipped with a message.
MAX_USER_FILE_BYTES = 20 * 1024 * 1024


def load_user_documents(
    paths: Sequence[str | Path],
    *,
    root: str | Path | None = None,
    on_skip: Callable[[str], None] | None = None,
) -> list[CorpusDocument]:
    """Read a user's own guidance: files, or folders walked for supported files.

    :param paths: files (.md, .txt, .pdf, .docx, .html) and folders.
    :param root: when given, every path must resolve inside it (a server or a script
        that takes paths from elsewhere passes its upload folder here).
    :param on_skip: called with a one-sentence message for each file skipped (unreadable,
        empty, or a link leading out of its folder); the default prints to stderr.
    :raises InvalidRequest: a path does not exist or escapes ``root``.
    :raises UnsupportedFileType: a file named directly has an unsupported extension.
    """
    skip = on_skip or _print_skip
    base = Path(root).resolve() if root is not None else None
    documents: list[CorpusDocument] = []
    for raw in paths:
        given = Path(raw).expanduser()
        resolved = given.resolve()
        if base is not None and not resolved.is_relative_to(base):
            raise InvalidRequest(
                f"{given} is outside the folder {base.name}/; name files inside that folder only."
            )
        if not resolved.exists():
            raise InvalidRequest(f"{given} does not exist; check the path and try again.")
        if resolved.is_dir():
            documents.extend(_load_folder(resolved, skip))
            continue
        if resolved.suffix.lower() not in USER_EXTENSIONS:
            raise UnsupportedFileType(
                f"{given.name} is not a guidance file secondround can read; use "
                f"{', '.join(USER_EXTENSIONS)}."
            )
        document = _load_file(resolved, f"user:{given.name}", skip)
        if document is not None:
            documents.append(document)
    return documents


def _load_folder(folder: Path, skip: Callable[[str], None]) -> list[CorpusDocument]:
    documents: list[CorpusDocument] = []
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() not in USER_EXTENSIONS:
            continue
        real = path.resolve()
        relative = path.relative_to(folder).as_posix()
        # A symlink inside the folder may point anywhere on the machine; follow none
        # that lead out of the folder the user named.
        if not real.is_relative_to(folder):
            skip(f"Skipped {folder.name}/{relative}: it links outside {folder.name}/.")
            continue
        if not real.is_file():
            continue
        document = _load_file(real, f"user:{folder.name}/{relative}", skip)
        if document is not None:
            documents.append(document)
    return documents


def _load_file(path: Path, source: str, skip: Callable[[str], None]) -> CorpusDocument | None:
    label = source.removeprefix("user:")
    try:
        if path.stat().st_size > MAX_USER_FILE_BYTES:
            skip(f"Skipped {label}: it is larger than {MAX_USER_FILE_BYTES // 2**20} MB.")
            return None
        suffix = path.suffix.lower()
        if suffix in (".md", ".markdown"):
            document = CorpusDocument.from_markdown(_read_text(path), source)
        else:
            document = CorpusDocument(source=source, text=_EXTRACTORS[suffix](path))
    except Exception as exc:  # any reader failure means this one file is unusable
        skip(f"Skipped {label}: it could not be read ({type(exc).__name__}).")
        return None
    if not document.text.strip():
        skip(f"Skipped {label}: it holds no text.")
        return None
    if not document.title:
        # Markdown, Word and HTML headings are Markdown by now; a "#" at the start of
        # a PDF or text line is just a character.
        has_headings = suffix in (".md", ".markdown", ".docx", ".html", ".htm")
        title = _first_heading(document.text) if has_headings else ""
        stem = path.stem.replace("-", " ").replace("_", " ")
        document = document.model_copy(update={"title": title or stem})
    return document


def _print_skip(message: str) -> None:
    print(message, file=sys.stderr)


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _pdf_text(path: Path) -> str:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        pages = []
        for page in pdf:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return "\n\n".join(p.replace("\r\n", "\n").strip() for p in pages)
    finally:
        pdf.close()


def _docx_text(path: Path) -> str:
    import docx

    lines: list[str] = []
    for paragraph in docx.Document(str(path)).paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        style = paragraph.style.name if paragraph.style is not None else ""
        # Word headings become Markdown headings so chunks keep their heading path.
        level = re.fullmatch(r"Heading ([1-4])", style or "")
        if style == "Title":
            level_n = 1
        elif level:
            level_n = int(level.group(1))
        else:
            level_n = 0
        lines.append(f"{'#' * level_n} {text}" if level_n else text)
    return "\n\n".join(lines)


class _HTMLText(HTMLParser):
    _BLOCKS = frozenset(
        {
            "p",
            "div",
            "br",
            "li",
            "ul",
            "ol",
            "tr",
            "table",
            "section",
            "article",
            "blockquote",
            "pre",
            "hr",
            "dd",
            "dt",
        }
    )
    _HIDDEN = frozenset({"script", "style", "head", "noscript", "template", "svg"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self._hidden += 1
        elif re.fullmatch(r"h[1-4]", tag):
            self.parts.append("\n\n" + "#" * int(tag[1]) + " ")
        elif tag in self._BLOCKS:
            self.parts.append("\n\n" if tag != "li" else "\n- ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif re.fullmatch(r"h[1-4]", tag) or tag in self._BLOCKS:
            self.parts.append("\n\n" if tag != "li" else "")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(re.sub(r"\s+", " ", data))


def _html_text(path: Path) -> str:
    parser = _HTMLText()
    parser.feed(_read_text(path))
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n(#+ )\s+", r"\n\1", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


_EXTRACTORS: dict[str, Callable[[Path], str]] = {
    ".txt": _read_text,
    ".pdf": _pdf_text,
    ".docx": _docx_text,
    ".html": _html_text,
    ".htm": _html_text,
}
