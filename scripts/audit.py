"""Supply-chain check (`make audit`): known vulnerabilities in what we install.

Runs pip-audit on the installed Python environment (the site-packages of the Python
running this script: .venv under `make audit`) and `npm audit --package-lock-only` on
web/package-lock.json, both with JSON output, and compares every finding with
audit/accepted.yml, where each accepted vulnerability says why it does not apply here
(or, with `applies: true`, what mitigates it).

Prints one line per finding (ecosystem, package, id, severity, accepted or NEW), then the
accepted entries no tool reported any more ("stale": delete them; not a failure).

Exit codes:
  0  nothing NEW of severity high or critical
  1  a NEW finding of severity high or critical (fix it, or accept it with a reason)
  2  a tool could not audit (not installed, no network to its vulnerability database,
     packages it could not look up); nothing NEW of high/critical among what did run

--offline-ok turns exit 2 into a warning: for a machine that cannot reach the
vulnerability databases. It never hides a finding: a tool that did run still fails the
check on a NEW high/critical finding. Without it, a check that checked nothing fails,
because "no known vulnerabilities" from a tool that reached no database means nothing.

pip-audit cannot be installed into .venv (pip: ResolutionImpossible): Rasa 3.6.21 pins
packaging<21, every pip-audit release but three needs packaging>=21, and those three
(0.0.2-0.0.4) pin CacheControl 0.12.6, below Rasa's >=0.12.9. So it is installed,
pinned, into a venv of its own (.venv/audit-tool, made on first use) and pointed at
.venv's site-packages with --path. pip-audit's own dependencies there are not audited.

--pip-audit-json / --npm-audit-json read a tool's saved JSON report instead of running
it (a report made on another machine, or the unit tests' recorded ones).
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import sysconfig
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
ACCEPTED = ROOT / "audit" / "accepted.yml"
WEB = ROOT / "web"
PIP_AUDIT = "pip-audit==2.10.1"
TOOL_VENV = ROOT / ".venv" / "audit-tool"
FAILING = ("high", "critical")
TOOLS = {"pypi": "pip-audit", "npm": "npm audit"}
# pip-audit's JSON (PyPI's vulnerability service) carries no severity, and the only
# offline source of one would be a second database. So a pip-audit finding counts as
# high until it is accepted: every NEW one fails. The severity of an accepted one is
# the one written in audit/accepted.yml (looked up by whoever accepted it).
PYPI_SEVERITY = "high"


@dataclass(frozen=True)
class Finding:
    ecosystem: str  # pypi or npm
    package: str
    version: str  # installed version (pip-audit), vulnerable range (npm audit)
    ids: tuple[str, ...]  # the tool's id first, then its aliases (CVE, GHSA, PYSEC)
    severity: str | None  # None: the tool gives none (pip-audit)
    fix: str = ""


class ToolError(Exception):
    """A tool could not audit: message says what failed."""


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


# --- reading the tools' JSON -------------------------------------------------------

def parse_pip_audit(report: dict) -> list[Finding]:
    """Findings of `pip-audit -f json`; ToolError when packages were skipped.

    pip-audit exits 0 with "No known vulnerabilities found" when it could look up no
    package at all (every one "not found on PyPI"), so skipped packages are an error here.
    Our own editable install (dispute-advisor) is skipped on purpose and not counted.
    """
    if "dependencies" not in report:
        raise ToolError(f"unexpected JSON (keys {sorted(report)})")
    findings, skipped, looked_up = [], [], 0
    for dep in report["dependencies"]:
        reason = dep.get("skip_reason")
        if reason:
            if reason != "distribution marked as editable":
                skipped.append(reason)
            continue
        looked_up += 1
        for vuln in dep.get("vulns", []):
            ids = (vuln["id"], *[a for a in vuln.get("aliases", []) if a != vuln["id"]])
            findings.append(Finding("pypi", canonical(dep["name"]), dep["version"], ids, None,
                                    ", ".join(vuln.get("fix_versions", []))))
    if skipped and not looked_up:
        raise ToolError(f"it could look up no package: is https://pypi.org/pypi/NAME/VERSION/json "
                        f"reachable? ({len(skipped)} skipped, e.g. {skipped[0]})")
    if skipped:
        raise ToolError(f"it looked up {looked_up} of {looked_up + len(skipped)} packages; "
                        f"e.g. {skipped[0]}")
    return findings


def parse_npm_audit(report: dict) -> list[Finding]:
    """Findings of `npm audit --json` (report version 2, npm 7 and later).

    Each vulnerable package lists in "via" the advisories against it (objects) and the
    packages through which it is vulnerable (names): only the objects are findings, the
    names are reported under their own package. The id is the GHSA id from the URL.
    """
    if "vulnerabilities" not in report:
        message = report.get("message") or report.get("error", {}).get("summary") or str(report)[:200]
        raise ToolError(message)
    findings = set()
    for entry in report["vulnerabilities"].values():
        for via in entry.get("via", []):
            if not isinstance(via, dict):
                continue
            ghsa = re.search(r"GHSA(-[0-9a-z]{4}){3}", via.get("url", ""))
            advisory = ghsa.group(0) if ghsa else f"npm-{via.get('source')}"
            findings.add(Finding("npm", via.get("name", entry["name"]), via.get("range", ""),
                                 (advisory,), via.get("severity", "unknown")))
    return sorted(findings, key=lambda f: (f.package, f.ids))


# --- comparing with audit/accepted.yml ------------------------------------------------

def load_accepted(path: Path) -> list[dict]:
    entries = yaml.safe_load(path.read_text("utf-8")) if path.exists() else None
    entries = entries or []
    for entry in entries:
        missing = {"ecosystem", "package", "ids", "severity", "reason"} - set(entry)
        if missing:
            raise SystemExit(f"{path}: entry {entry.get('package')} lacks {sorted(missing)}")
    return entries


def matches(entry: dict, finding: Finding) -> bool:
    """Same ecosystem and package, and one of the ids (or aliases) in common."""
    return (entry["ecosystem"] == finding.ecosystem
            and canonical(entry["package"]) == canonical(finding.package)
            and bool({i.upper() for i in entry["ids"]} & {i.upper() for i in finding.ids}))


def compare(findings: list[Finding], accepted: list[dict], audited: set[str]):
    """(rows, stale): rows are (finding, severity, entry or None); stale are the accepted
    entries of an audited ecosystem that no finding matched."""
    rows, used = [], set()
    for finding in findings:
        entry = next((e for e in accepted if matches(e, finding)), None)
        if entry is not None:
            used.add(id(entry))
            severity = str(entry["severity"]).lower()
        else:
            severity = (finding.severity or PYPI_SEVERITY).lower()
        rows.append((finding, severity, entry))
    stale = [e for e in accepted if id(e) not in used and e["ecosystem"] in audited]
    return rows, stale


def new_failing(rows) -> list[Finding]:
    return [f for f, severity, entry in rows if entry is None and severity in FAILING]


def report(rows, stale, errors: list[str], offline_ok: bool) -> int:
    """Print the table and return the exit code."""
    print(f"{'ecosystem':<9}  {'package':<24} {'id':<22} {'severity':<10} status")
    for finding, severity, entry in sorted(rows, key=lambda r: (r[2] is not None, r[0].package)):
        shown = severity + ("*" if entry is None and finding.severity is None else "")
        status = "accepted" if entry is not None else "NEW"
        if entry is not None and entry.get("applies"):
            status += " (applies, mitigated)"
        fix = f"  fix: {finding.fix}" if entry is None and finding.fix else ""
        print(f"{finding.ecosystem:<9}  {finding.package + ' ' + finding.version:<24} "
              f"{finding.ids[0]:<22} {shown:<10} {status}{fix}")
    if not rows:
        print("(no findings from the tools that ran)" if errors else "(no known vulnerabilities)")
    if any(e is None and f.severity is None for f, _, e in rows):
        print("* pip-audit gives no severity: an unaccepted pip-audit finding counts as high")
    for entry in stale:
        print(f"stale: {entry['ecosystem']} {entry['package']} {entry['ids'][0]} is accepted "
              f"but no longer reported: delete its entry")
    for message in errors:
        print(f"{'WARNING' if offline_ok else 'ERROR'}: {message}")
    failing = new_failing(rows)
    if failing:
        print(f"FAIL: {len(failing)} NEW high/critical finding(s): fix, or accept in "
              f"{ACCEPTED.relative_to(ROOT)} with the reason it does not apply")
        return 1
    if errors and not offline_ok:
        print("FAIL: the audit is incomplete (--offline-ok makes this a warning)")
        return 2
    return 0


# --- running the tools ----------------------------------------------------------------

def pip_audit_command() -> list[str]:
    """pip-audit from its own venv (see the module doc), installed on first use."""
    exe = TOOL_VENV / "bin" / "pip-audit"
    stamp = TOOL_VENV / ".pinned"
    if not exe.exists() or not stamp.exists() or stamp.read_text() != PIP_AUDIT:
        print(f"installing {PIP_AUDIT} into {TOOL_VENV.relative_to(ROOT)} ...", file=sys.stderr)
        try:
            subprocess.run([sys.executable, "-m", "venv", "--clear", str(TOOL_VENV)], check=True)
            subprocess.run([str(TOOL_VENV / "bin" / "pip"), "install", "-q",
                            "--disable-pip-version-check", PIP_AUDIT], check=True)
        except subprocess.CalledProcessError as error:
            raise ToolError(f"could not install {PIP_AUDIT}: {error}") from None
        stamp.write_text(PIP_AUDIT)
    # --path reads the installed distributions' metadata from site-packages: exactly the
    # versions installed, no resolving (which -r would do, or -r of a `pip freeze` with
    # --no-deps --disable-pip, one step more and awkward with our editable line). --local
    # would audit pip-audit's own venv. PyPI's service is pip-audit's default; OSV
    # (-s osv) is the alternative where api.osv.dev is reachable.
    paths = sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
    return [str(exe), "-f", "json", "--progress-spinner", "off", "--skip-editable",
            "-s", "pypi", *[arg for path in paths for arg in ("--path", path)]]


def run_json(command: list[str], cwd: Path) -> dict:
    """Run a tool and parse its JSON output (both exit 1 when they find something)."""
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise ToolError(str(error)) from None
    try:
        return json.loads(done.stdout)
    except json.JSONDecodeError:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise ToolError(f"exited {done.returncode}: {last[:300]}") from None


def read_saved(path: Path) -> dict:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise ToolError(f"{path}: {error}") from None


def audit_pypi(saved: Path | None) -> list[Finding]:
    return parse_pip_audit(read_saved(saved) if saved else run_json(pip_audit_command(), ROOT))


def audit_npm(saved: Path | None) -> list[Finding]:
    command = ["npm", "audit", "--package-lock-only", "--json"]
    return parse_npm_audit(read_saved(saved) if saved else run_json(command, WEB))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offline-ok", action="store_true",
                        help="a tool that cannot audit is a warning, not a failure")
    parser.add_argument("--accepted", type=Path, default=ACCEPTED)
    parser.add_argument("--pip-audit-json", type=Path, help="read this pip-audit report instead")
    parser.add_argument("--npm-audit-json", type=Path, help="read this npm audit report instead")
    args = parser.parse_args(argv)
    accepted = load_accepted(args.accepted)

    jobs = {"pypi": (audit_pypi, args.pip_audit_json), "npm": (audit_npm, args.npm_audit_json)}
    findings, errors, audited = [], [], set()
    with ThreadPoolExecutor(max_workers=2) as pool:  # both mostly wait on the network
        futures = {eco: pool.submit(audit_one, saved) for eco, (audit_one, saved) in jobs.items()}
        for eco, future in futures.items():
            try:
                findings += future.result()
                audited.add(eco)
            except ToolError as error:
                errors.append(f"{TOOLS[eco]} did not audit ({eco} packages not checked): {error}")
    rows, stale = compare(findings, accepted, audited)
    return report(rows, stale, errors, args.offline_ok)


if __name__ == "__main__":
    sys.exit(main())
