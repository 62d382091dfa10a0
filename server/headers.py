"""Security headers on every response, and the CSP for pages with a built-in <style>.

The default policy allows only this origin (no inline script, no inline style, no
framing). Two kinds of response need more and set their own policy first:
the print-ready kit HTML carries its CSS in one <style> element, allowed by that
element's hash (``style_hashes_csp``); FastAPI's /docs page loads Swagger UI from its
CDN, allowed on those paths only.
"""

from __future__ import annotations

import base64
import hashlib
import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

DEFAULT_CSP = (
    "default-src 'self'; base-uri 'none'; object-src 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
_DOCS_CDN = "https://cdn.jsdelivr.net"
DOCS_CSP = (
    f"default-src 'self'; script-src 'self' 'unsafe-inline' {_DOCS_CDN}; "
    f"style-src 'self' 'unsafe-inline' {_DOCS_CDN}; "
    "img-src 'self' data: https://fastapi.tiangolo.com; "
    "base-uri 'none'; object-src 'none'; frame-ancestors 'none'"
)
DOCS_PATHS = ("/docs", "/redoc")

STATIC_HEADERS: list[tuple[bytes, bytes]] = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
]

_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.DOTALL | re.IGNORECASE)


def style_hashes_csp(html: str) -> str:
    """A CSP that allows exactly the <style> blocks in ``html`` and nothing inline else."""
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(m.encode("utf-8")).digest()).decode() + "'"
        for m in _STYLE.findall(html)
    ]
    style = " ".join(["'self'", *hashes])
    return f"default-src 'self'; style-src {style}; base-uri 'none'; object-src 'none'; " + (
        "form-action 'self'; frame-ancestors 'none'"
    )


class SecurityHeadersMiddleware:
    """Adds the headers unless the route set its own (a CSP for the print HTML)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        csp = DOCS_CSP if path.startswith(DOCS_PATHS) else DEFAULT_CSP
        # Kits carry a candidate's details: no shared or browser cache keeps them.
        cacheable = path.startswith("/static/") or path == "/assets/kit.css"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                if b"content-security-policy" not in present:
                    headers.append((b"content-security-policy", csp.encode()))
                headers += [(k, v) for k, v in STATIC_HEADERS if k not in present]
                if b"cache-control" not in present and not cacheable:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)
