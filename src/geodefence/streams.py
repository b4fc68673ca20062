"""A byte stream that replays what was already read: shared by the corpus and dataset readers.

Both sniff the first bytes of an input (stdin's first character, a gzip magic number) before
they know how to read it, and stdin cannot be rewound.
"""

from __future__ import annotations

import io
from typing import BinaryIO


class Prepended(io.RawIOBase):
    """A raw stream that first returns bytes already read (the sniffed head), then the rest of ``inner``."""

    def __init__(self, head: bytes, inner: BinaryIO) -> None:
        self._head = head
        self._inner = inner

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._inner.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
