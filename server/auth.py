"""API keys: constant-time checks against every configured key.

A key travels as ``Authorization: Bearer KEY`` or ``X-API-Key: KEY``; the upload page
also accepts HTTP Basic (any user name, the key as password), because that is the
one credential a browser sends without JavaScript. Corpus writes take an admin key
from the two headers only: a browser never adds those to a cross-site form post, so
a cached Basic login cannot be borrowed to change the index.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import secrets
from dataclasses import dataclass

from starlette.requests import Request

from secondround.core.errors import Forbidden, Unauthorized
from secondround.core.settings import Settings

REALM = "secondround"


@dataclass(frozen=True)
class Credential:
    key: str
    scheme: str  # "bearer" | "x-api-key" | "basic"

    @property
    def client_id(self) -> str:
        """A stable, non-reversible id for rate limiting and never the key itself."""
        return "key:" + hashlib.sha256(self.key.encode("utf-8")).hexdigest()[:16]


def presented_credential(request: Request) -> Credential | None:
    """The key the client presented, from whichever header carried it."""
    header = request.headers.get("x-api-key")
    if header:
        return Credential(header.strip(), "x-api-key")
    authorization = request.headers.get("authorization", "")
    scheme, _, value = authorization.partition(" ")
    value = value.strip()
    if scheme.lower() == "bearer" and value:
        return Credential(value, "bearer")
    if scheme.lower() == "basic" and value:
        try:
            decoded = base64.b64decode(value, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None
        _, _, password = decoded.partition(":")
        return Credential(password, "basic") if password else None
    return None


def key_matches(presented: str, configured: list[str]) -> bool:
    """True when ``presented`` equals one of ``configured``, in constant time.

    Every configured key is compared (no early exit), so the time taken does not
    tell which key, or how much of one, matched.
    """
    given = presented.encode("utf-8")
    matched = False
    for key in configured:
        matched |= secrets.compare_digest(given, key.encode("utf-8"))
    return matched


def _challenge(browser: bool) -> dict[str, str]:
    scheme = "Basic" if browser else "Bearer"
    return {"WWW-Authenticate": f'{scheme} realm="{REALM}", charset="UTF-8"'}


def _unauthorized(message: str, browser: bool) -> Unauthorized:
    error = Unauthorized(message)
    error.headers = _challenge(browser)  # type: ignore[attr-defined]
    return error


def check_api_key(request: Request, settings: Settings, *, browser: bool = False) -> None:
    """Raise unless API keys are off or the request carries a valid (or admin) key."""
    keys = settings.api_key_list
    if not keys:
        return
    credential = presented_credential(request)
    if credential is None or (credential.scheme == "basic" and not browser):
        raise _unauthorized(
            "This server needs an API key; send it as 'Authorization: Bearer KEY' or "
            "'X-API-Key: KEY'.",
            browser,
        )
    if not key_matches(credential.key, keys + settings.admin_key_list):
        raise Forbidden("The API key sent is not valid here; check it with the server's admin.")


def check_admin_key(request: Request, settings: Settings) -> None:
    """Raise unless the request carries an admin key (always needed for corpus writes)."""
    credential = presented_credential(request)
    admin_keys = settings.admin_key_list
    if credential is None or credential.scheme == "basic":
        raise _unauthorized(
            "Adding guidance needs an admin key; send it as 'Authorization: Bearer KEY' or "
            "'X-API-Key: KEY'.",
            False,
        )
    if not admin_keys:
        raise Forbidden(
            "This server has no admin keys, so guidance cannot be added over HTTP; set "
            "SECONDROUND_ADMIN_KEYS on the server, or use `secondround index` there."
        )
    if not key_matches(credential.key, admin_keys):
        raise Forbidden("That key is not an admin key; corpus writes need one of the admin keys.")
