"""Stage 5, generation: a ``Plan``, facts and passages in, draft ``Question``s out, from the
offline composer or a model; rating scales, redaction and structured-mode questions live here."""
