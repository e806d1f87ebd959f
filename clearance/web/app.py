"""The FastAPI application: middleware, error pages, static files and the routers."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import quote

from fastapi import Depends, FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.engine import Engine
from sqlmodel import Session
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import Scope

from clearance.config import Settings, get_settings
from clearance.models import User
from clearance.review import LineNotFound, ReviewError
from clearance.users import AccessDenied, UserError
from clearance.web.deps import CsrfFailed, LoginRequired, csrf_protect, session_user
from clearance.web.jobs import Runner, RunRegistry
from clearance.web.messages import (
    api_validation_errors,
    domain_message,
    http_message,
    too_large_message,
    validation_message,
    validation_status,
)
from clearance.web.routes import admin, api, auth, dashboard, results, review, uploads
from clearance.web.security import (
    BodyLimitMiddleware,
    LoginLimiter,
    SecurityHeadersMiddleware,
    SessionRevocations,
    load_secret_key,
)
from clearance.web.templating import make_templates, render
from clearance.web.upload_service import MAX_FILES

log = logging.getLogger(__name__)
STATIC_DIR = Path(__file__).resolve().parent / "static"
SESSION_COOKIE = "spbe_session"
SESSION_MAX_AGE = 8 * 60 * 60  # one working day
FORM_SLACK_BYTES = 1 << 20  # the form fields around the files; also the cap of every other request
UPLOAD_PATHS = ("/unggah", "/api/uploads")
ERROR_TITLES = {
    400: "Permintaan tidak sah",
    401: "Silakan masuk",
    403: "Akses ditolak",
    404: "Tidak ditemukan",
    405: "Metode tidak diizinkan",
    413: "Kiriman terlalu besar",
    422: "Data tidak sah",
    429: "Terlalu banyak permintaan",
}


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api")


def _signed_in(request: Request) -> User | None:
    """The session's user for the error page's menu (None when there is none)."""
    with Session(request.app.state.engine, expire_on_commit=False) as session:
        return session_user(request, session)


def _error(request: Request, status: int, detail: object, message: str = "") -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": detail}, status_code=status)
    ctx = {
        "status": status,
        "title": ERROR_TITLES.get(status, "Terjadi kesalahan"),
        "message": message or http_message(status, detail),
    }
    return render(request, "error.html", ctx, user=_signed_in(request), status_code=status)


def upload_body_limit(settings: Settings) -> int:
    """What one upload may send: every file at its size limit, plus the form fields around them."""
    return MAX_FILES * settings.max_file_bytes + FORM_SLACK_BYTES


def _too_large_responder(settings: Settings):
    async def respond(scope: Scope, limit: int) -> Response:
        request = Request(scope)
        if _wants_json(request):
            detail = f"request body too large (limit {limit} bytes)"
            return JSONResponse({"detail": detail}, status_code=413)
        upload = request.url.path in UPLOAD_PATHS and request.method == "POST"
        message = (
            too_large_message(limit, per_file=settings.max_file_bytes, max_files=MAX_FILES)
            if upload
            else too_large_message(limit)
        )
        return _error(request, 413, "request body too large", message)

    return respond


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": "not signed in"}, status_code=401)
        return RedirectResponse(f"/login?next={quote(exc.next_url, safe='')}", status_code=303)

    @app.exception_handler(CsrfFailed)
    async def csrf_failed(request: Request, exc: CsrfFailed) -> Response:
        message = "Formulir kedaluwarsa atau tidak sah. Muat ulang halaman lalu coba lagi."
        return _error(request, 403, "CSRF token missing or invalid", message)

    @app.exception_handler(AccessDenied)
    async def access_denied(request: Request, exc: AccessDenied) -> Response:
        return _error(request, 403, str(exc), "Anda tidak berhak membuka atau mengubah data ini.")

    @app.exception_handler(LineNotFound)
    async def not_found(request: Request, exc: LineNotFound) -> Response:
        return _error(request, 404, str(exc), "Baris anggaran tidak ditemukan.")

    @app.exception_handler(ReviewError)
    @app.exception_handler(UserError)
    async def invalid(request: Request, exc: Exception) -> Response:
        return _error(request, 422, str(exc), domain_message(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        """No echo of what was sent: API errors without `input`; pages get the Indonesian error page."""
        errors = exc.errors()
        if _wants_json(request):
            return JSONResponse({"detail": api_validation_errors(errors)}, status_code=422)
        status = validation_status(errors)
        return _error(request, status, "invalid request", validation_message(errors))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_json(request) or exc.status_code < 400:
            return await http_exception_handler(request, exc)
        response = _error(request, exc.status_code, exc.detail, http_message(exc.status_code, exc.detail))
        response.headers.update(exc.headers or {})
        return response


def create_app(
    engine: Engine | None = None,
    *,
    out_dir: Path | None = None,
    settings: Settings | None = None,
    runner: Runner | None = None,
    secure_cookies: bool = False,
    limiter: LoginLimiter | None = None,
) -> FastAPI:
    """The web app over `engine` (default: the configured database), reports under `out_dir`.

    `runner` replaces the engine's run_region (tests); `secure_cookies` adds the Secure flag (HTTPS)."""
    settings = settings or get_settings()
    if engine is None:
        from clearance.db import get_engine

        engine = get_engine()
    registry = RunRegistry(engine, Path(out_dir) if out_dir else Path(settings.home) / "web-reports", runner)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        registry.shutdown()

    app = FastAPI(
        title="SPBE Clearance",
        summary="Kliring belanja SPBE pemda: unggah, hasil, reviu dan dasbor.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # Swagger UI loads from a CDN; this machine is offline. Schema: /api/openapi.json
        redoc_url=None,
        openapi_url="/api/openapi.json",
        dependencies=[Depends(csrf_protect)],
    )
    app.state.engine = engine
    app.state.settings = settings
    app.state.registry = registry
    app.state.limiter = limiter or LoginLimiter()
    app.state.sessions = SessionRevocations(SESSION_MAX_AGE)
    app.state.templates = make_templates()

    _install_error_handlers(app)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    for module in (auth, uploads, results, review, dashboard, admin, api):
        app.include_router(module.router)

    # Outermost last: security headers on every response; the session for the 413 page; the body limit.
    app.add_middleware(
        BodyLimitMiddleware,
        max_bytes=FORM_SLACK_BYTES,
        large_max_bytes=upload_body_limit(settings),
        large_paths=UPLOAD_PATHS,
        respond=_too_large_responder(settings),
    )
    app.add_middleware(
        SessionMiddleware,
        secret_key=load_secret_key(settings),
        session_cookie=SESSION_COOKIE,
        max_age=SESSION_MAX_AGE,
        same_site="lax",
        https_only=secure_cookies,
    )
    app.add_middleware(SecurityHeadersMiddleware)
    return app
