"""The guidance corpus: Markdown documents with front matter, split into passages.

Documents come from the built-in ``corpus/`` folder, from plugins
(``register_corpus_documents``) and from a user's ``secondround index PATH``.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, Field


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


def split_front_matter(raw: str) -> tuple[dict[str, object], str]:
    """Split ``---``-delimited YAML front matter from a Markdown body.

    Front matter that is not valid YAML is treated as body text rather than failing:
    guidance from users is often hand-written.
    """
    text = raw.lstrip("\ufeff")
    if not text.startswith("---"):
        return {}, text
    end = text.find("\n---", 3)
    if end == -1:
        return {}, text
    head = text[3:end]
    body = text[end + 4 :].lstrip("\n")
    try:
        meta = yaml.safe_load(head) or {}
    except yaml.YAMLError:
        return {}, text
    if not isinstance(meta, dict):
        return {}, text
    return {str(k): v for k, v in meta.items()}, body


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    return [str(value)]
