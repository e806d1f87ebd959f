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

COMPARED = ("name", "kind", "owner", "region_code", "aliases", "function", "shareable", "note")


@dataclass
class CatalogImport:
    """The outcome of one import: the new version and what changed against the previous one."""

    version_id: int
    apps: int
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    rejects: list = field(default_factory=list)


def _as_dict(app: CatalogApp) -> dict:
    data = asdict(app)
    data["aliases"] = list(app.aliases)
    data["function"] = list(app.function)
    return data


def apps_sha256(apps: list[CatalogApp]) -> str:
    payload = json.dumps([_as_dict(a) for a in sorted(apps, key=lambda a: a.app_id)], sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


def latest_version_id(session: Session) -> int | None:
    return session.execute(select(func.max(CatalogVersion.id))).scalar()


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


def store_catalog_version(
    session: Session, apps: list[CatalogApp], *, source: str, rejects: list | None = None
) -> CatalogImport:
    """Write `apps` as a new catalog version; report added, changed and retired app ids."""
    previous_id = latest_version_id(session)
    before = {a.app_id: _as_dict(a) for a in catalog_apps(session, previous_id)} if previous_id else {}
    after = {a.app_id: _as_dict(a) for a in apps}
    added = sorted(set(after) - set(before))
    retired = sorted(set(before) - set(after))
    changed = sorted(
        k for k in set(after) & set(before) if any(after[k][f] != before[k][f] for f in COMPARED)
    )
    version = CatalogVersion(
        source=source,
        sha256=apps_sha256(apps),
        added=len(added),
        changed=len(changed),
        retired=len(retired),
        apps_count=len(apps),
    )
    session.add(version)
    session.flush()
    if apps:
        bulk_insert(session, CatalogEntry, [{"version_id": version.id, **after[a.app_id]} for a in apps])
    session.flush()
    return CatalogImport(
        version_id=version.id,
        apps=len(apps),
        added=added,
        changed=changed,
        retired=retired,
        rejects=list(rejects or []),
    )


def import_catalog_file(session: Session, path: Path) -> CatalogImport:
    """Load a catalog CSV/XLSX (catalog.load) and store it as a new version. Raises CatalogError."""
    from catalog.load import load_catalog

    loaded = load_catalog(Path(path))
    return store_catalog_version(session, loaded.apps, source=str(path), rejects=loaded.rejects)


def ensure_catalog(session: Session) -> int:
    """The latest catalog version; on an empty database, import the bundled default catalog first."""
    version_id = latest_version_id(session)
    if version_id is not None:
        return version_id
    from catalog.load import load_default_catalog

    loaded = load_default_catalog()
    apps = loaded.apps if hasattr(loaded, "apps") else list(loaded)
    return store_catalog_version(session, apps, source="bundled default catalog").version_id
