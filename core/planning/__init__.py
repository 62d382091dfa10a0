"""Stage 3, planning: a round type, a question count and an ``Analysis`` in, a ``Plan`` out
(purposes, counts, order, minutes, panel roles); role profiles for structured rounds live here."""
