"""Secret key, CSRF tokens, login rate limiting, request size limit and security headers."""

from __future__ import annotations

import hmac
import os
import secrets
import threading
import time
from collections import defaultdict, deque
from pathlib import Path

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from clearance.config import Settings

CSRF_SESSION_KEY = "csrf"
MAX_TRACKED_KEYS = 10_000  # usernames and addresses with recent failures before old ones are swept
CSRF_FORM_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def load_secret_key(settings: Settings) -> str:
    """Settings.secret_key, else `<home>/secret_key`, created once with mode 0600."""
    if settings.secret_key:
        return settings.secret_key
    path = Path(settings.home) / "secret_key"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = path.read_text(encoding="ascii").strip()
        if len(key) < 32:
            raise RuntimeError(f"{path} holds no usable secret key; delete it to make a new one") from None
        return key
    key = secrets.token_urlsafe(48)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key + "\n")
    return key


def csrf_token(session: dict) -> str:
    """The session's CSRF token, made on first use."""
    token = session.get(CSRF_SESSION_KEY)
    if not token:
        token = secrets.token_urlsafe(32)
        session[CSRF_SESSION_KEY] = token
    return token


def csrf_valid(session: dict, supplied: str | None) -> bool:
    expected = session.get(CSRF_SESSION_KEY)
    return bool(expected and supplied) and hmac.compare_digest(str(expected), str(supplied))


class LoginLimiter:
    """Failed logins per username and per client address within a sliding window."""

    def __init__(self, *, per_user: int = 5, per_address: int = 20, window_seconds: float = 300.0) -> None:
        self.per_user = per_user
        self.per_address = per_address
        self.window = window_seconds
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        q = self._failures[key]
        while q and now - q[0] > self.window:
            q.popleft()
        return q

    def retry_after(self, username: str, address: str) -> int:
        """Seconds to wait before another attempt; 0 when one is allowed."""
        now = time.monotonic()
        wait = 0.0
        with self._lock:
            for key, limit in ((f"u:{username.lower()}", self.per_user), (f"a:{address}", self.per_address)):
                q = self._recent(key, now)
                if len(q) >= limit:
                    wait = max(wait, self.window - (now - q[-limit]))
        return int(wait) + 1 if wait > 0 else 0

    def failed(self, username: str, address: str) -> None:
        now = time.monotonic()
        with self._lock:
            if len(self._failures) > MAX_TRACKED_KEYS:
                for key in [k for k, q in self._failures.items() if not q or now - q[-1] > self.window]:
                    del self._failures[key]
            self._failures[f"u:{username.lower()}"].append(now)
            self._failures[f"a:{address}"].append(now)

    def succeeded(self, username: str) -> None:
        with self._lock:
            self._failures.pop(f"u:{username.lower()}", None)


class BodyLimitMiddleware:
    """Refuse request bodies over `max_bytes` (413), by Content-Length and while streaming."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await _too_large(send, self.max_bytes)
            return
        seen = 0
        responded = False

        async def limited_receive() -> Message:
            nonlocal seen, responded
            message = await receive()
            if message["type"] == "http.request" and not responded:
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    responded = True
                    await _too_large(send, self.max_bytes)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            if not responded:
                await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except Exception:
            if not responded:
                raise


async def _too_large(send: Send, limit: int) -> None:
    body = (
        f"Permintaan terlalu besar: batasnya {limit // (1024 * 1024)} MB. "
        f"(Request body too large; limit {limit} bytes.)"
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"connection", b"close")],
        }
    )
    await send({"type": "http.response.body", "body": body})


class SecurityHeadersMiddleware:
    """CSP (no inline script or style), no framing, no sniffing, same-origin referrers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("content-security-policy", CONTENT_SECURITY_POLICY)
                headers.setdefault("x-content-type-options", "nosniff")
                headers.setdefault("x-frame-options", "DENY")
                headers.setdefault("referrer-policy", "same-origin")
                headers.setdefault("cross-origin-opener-policy", "same-origin")
            await send(message)

        await self.app(scope, receive, send_with_headers)
