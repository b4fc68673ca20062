"""The error hierarchy: every error geodefence raises on purpose derives from GeodefenceError."""

from __future__ import annotations


class GeodefenceError(Exception):
    """Base of all geodefence errors."""


class InputError(GeodefenceError):
    """Input that cannot be read: names the file, line and field at fault."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None, field: str | None = None):
        self.file = file
        self.line = line
        self.field = field
        where = ":".join(str(p) for p in (file, line) if p is not None)
        prefix = f"{where}: " if where else ""
        suffix = f" (field {field!r})" if field else ""
        super().__init__(f"{prefix}{message}{suffix}")
        self.message = message


class DataError(GeodefenceError):
    """Package data (a vocabulary file) that fails validation: names the file and entry."""


class SchemaError(GeodefenceError):
    """A schema that is unknown or cannot be loaded."""
