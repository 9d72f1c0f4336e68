"""``python -m tests.perf`` (``make bench``): every benchmark, figures to build/bench/."""

from __future__ import annotations

import argparse
import sys

from tests.perf import (
    bench_bundle,
    bench_cases,
    bench_figures,
    bench_kiosk,
    bench_live,
    bench_triage,
)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.perf")
    parser.add_argument("--postgresql-url", help="admin URL of a PostgreSQL server")
    parser.add_argument("--seconds", type=float, default=8.0, help="length of each run")
    parser.add_argument("--out", default="build/bench", help="where the JSON figures go")
    parser.add_argument(
        "--only",
        choices=["cases", "kiosk", "bundle", "live", "figures", "triage"],
        help="run one benchmark instead of all",
    )
    args = parser.parse_args()
    if args.only in (None, "cases"):
        bench_cases.run(args.out, args.seconds, args.postgresql_url)
    if args.only in (None, "kiosk"):
        bench_kiosk.run(args.out)
    if args.only in (None, "live"):
        bench_live.run(args.out, args.postgresql_url)
    if args.only in (None, "bundle"):
        bench_bundle.run(args.out)
    if args.only in (None, "figures"):
        bench_figures.run(args.out, args.postgresql_url)
    if args.only in (None, "triage"):
        bench_triage.run(args.out, args.postgresql_url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
