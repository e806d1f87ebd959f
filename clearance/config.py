"""Settings from the environment: where data lives, which database, and input limits."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PACKAGE_ROOT / "data"


def default_home() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "spbe-clearance"


class Settings(BaseSettings):
    """Read once per process; `CLEARANCE_HOME`, `DATABASE_URL` and `CLEARANCE_*` override."""

    model_config = SettingsConfigDict(env_prefix="CLEARANCE_", extra="ignore")

    home: Path = Field(default_factory=default_home)
    database_url: str | None = Field(default=None, validation_alias="DATABASE_URL")
    max_file_bytes: int = 50 * 1024 * 1024
    max_uncompressed_bytes: int = 600 * 1024 * 1024
    max_compression_ratio: int = 200
    max_cell_chars: int = 32_767
    max_rows_per_sheet: int = 1_100_000
    secret_key: str | None = None

    @property
    def db_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.home / 'clearance.db'}"


@lru_cache
def get_settings() -> Settings:
    return Settings()
