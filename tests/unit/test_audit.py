"""scripts/audit.py's comparison of pip-audit and npm audit reports with audit/accepted.yml.

The reports below are recorded in the tools' JSON formats (pip-audit 2.10 `-f json`,
npm audit report version 2); nothing here runs a tool or needs the network.
"""
import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
spec = importlib.util.spec_from_file_location("audit_script", ROOT / "scripts" / "audit.py")
audit = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = audit  # dataclasses look their module up there
spec.loader.exec_module(audit)

PIP_AUDIT = {
    "dependencies": [
        {"name": "dispute-advisor", "skip_reason": "distribution marked as editable"},
        {"name": "pip", "version": "23.0.1", "vulns": [
            {"id": "PYSEC-2023-228", "fix_versions": ["23.3"],
             "aliases": ["CVE-2023-5752", "GHSA-mq26-g339-26xf"], "description": "hg+ config injection"}]},
        {"name": "sanic", "version": "21.12.2", "vulns": [
            {"id": "GHSA-aaaa-bbbb-cccc", "fix_versions": ["22.6.1"], "aliases": ["CVE-2099-0001"],
             "description": "made up for the test"}]},
        {"name": "requests", "version": "2.34.2", "vulns": []},
    ],
    "fixes": [],
}
PIP_AUDIT_CLEAN = {"dependencies": [{"name": "requests", "version": "2.34.2", "vulns": []}], "fixes": []}

BRACES = {"source": 1098094, "name": "braces", "dependency": "braces",
          "title": "Uncontrolled resource consumption in braces",
          "url": "https://github.com/advisories/GHSA-grv7-fg5c-xmjg", "severity": "high",
          "cwe": ["CWE-400"], "cvss": {"score": 7.5, "vectorString": None}, "range": "<3.0.3"}
COOKIE = {"source": 1099846, "name": "cookie", "dependency": "cookie",
          "title": "cookie accepts cookie name, path, and domain with out of bounds characters",
          "url": "https://github.com/advisories/GHSA-pxg6-pf52-xh8x", "severity": "low",
          "cwe": ["CWE-74"], "cvss": {"score": 0, "vectorString": None}, "range": "<0.7.0"}
ELLIPTIC = {"source": 1102345, "name": "elliptic", "dependency": "elliptic",
            "title": "Elliptic's verify function omits uniqueness validation",
            "url": "https://github.com/advisories/GHSA-434g-2637-qmqr", "severity": "moderate",
            "cwe": ["CWE-347"], "cvss": {"score": 5.3, "vectorString": None}, "range": "<6.5.6"}


def npm_report(*advisories):
    vulnerabilities = {}
    for advisory in advisories:
        vulnerabilities[advisory["name"]] = {
            "name": advisory["name"], "severity": advisory["severity"], "isDirect": False,
            "via": [advisory], "effects": [], "range": advisory["range"],
            "nodes": [f"node_modules/{advisory['name']}"], "fixAvailable": True}
    # a package vulnerable only through another one: "via" names it, no finding of its own
    vulnerabilities["micromatch"] = {
        "name": "micromatch", "severity": "high", "isDirect": False, "via": ["braces"],
        "effects": [], "range": "0.2.0 - 2.3.11", "nodes": ["node_modules/micromatch"],
        "fixAvailable": False}
    return {"auditReportVersion": 2, "vulnerabilities": vulnerabilities,
            "metadata": {"vulnerabilities": {"total": len(vulnerabilities)}}}


NPM_OFFLINE = {"message": "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk",
               "statusCode": 405, "error": {"summary": "", "detail": ""}}

ACCEPT_PIP = {"ecosystem": "pypi", "package": "pip", "ids": ["PYSEC-2023-228", "CVE-2023-5752"],
              "severity": "low", "applies": False, "reason": "no hg+ URL is installed"}
ACCEPT_SANIC = {"ecosystem": "pypi", "package": "Sanic", "ids": ["CVE-2099-0001"],
                "severity": "moderate", "applies": False, "reason": "Windows only"}
ACCEPT_BRACES = {"ecosystem": "npm", "package": "braces", "ids": ["GHSA-grv7-fg5c-xmjg"],
                 "severity": "high", "applies": False, "reason": "build tool, never run"}
ACCEPT_GONE = {"ecosystem": "npm", "package": "ws", "ids": ["GHSA-3h5v-q93c-6h6q"],
               "severity": "high", "applies": False, "reason": "no longer in the lock"}
ACCEPT_GONE_PYPI = {"ecosystem": "pypi", "package": "urllib3", "ids": ["GHSA-34jh-p97f-mpxf"],
                    "severity": "moderate", "applies": False, "reason": "upgraded since"}


def run(tmp_path, capsys, pip_report, npm, accepted, *flags):
    (tmp_path / "pip.json").write_text(json.dumps(pip_report))
    (tmp_path / "npm.json").write_text(json.dumps(npm))
    (tmp_path / "accepted.yml").write_text(audit.yaml.safe_dump(accepted))
    code = audit.main(["--pip-audit-json", str(tmp_path / "pip.json"),
                       "--npm-audit-json", str(tmp_path / "npm.json"),
                       "--accepted", str(tmp_path / "accepted.yml"), *flags])
    return code, capsys.readouterr().out


