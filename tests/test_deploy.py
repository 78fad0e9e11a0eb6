"""The deploy/ examples: the systemd units pass `systemd-analyze verify`, the nginx site passes
`nginx -t`, and the Prometheus files name only metrics the server and workers expose. Each check is
also shown to fail on a broken copy, so a pass means something."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from support.commands import REPO

from audiobrief import metrics

DEPLOY = REPO / "deploy"
INSTALLED = "/opt/audiobrief/venv/bin/audiobrief"
UNITS = {"audiobrief-serve.service": "audiobrief-serve.service",
         "audiobrief-worker@.service": "audiobrief-worker@1.service"}  # a template is checked as an instance


def verify_units(folder: Path, names: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["systemd-analyze", "verify", "--man=no", *(str(folder / n) for n in names)],
                          capture_output=True, text=True, timeout=120)


def installed_units(folder: Path) -> list[str]:
    """The units as installed, their command being this environment's `audiobrief`."""
    command = str(Path(sys.executable).parent / "audiobrief")
    for source, name in UNITS.items():
        (folder / name).write_text((DEPLOY / source).read_text().replace(INSTALLED, command))
    return list(UNITS.values())


def test_the_systemd_units_verify(tmp_path: Path) -> None:
    names = installed_units(tmp_path)
    result = verify_units(tmp_path, names)
    assert (result.returncode, result.stderr, result.stdout) == (0, "", "")
    for name in names:
        text = (tmp_path / name).read_text()
        assert "EnvironmentFile=/etc/audiobrief/audiobrief.env" in text and "Restart=" in text
        assert "TimeoutStopSec=" in text


def test_a_broken_unit_does_not_verify(tmp_path: Path) -> None:
    names = installed_units(tmp_path)
    unit = tmp_path / names[0]
    unit.write_text(unit.read_text().replace("Restart=on-failure", "Restart=sometimes"))
    assert verify_units(tmp_path, names).stderr != ""


def nginx_check(folder: Path, site: str) -> subprocess.CompletedProcess[str]:
    """`nginx -t` on a main configuration including this site, its certificate paths pointing to a
    throw-away self-signed pair, everything written in folder."""
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=briefs.example.org", "-keyout", str(folder / "key.pem"),
                    "-out", str(folder / "cert.pem")], check=True, capture_output=True, timeout=60)
    site = (site.replace("/etc/letsencrypt/live/briefs.example.org/fullchain.pem", str(folder / "cert.pem"))
            .replace("/etc/letsencrypt/live/briefs.example.org/privkey.pem", str(folder / "key.pem")))
    (folder / "site.conf").write_text(site)
    (folder / "nginx.conf").write_text(
        f"pid {folder}/nginx.pid;\nerror_log {folder}/error.log;\nevents {{}}\n"
        f"http {{\n    access_log off;\n    include {folder}/site.conf;\n}}\n")
    return subprocess.run([nginx(), "-t", "-q", "-p", str(folder), "-e", str(folder / "error.log"),
                           "-c", str(folder / "nginx.conf")], capture_output=True, text=True, timeout=60)


def nginx() -> str:
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    assert Path(found).exists(), "nginx is missing: run scripts/test.sh (installs it)"
    return found


def test_the_nginx_site_passes_nginx_t(tmp_path: Path) -> None:
    site = (DEPLOY / "nginx-audiobrief.conf").read_text()
    result = nginx_check(tmp_path, site)
    assert (result.returncode, result.stderr) == (0, "")
    for setting in ("client_max_body_size", "proxy_buffering off", "X-Forwarded-For", "X-Forwarded-Proto",
                    "proxy_read_timeout", "ssl_certificate"):
        assert setting in site


def test_a_broken_site_fails_nginx_t(tmp_path: Path) -> None:
    site = (DEPLOY / "nginx-audiobrief.conf").read_text()
    site = site.replace("proxy_buffering off;", "proxy_buffering of;")
    assert nginx_check(tmp_path, site).returncode != 0


EXPOSED = {name for value in vars(metrics).values() if hasattr(value, "_name")
           for name in (value._name, f"{value._name}_total")} | {"audiobrief_briefings"}


def test_the_alert_rules_name_exposed_metrics() -> None:
    config = yaml.safe_load((DEPLOY / "prometheus.yml").read_text())
    rule_file = "audiobrief-alerts.yml"
    assert config["rule_files"] == [rule_file]
    assert {job["job_name"] for job in config["scrape_configs"]} == {"audiobrief-web", "audiobrief-workers"}
    rules = yaml.safe_load((DEPLOY / rule_file).read_text())["groups"][0]["rules"]
    assert [rule["alert"] for rule in rules] == ["AudiobriefQueueGrowing", "AudiobriefFailuresHigh"]
    for rule in rules:
        named = set(re.findall(r"\baudiobrief_[a-z_]+", rule["expr"]))
        assert named and named <= EXPOSED, named - EXPOSED
