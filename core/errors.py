"""Domain errors. Each says, in one sentence, what is wrong and what to do.

The CLI prints ``str(error)`` and exits with :attr:`SecondRoundError.exit_code`;
the server maps :attr:`SecondRoundError.http_status` to a problem-details response.
Neither adds a traceback for these: they are the user's to fix, not bugs.
"""

from __future__ import annotations


class SecondRoundError(Exception):
    """Base class. ``title`` is short; ``str(error)`` is the full sentence."""

    title = "Request failed"
    http_status = 400
    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidRequest(SecondRoundError):
    title = "Invalid request"
    http_status = 400


class UnknownName(InvalidRequest):
    """An unknown round, generator, exporter or format was named."""

    title = "Unknown name"


class InvalidScorecard(InvalidRequest):
    """A scorecard, debrief or answer that cannot be used: wrong kit, unknown question
    ids, a rating that is not on the scale. The message names the first problem."""

    title = "Invalid scorecard"
    http_status = 422


class InvalidSetting(SecondRoundError):
    """A SECONDROUND_* variable (or .env entry) holds a value that cannot be used."""

    title = "Invalid setting"
    http_status = 500


class UnsupportedFileType(SecondRoundError):
    title = "Unsupported file type"
    http_status = 415


class InputTooLarge(SecondRoundError):
    title = "Input too large"
    http_status = 413


class UnreadableResume(SecondRoundError):
    """The file is of a known type but holds no usable resume text."""

    title = "Unreadable resume"
    http_status = 422


class NotAResume(UnreadableResume):
    title = "Not a resume"


class PluginError(SecondRoundError):
    title = "Plugin error"
    http_status = 500
    exit_code = 1


class IndexUnavailable(SecondRoundError):
    """The guidance index (embedded or a Chroma server) cannot be opened or queried."""

    title = "Guidance index unavailable"
    http_status = 503
    exit_code = 1


class Unauthorized(SecondRoundError):
    title = "Authentication required"
    http_status = 401


class Forbidden(SecondRoundError):
    title = "Not allowed"
    http_status = 403


class ServerBusy(SecondRoundError):
    """Every build slot or reader process stayed busy; the client should retry later."""

    title = "Server busy"
    http_status = 503
    exit_code = 1


class TooManyRequests(SecondRoundError):
    title = "Too many requests"
    http_status = 429
