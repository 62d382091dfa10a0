"""secondround's engine: a resume in, a grounded second-round interview kit out."""
