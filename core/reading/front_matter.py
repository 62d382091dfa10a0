"""YAML front matter above a Markdown body, as guidance documents and job descriptions
written in Markdown often carry it."""

from __future__ import annotations

import yaml


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
