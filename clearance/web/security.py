"""Secret key, CSRF tokens, login rate limiting, session revocation, request size limit, security headers."""

from __future__ import annotations

import hmac
import os
import secrets
import threading
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable, Collection
from pathlib import Path

from starlette.datastructures import MutableHeaders
from starlette.responses import PlainTextResponse, Response
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
        with self._lock:
            return self._wait(username, address, time.monotonic())

    def begin(self, username: str, address: str) -> tuple[int, float | None]:
        """Check and count one attempt atomically: (seconds to wait, None) when over the limit, else
        (0, stamp) with the attempt already counted as a failure.

        Counting before the password is verified (under the lock) means parallel attempts cannot get
        past the limit while the slow argon2 verification runs; `succeeded` takes the count back."""
        now = time.monotonic()
        with self._lock:
            wait = self._wait(username, address, now)
            if wait:
                return wait, None
            self._record(username, address, now)
        return 0, now

    def _wait(self, username: str, address: str, now: float) -> int:
        wait = 0.0
        for key, limit in ((f"u:{username.lower()}", self.per_user), (f"a:{address}", self.per_address)):
            q = self._recent(key, now)
            if len(q) >= limit:
                wait = max(wait, self.window - (now - q[-limit]))
        return int(wait) + 1 if wait > 0 else 0

    def _record(self, username: str, address: str, now: float) -> None:
        if len(self._failures) > MAX_TRACKED_KEYS:
            for key in [k for k, q in self._failures.items() if not q or now - q[-1] > self.window]:
                del self._failures[key]
        self._failures[f"u:{username.lower()}"].append(now)
        self._failures[f"a:{address}"].append(now)

    def failed(self, username: str, address: str) -> None:
        """Count a failed attempt (attempts counted by `begin` are counted already)."""
        with self._lock:
            self._record(username, address, time.monotonic())

    def succeeded(self, username: str, address: str | None = None, stamp: float | None = None) -> None:
        """A right password: forget the username's failures and take back the attempt `begin` counted."""
        with self._lock:
            self._failures.pop(f"u:{username.lower()}", None)
            q = self._failures.get(f"a:{address}") if address is not None else None
            if q is not None and stamp is not None and stamp in q:
                q.remove(stamp)


class SessionRevocations:
    """Sessions ended on the server while their signed cookie would still be accepted.

    The session lives in a signed cookie (Starlette's SessionMiddleware): the server holds no session
    record it could delete, so a copy of the cookie taken before logout stays valid until it expires.
    Every session therefore carries a random id and its sign-in time (see deps.sign_in). Logout puts
    the id here; disabling a user records "no session of this user signed in before now" (on top of
    User.active, which deps.optional_user checks on every request).

    Why a set in process memory: a revocation table, or a session-version column on User, would be a
    schema change, and an epoch derived from existing data (the password hash, User.active) can end
    all of a user's sessions but not the one that logged out. `clearance serve` runs one process, so
    this set sees every request. An entry is kept for the cookie's max age (plus a margin): after
    that the cookie's own signature timestamp refuses it. Known limits: a restart forgets the set
    (a cookie copied before a logout is accepted again until its max age runs out, while disabled
    users stay locked out by User.active), and several worker processes would each hold their own
    set: run one process, or move this to a shared store when scaling out."""

    MARGIN_SECONDS = 300.0

    def __init__(self, max_age_seconds: float) -> None:
        self.ttl = max_age_seconds + self.MARGIN_SECONDS
        self._ended: dict[str, float] = {}  # session id -> wall time after which its cookie is dead anyway
        self._users_since: dict[int, float] = {}  # user id -> sessions signed in before this are ended
        self._lock = threading.Lock()

    @staticmethod
    def new_id() -> str:
        return secrets.token_urlsafe(24)

    def _sweep(self, now: float) -> None:
        for sid in [k for k, until in self._ended.items() if until < now]:
            del self._ended[sid]
        for uid in [k for k, since in self._users_since.items() if since + self.ttl < now]:
            del self._users_since[uid]

    def end(self, session_id: str) -> None:
        """End one session (logout)."""
        now = time.time()
        with self._lock:
            if len(self._ended) >= MAX_TRACKED_KEYS:
                self._sweep(now)
            self._ended[session_id] = now + self.ttl

    def end_user(self, user_id: int) -> None:
        """End every session of a user signed in until now (user disabled)."""
        now = time.time()
        with self._lock:
            self._sweep(now)
            self._users_since[user_id] = now

    def ended(self, session_id: str, user_id: int, signed_in_at: float) -> bool:
        with self._lock:
            if session_id in self._ended:
                return True
            since = self._users_since.get(user_id)
        return since is not None and signed_in_at <= since


TooLargeResponder = Callable[[Scope, int], Awaitable[Response]]


class BodyLimitMiddleware:
    """Refuse request bodies over the limit (413), by Content-Length and while streaming.

    `max_bytes` holds for every request except POSTs to `large_paths` (the uploads), which may send up
    to `large_max_bytes`. `respond(scope, limit)` makes the 413 response (default: plain text); it
    runs inside the session middleware, so it may read the session."""

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int,
        *,
        large_max_bytes: int | None = None,
        large_paths: Collection[str] = (),
        respond: TooLargeResponder | None = None,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.large_max_bytes = max(large_max_bytes or max_bytes, max_bytes)
        self.large_paths = frozenset(large_paths)
        self.respond = respond or _plain_too_large

    def limit_for(self, scope: Scope) -> int:
        if scope.get("method") == "POST" and scope.get("path") in self.large_paths:
            return self.large_max_bytes
        return self.max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._refuse(scope, receive, send, limit)
            return
        seen = 0
        responded = False

        async def limited_receive() -> Message:
            nonlocal seen, responded
            message = await receive()
            if message["type"] == "http.request" and not responded:
                seen += len(message.get("body", b""))
                if seen > limit:
                    responded = True
                    await self._refuse(scope, receive, send, limit)
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

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        response = await self.respond(scope, limit)
        response.headers["connection"] = "close"
        await response(scope, receive, send)


def megabytes(size: int) -> str:
    """`52_428_800` -> `50`; `1_500_000` -> `1,4` (MiB, Indonesian decimal comma)."""
    mb = size / (1024 * 1024)
    text = f"{mb:.0f}" if mb >= 10 or mb == int(mb) else f"{mb:.1f}"
    return text.replace(".", ",")


async def _plain_too_large(scope: Scope, limit: int) -> Response:
    return PlainTextResponse(
        f"Permintaan terlalu besar: batasnya {megabytes(limit)} MB. "
        f"(Request body too large; limit {limit} bytes.)",
        status_code=413,
    )


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
