"""Dataset validation: streaming readers, schema and data-quality checks, reporters.

Use :func:`validate_dataset` from Python or ``geodefence validate`` from the shell.
"""

from __future__ import annotations

from geodefence.validate.api import Validator, validate_dataset
from geodefence.validate.checks import CHECKS
from geodefence.validate.report import Issue, Report

__all__ = ["CHECKS", "Issue", "Report", "Validator", "validate_dataset"]
