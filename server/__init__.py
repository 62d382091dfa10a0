"""The HTTP API and upload page: thin routes over secondround.core."""
