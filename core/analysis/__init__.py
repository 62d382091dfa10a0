"""Stage 2, analysis: a ``Document`` plus optional job description and notes in, an ``Analysis``
out: the resume's structure, facts with exact quotes and spans, and protected details set aside."""
