"""Form bodies parsed in memory, never spooled to a temporary file.

Starlette's form parser puts every file part in a ``SpooledTemporaryFile`` that
rolls over to disk past 1 MB, which would write a resume to disk. The body has
already been read under the size cap (``limits.read_body``), so it is parsed here
from bytes with python-multipart's streaming parser and kept as bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header

from secondround.core.errors import InvalidRequest

from .limits import too_large

MAX_PARTS = 64


@dataclass
class FilePart:
    filename: str
    content_type: str
    data: bytes


@dataclass
class FormBody:
    fields: dict[str, str] = field(default_factory=dict)
    files: list[tuple[str, FilePart]] = field(default_factory=list)

    def file(self, name: str) -> FilePart | None:
        """The named file part, or None when absent or left empty in a browser form."""
        for part_name, part in self.files:
            if part_name == name and (part.filename or part.data):
                return part
        return None

    def text(self, name: str) -> str | None:
        """The named text field, or None when absent or blank."""
        value = self.fields.get(name)
        return value if value is not None and value.strip() else None


def media_type_of(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def parse_form(body: bytes, content_type: str, max_file_bytes: int) -> FormBody:
    """Parse a multipart or url-encoded body; file parts over ``max_file_bytes`` -> 413."""
    kind = media_type_of(content_type)
    if kind == "application/x-www-form-urlencoded":
        try:
            pairs = parse_qsl(
                body.decode("utf-8"), keep_blank_values=True, max_num_fields=MAX_PARTS
            )
        except (UnicodeDecodeError, ValueError):
            raise InvalidRequest("The form is not valid UTF-8 url-encoded data.") from None
        return FormBody(fields=dict(pairs))
    if kind != "multipart/form-data":
        raise InvalidRequest(f"Expected a form (multipart/form-data), got '{kind or 'nothing'}'.")
    _, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if not boundary:
        raise InvalidRequest("The multipart form has no boundary; let the client build it.")
    return _parse_multipart(body, boundary, max_file_bytes)


def _parse_multipart(body: bytes, boundary: bytes, max_file_bytes: int) -> FormBody:
    form = FormBody()
    state: dict[str, object] = {}
    header_name = bytearray()
    header_value = bytearray()
    headers: dict[bytes, bytes] = {}
    data = bytearray()

    def on_part_begin() -> None:
        headers.clear()
        data.clear()

    def on_header_field(buf: bytes, start: int, end: int) -> None:
        header_name.extend(buf[start:end])

    def on_header_value(buf: bytes, start: int, end: int) -> None:
        header_value.extend(buf[start:end])

    def on_header_end() -> None:
        headers[bytes(header_name).lower()] = bytes(header_value)
        header_name.clear()
        header_value.clear()

    def on_part_data(buf: bytes, start: int, end: int) -> None:
        data.extend(buf[start:end])
        if len(data) > max_file_bytes:
            raise too_large(max_file_bytes)

    def on_part_end() -> None:
        state["parts"] = int(state.get("parts", 0)) + 1  # type: ignore[call-overload]
        if state["parts"] > MAX_PARTS:  # type: ignore[operator]
            raise InvalidRequest(f"The form has more than {MAX_PARTS} parts.")
        _, options = parse_options_header(headers.get(b"content-disposition", b""))
        name = options.get(b"name", b"").decode("utf-8", "replace")
        if not name:
            raise InvalidRequest("A form part has no name; let the client build the form.")
        if b"filename" in options:
            filename = options[b"filename"].decode("utf-8", "replace")
            content_type = headers.get(b"content-type", b"").decode("latin-1")
            form.files.append((name, FilePart(filename, content_type, bytes(data))))
        else:
            try:
                form.fields[name] = data.decode("utf-8")
            except UnicodeDecodeError:
                raise InvalidRequest(f"The form field '{name}' is not UTF-8 text.") from None

    callbacks = {
        "on_part_begin": on_part_begin,
        "on_header_field": on_header_field,
        "on_header_value": on_header_value,
        "on_header_end": on_header_end,
        "on_part_data": on_part_data,
        "on_part_end": on_part_end,
    }
    try:
        parser = MultipartParser(boundary, callbacks)  # type: ignore[arg-type]
        parser.write(body)
        parser.finalize()
    except FormParserError:
        raise InvalidRequest(
            "The multipart form is malformed; let the HTTP client build it (e.g. curl -F)."
        ) from None
    return form
