"""Question-quality evaluation over resumes with answer keys."""
