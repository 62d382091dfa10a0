"""The pieces of a model's answer every model prompt shares (a whole kit from
llm_prompt, rewrites from refine, probes from debrief/answer_prompt): JSON-schema
fields that tighten for a local server's grammar and loosen for strict mode, and
lenient readers for what a model wrote."""

from __future__ import annotations

from typing import Any


def schema_text(limit: int, strict: bool) -> dict[str, Any]:
    """A string field: length-limited for a local server's grammar, bare for strict mode."""
    return {"type": "string"} if strict else {"type": "string", "maxLength": limit}


def schema_array(items: dict[str, Any], most: int, least: int, strict: bool) -> dict[str, Any]:
    """An array field, with item counts only outside strict mode (which allows none)."""
    schema: dict[str, Any] = {"type": "array", "items": items}
    if not strict:
        schema["maxItems"] = most
        if least:
            schema["minItems"] = least
    return schema


def schema_answer(key: str, items: dict[str, Any]) -> dict[str, Any]:
    """The whole answer: an object holding one list under ``key``, nothing else."""
    return {
        "type": "object",
        "properties": {key: items},
        "required": [key],
        "additionalProperties": False,
    }


def lenient_text(value: object) -> str:
    """A model's value for a text field as text (None -> "", a number -> its digits)."""
    return "" if value is None else value if isinstance(value, str) else str(value)


def lenient_strings(value: object, numbers: bool = True) -> list[str]:
    """A model's value for a list of strings: one value becomes a list, blanks go."""
    items = value if isinstance(value, list) else [value] if value else []
    kinds = (str, int, float) if numbers else (str,)
    return [str(v) for v in items if isinstance(v, kinds) and str(v).strip()]


def json_in_text(text: str) -> Any:
    """The first JSON object or array in a model's text (after any prose or code fence
    it put in front), or None when there is none that parses."""
    import json

    decoder = json.JSONDecoder()
    for start, char in enumerate(text):
        if char in "{[":
            try:
                return decoder.raw_decode(text, start)[0]
            except ValueError:
                continue
    return None
