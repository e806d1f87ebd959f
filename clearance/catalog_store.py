"""Catalog versions in the database: every import makes a version that decisions reference."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlmodel import Session

from catalog.models import CatalogApp
from clearance.db import bulk_insert
from clearance.models import CatalogEntry, CatalogVersion

CATALOG, RUN = "catalog", "run"
NATIONAL = "national"
COMPARED = ("name", "kind", "owner", "region_code", "aliases", "function", "shareable", "note")


@dataclass
class CatalogImport:
    """The outcome of one import: the version and what changed against the previous one. `unchanged`
    says the content equals the current catalog, so no new version was made."""

    version_id: int
    apps: int
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    rejects: list = field(default_factory=list)
    scopes: list[str] = field(default_factory=list)  # "national" and/or region codes the file covered
    unchanged: bool = False


def _as_dict(app: CatalogApp) -> dict:
    data = asdict(app)
    data["aliases"] = list(app.aliases)
    data["function"] = list(app.function)
    return data


def apps_sha256(apps: list[CatalogApp]) -> str:
    payload = json.dumps([_as_dict(a) for a in sorted(apps, key=lambda a: a.app_id)], sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


def latest_version_id(session: Session) -> int | None:
    """The current catalog: the newest version of purpose "catalog" (run-scoped versions never count)."""
    return session.execute(
        select(func.max(CatalogVersion.id)).where(CatalogVersion.purpose == CATALOG)
    ).scalar()


def catalog_apps(session: Session, version_id: int) -> list[CatalogApp]:
    rows = session.scalars(
        select(CatalogEntry).where(CatalogEntry.version_id == version_id).order_by(CatalogEntry.app_id)
    ).all()
    return [
        CatalogApp(
            app_id=r.app_id,
            name=r.name,
            kind=r.kind,  # type: ignore[arg-type]
            owner=r.owner,
            region_code=r.region_code,
            aliases=tuple(r.aliases),
            function=tuple(r.function),
            shareable=r.shareable,
            note=r.note,
        )
        for r in rows
    ]


def scope_of(app: CatalogApp) -> str:
    """What part of the catalog an app belongs to: "national" (shared apps) or its region's code."""
    return NATIONAL if app.kind == "shared" or not app.region_code else app.region_code


def merge_into(previous: list[CatalogApp], incoming: list[CatalogApp]) -> list[CatalogApp]:
    """The catalog after importing `incoming`: it replaces the scopes it covers (the national list, or
    the inventories of the regions it has rows for) and leaves every other scope as it was."""
    covered = {scope_of(a) for a in incoming}
    return [a for a in previous if scope_of(a) not in covered] + list(incoming)


def store_catalog_version(
    session: Session,
    apps: list[CatalogApp],
    *,
    source: str,
    rejects: list | None = None,
    purpose: str = CATALOG,
    scopes: list[str] | None = None,
) -> CatalogImport:
    """Write `apps` as a new catalog version; report added, changed and retired app ids against the
    current catalog. A catalog whose content equals the current one makes no new version."""
    previous_id = latest_version_id(session)
    previous = catalog_apps(session, previous_id) if previous_id else []
    before = {a.app_id: _as_dict(a) for a in previous}
    after = {a.app_id: _as_dict(a) for a in apps}
    added = sorted(set(after) - set(before))
    retired = sorted(set(before) - set(after))
    changed = sorted(
        k for k in set(after) & set(before) if any(after[k][f] != before[k][f] for f in COMPARED)
    )
    digest = apps_sha256(apps)
    common = {"apps": len(apps), "rejects": list(rejects or []), "scopes": list(scopes or [])}
    if purpose == CATALOG and previous_id is not None:
        current = session.get(CatalogVersion, previous_id)
        if current is not None and current.sha256 == digest:
            return CatalogImport(version_id=previous_id, unchanged=True, **common)
    version = CatalogVersion(
        purpose=purpose,
        source=source,
        sha256=digest,
        added=len(added),
        changed=len(changed),
        retired=len(retired),
        apps_count=len(apps),
    )
    session.add(version)
    session.flush()
    bulk_insert(session, CatalogEntry, ({"version_id": version.id, **after[a.app_id]} for a in apps))
    session.flush()
    return CatalogImport(version_id=version.id, added=added, changed=changed, retired=retired, **common)


def import_catalog_file(
    session: Session, path: Path, *, replace: bool = False, purpose: str = CATALOG
) -> CatalogImport:
    """Load a catalog CSV/XLSX (catalog.load) and store it as a new version. Raises CatalogError.

    By default the file updates the scopes it covers (see `merge_into`): a region's inventory file
    does not retire the national apps. `replace` makes the file the whole catalog; purpose "run" makes
    a version for one run only (implies `replace`: that run decides against this file alone)."""
    from catalog.load import load_catalog, load_regions

    loaded = load_catalog(Path(path), known_regions=load_regions())
    scopes = sorted({scope_of(a) for a in loaded.apps})
    apps = loaded.apps
    if purpose == CATALOG and not replace:
        previous_id = latest_version_id(session)
        if previous_id is None:
            previous_id = ensure_catalog(session)
        apps = merge_into(catalog_apps(session, previous_id), loaded.apps)
    return store_catalog_version(
        session, apps, source=str(path), rejects=loaded.rejects, purpose=purpose, scopes=scopes
    )


def import_default_catalog(session: Session) -> CatalogImport:
    """The bundled catalog (data/catalog: national list and regional inventories), merged by scope."""
    from catalog.load import load_default_catalog

    loaded = load_default_catalog()
    previous_id = latest_version_id(session)
    apps = merge_into(catalog_apps(session, previous_id), loaded.apps) if previous_id else loaded.apps
    scopes = sorted({scope_of(a) for a in loaded.apps})
    return store_catalog_version(
        session, apps, source="bundled default catalog", rejects=loaded.rejects, scopes=scopes
    )


def ensure_catalog(session: Session) -> int:
    """The current catalog version; on an empty database, import the bundled default catalog first."""
    version_id = latest_version_id(session)
    if version_id is not None:
        return version_id
    return import_default_catalog(session).version_id
