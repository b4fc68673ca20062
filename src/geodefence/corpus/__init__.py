"""Corpus-scale extraction: streaming readers, the parallel runner with resume, and table writers."""

from __future__ import annotations

from geodefence.corpus.readers import Corpus, Fields, InputItem, read_corpus
from geodefence.corpus.runner import Summary, run
from geodefence.corpus.writers import read_tables, write_tables

__all__ = ["Corpus", "Fields", "InputItem", "Summary", "read_corpus", "read_tables", "run", "write_tables"]
