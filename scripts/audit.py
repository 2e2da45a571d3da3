#!/usr/bin/env python3
"""Report known vulnerabilities in the pinned packages, with pip-audit.

    python scripts/audit.py [--strict]

pip-audit alone prints "No known vulnerabilities found" even when it could not
look a single package up (an offline machine, a mirror without PyPI's JSON
API), so this says how many packages were really audited. It is a report:
it exits 0 unless --strict is given and a vulnerability was found.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

REPORT = Path("build") / "audit.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--strict", action="store_true", help="exit 1 when a vulnerability is found")
    args = parser.parse_args()
    result = subprocess.run(
        [sys.executable, "-m", "pip_audit", "--skip-editable", "--progress-spinner", "off", "--format", "json"],
        capture_output=True,
        text=True,
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"audit: pip-audit could not run ({last}); nothing was audited")
        return 0
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(json.dumps(report, indent=2), encoding="utf-8")
    dependencies = report["dependencies"]
    skipped = [d for d in dependencies if "skip_reason" in d]
    vulnerable = [d for d in dependencies if d.get("vulns")]
    audited = len(dependencies) - len(skipped)
    print(f"audit: {audited} of {len(dependencies)} packages audited, {len(vulnerable)} with known vulnerabilities")
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions", [])) or "no fixed version yet"
            print(f"  {dependency['name']} {dependency['version']}: {vuln['id']} (fixed in {fixed})")
    if skipped:
        print(f"  {len(skipped)} could not be looked up, e.g. {skipped[0]['skip_reason']}")
        print(f"  (the vulnerability data could not be reached from this machine; full report in {REPORT})")
    return 1 if args.strict and vulnerable else 0


if __name__ == "__main__":
    sys.exit(main())
