"""``python -m geodefence``: the same command as ``geodefence``."""

from __future__ import annotations

from geodefence.cli import main

if __name__ == "__main__":
    main()
