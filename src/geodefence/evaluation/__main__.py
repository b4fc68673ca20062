"""Developer helpers: ``python -m geodefence.evaluation report-schema`` prints the report schema.

Redirect it into ``src/geodefence/schemas/evaluation-report.schema.json`` after changing the
report models; a test fails while the committed file differs.
"""

from __future__ import annotations

import argparse
import sys

from geodefence.evaluation.scores import render_report_schema


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments and run the helper."""
    parser = argparse.ArgumentParser(prog="python -m geodefence.evaluation", description=__doc__)
    parser.add_argument("action", choices=["report-schema"], help="print the JSON Schema of the evaluation report")
    parser.parse_args(argv)
    sys.stdout.write(render_report_schema())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
