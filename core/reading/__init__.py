"""Stage 1, reading: a file's bytes in, a ``Document`` out (text, page spans, hidden text set
aside), by whichever reader plugin fits the content; readers share the text clean-up here."""
