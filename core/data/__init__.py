"""Package data: the embedding tokenizer and the compliance rules."""
