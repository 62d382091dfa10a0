"""Stage 4, guidance: the corpus, its embeddings and the Chroma index; a ``Plan``'s queries in,
guidance ``Passage``s out (cached per index state, so a warm run needs neither model nor Chroma)."""