def line(out, package):
    return next(row for row in out.splitlines() if row.split()[1:2] == [package])


def test_accepted_findings_pass(tmp_path, capsys):
    code, out = run(tmp_path, capsys, PIP_AUDIT, npm_report(BRACES),
                    [ACCEPT_PIP, ACCEPT_SANIC, ACCEPT_BRACES])
    assert code == 0
    assert line(out, "pip").split()[-1] == "accepted"
    assert "low" in line(out, "pip")  # the severity written down when it was accepted
    assert "accepted" in line(out, "sanic")  # matched by an alias, package name in any case
    assert "accepted" in line(out, "braces")
    assert "micromatch" not in out  # reported under braces, its cause
    assert "stale" not in out and "FAIL" not in out


def test_new_pypi_finding_counts_as_high_and_fails(tmp_path, capsys):
    code, out = run(tmp_path, capsys, PIP_AUDIT, npm_report(), [ACCEPT_PIP])
    assert code == 1
    assert "GHSA-aaaa-bbbb-cccc" in line(out, "sanic") and "high*" in line(out, "sanic")
    assert line(out, "sanic").endswith("NEW  fix: 22.6.1")
    assert "pip-audit gives no severity" in out
    assert "FAIL: 1 NEW high/critical" in out


def test_new_high_npm_finding_fails(tmp_path, capsys):
    code, out = run(tmp_path, capsys, PIP_AUDIT_CLEAN, npm_report(BRACES), [])
    assert code == 1
    assert "GHSA-grv7-fg5c-xmjg" in line(out, "braces") and "NEW" in line(out, "braces")


def test_new_low_and_moderate_npm_findings_are_printed_but_pass(tmp_path, capsys):
    code, out = run(tmp_path, capsys, PIP_AUDIT_CLEAN, npm_report(COOKIE, ELLIPTIC), [])
    assert code == 0
    assert "low" in line(out, "cookie") and line(out, "cookie").split()[-1] == "NEW"
    assert "moderate" in line(out, "elliptic") and line(out, "elliptic").split()[-1] == "NEW"
    assert "FAIL" not in out


def test_stale_acceptance_is_printed_without_failing(tmp_path, capsys):
    code, out = run(tmp_path, capsys, PIP_AUDIT_CLEAN, npm_report(), [ACCEPT_GONE, ACCEPT_GONE_PYPI])
    assert code == 0
    assert "stale: npm ws GHSA-3h5v-q93c-6h6q" in out
    assert "stale: pypi urllib3 GHSA-34jh-p97f-mpxf" in out


def test_a_tool_that_cannot_reach_its_database_fails_unless_offline_ok(tmp_path, capsys):
    code, out = run(tmp_path, capsys, PIP_AUDIT_CLEAN, NPM_OFFLINE, [ACCEPT_GONE, ACCEPT_GONE_PYPI])
    assert code == 2
    assert "ERROR: npm audit did not audit" in out and "405 Method Not Allowed" in out
    assert "stale: pypi urllib3" in out
    assert "stale: npm" not in out  # npm was not checked: its acceptances are not stale

    code, out = run(tmp_path, capsys, PIP_AUDIT_CLEAN, NPM_OFFLINE, [], "--offline-ok")
    assert code == 0
    assert "WARNING: npm audit did not audit" in out


def test_offline_ok_never_hides_a_new_high_finding(tmp_path, capsys):
    code, out = run(tmp_path, capsys, PIP_AUDIT, NPM_OFFLINE, [ACCEPT_PIP], "--offline-ok")
    assert code == 1
    assert "NEW" in line(out, "sanic")


def test_pip_audit_that_looked_nothing_up_is_an_error_not_a_pass(tmp_path, capsys):
    # what pip-audit prints, exit 0, when PyPI's per-version JSON API answers 404
    nothing = {"dependencies": [
        {"name": "dispute-advisor", "skip_reason": "distribution marked as editable"},
        {"name": "absl-py", "skip_reason": "Dependency not found on PyPI and could not be audited: absl-py (1.4.0)"},
    ], "fixes": []}
    code, out = run(tmp_path, capsys, nothing, npm_report(), [])
    assert code == 2
    assert "pip-audit did not audit" in out and "could look up no package" in out


def test_partly_skipped_pip_audit_is_incomplete():
    partial = {"dependencies": PIP_AUDIT["dependencies"] + [
        {"name": "absl-py", "skip_reason": "Dependency not found on PyPI and could not be audited: absl-py (1.4.0)"}]}
    with pytest.raises(audit.ToolError, match="looked up 3 of 4 packages"):
        audit.parse_pip_audit(partial)


def test_accepted_entry_without_a_reason_is_refused(tmp_path):
    path = tmp_path / "accepted.yml"
    path.write_text(audit.yaml.safe_dump([{k: v for k, v in ACCEPT_PIP.items() if k != "reason"}]))
    with pytest.raises(SystemExit, match="lacks"):
        audit.load_accepted(path)


def test_the_projects_accepted_file_is_well_formed():
    for entry in audit.load_accepted(audit.ACCEPTED):
        assert entry["ecosystem"] in ("pypi", "npm")
        assert str(entry["severity"]).lower() in ("low", "moderate", "high", "critical")
        assert entry["ids"] and len(str(entry["reason"]).split()) >= 10
