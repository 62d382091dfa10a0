"""The built-in guidance corpus (Markdown with front matter), shipped as package data."""
