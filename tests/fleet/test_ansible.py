"""The Ansible role that makes a fresh Debian 12 machine a kiosk (packaging/ansible).

- `--syntax-check` of kiosk.yml with the example inventory;
- a `--check` run against this machine (`-i localhost, -c local`) as a fresh one: no kiosk
  user, a tiny fake bundle tarball, cage, Syncthing content and status, ansible-pull;
- a real run, twice, of every task that only writes files, all of them under a temporary
  prefix (packages, the user and services off), with the other choices (Xorg, git content,
  the bundle downloaded from a URL served here): the second run must change nothing, and the
  files must say what the kiosk needs (its environment, the units from the bundle with their
  drop-ins, auto-login, node_exporter's textfile folder, Syncthing's folders), which
  `systemd-analyze verify` also reads where systemd is installed;
- every package name the role can install, looked up with apt-cache.

The check run goes in the background while the real runs do. Services (they need systemd as
PID 1: enable-linger, starting units, restarts) are not exercised here.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import os
import re
import shutil
import subprocess
import tarfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
ANSIBLE = REPO / "packaging" / "ansible"
PLAYBOOK = ANSIBLE / "kiosk.yml"
PACKAGING = REPO / "packaging"
OFFICE = "MFZWI3D-BONSGYC-YLTMRWG-C43ENR5-QXGZDMM-FZWI3DP-BONSGYY-LTMRWAD"
EDITORS = "P56IOI7-MZJNU2Y-IQGDREY-DM2MGTI-MGL3BXN-PQ6W5BM-TBBZ4TJ-XZWICQ2"
KIOSK_DEVICE = "PNYW36B-XKPS327-JAIRVHE-V6HHIXA-OJXPU6N-UE6UKQL-O5WBBS4-W3XR2AA"
RUN_TIMEOUT = 240
RECAP = re.compile(r"^localhost\s*:\s*(.*)$", re.MULTILINE)


@pytest.fixture(scope="module")
def playbook_command() -> str:
    found = shutil.which("ansible-playbook")
    if not found:
        pytest.fail(
            "ansible-playbook is missing: apt-get install ansible-core "
            "(Debian's package; ansible.builtin modules only are used)"
        )
    return found


def environment(tmp: Path, path_first: Path | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        ANSIBLE_CONFIG=str(ANSIBLE / "ansible.cfg"),
        ANSIBLE_LOCAL_TEMP=str(tmp / "ansible-local"),
        ANSIBLE_REMOTE_TEMP=str(tmp / "ansible-remote"),
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_RETRY_FILES_ENABLED="0",
        ANSIBLE_DEPRECATION_WARNINGS="0",
        ANSIBLE_LOCALHOST_WARNING="0",
    )
    if path_first is not None:
        env["PATH"] = f"{path_first}{os.pathsep}{env.get('PATH', '')}"
    return env


def make_bundle(folder: Path, version: str = "1") -> Path:
    """A tarball shaped like dist/kiosk: kiosk/{kiosk, systemd/, session/, pull-content.sh,
    content/}, with the repository's own units and session."""
    tree = folder / f"bundle-{version}" / "kiosk"
    shutil.copytree(PACKAGING / "systemd", tree / "systemd")
    shutil.copytree(PACKAGING / "session", tree / "session")
    shutil.copy2(PACKAGING / "content-repo" / "pull-content.sh", tree / "pull-content.sh")
    (tree / "content").mkdir()
    (tree / "content" / "site.yaml").write_text(f"# fake content {version}\n")
    (tree / "kiosk").write_text(f'#!/bin/sh\necho "fake kiosk {version} $*"\n')
    (tree / "kiosk").chmod(0o755)
    tarball = folder / f"kiosk-linux-{version}.tar.gz"
    with tarfile.open(tarball, "w:gz") as archive:
        archive.add(tree, arcname="kiosk")
    return tarball


def fake_syncthing(folder: Path) -> Path:
    """`syncthing generate --home=DIR` and `syncthing serve --home=DIR --device-id`, enough for
    the role, without a daemon or its ports (the role never starts one here)."""
    bin_dir = folder / "bin"
    bin_dir.mkdir()
    script = bin_dir / "syncthing"
    script.write_text(
        "#!/bin/sh\n"
        'home=""\n'
        'for arg in "$@"; do case $arg in --home=*) home=${arg#--home=} ;; esac; done\n'
        'case "$1" in\n'
        '  generate) mkdir -p "$home" && touch "$home/cert.pem" "$home/key.pem" ;;\n'
        f"  serve) echo {KIOSK_DEVICE} ;;\n"
        "  *) exit 2 ;;\n"
        "esac\n"
    )
    script.chmod(0o755)
    return bin_dir


def content_repository(folder: Path) -> Path:
    git = shutil.which("git")
    if not git:
        pytest.fail("git is missing (the role clones content with it): apt-get install git")
    work = folder / "content-work"
    work.mkdir()
    (work / "site.yaml").write_text("# shared content\n")
    quiet = {"check": True, "capture_output": True}
    subprocess.run([git, "init", "-q", "-b", "main", str(work)], **quiet)
    subprocess.run([git, "-C", str(work), "add", "."], **quiet)
    subprocess.run(
        [git, "-C", str(work), "-c", "user.name=t", "-c", "user.email=t@example.org"]
        + ["commit", "-qm", "content"],
        **quiet,
    )
    bare = folder / "content.git"
    subprocess.run([git, "clone", "-q", "--bare", str(work), str(bare)], **quiet)
    return bare


def role_packages() -> set[str]:
    """Every package name the role can install: the lists in defaults/main.yml (all choices)
    and the names written into vars/main.yml's _ek_packages."""
    role = ANSIBLE / "roles" / "etown_kiosk"
    defaults = yaml.safe_load((role / "defaults" / "main.yml").read_text())
    names = set(defaults["etown_kiosk_packages_qt"] + defaults["etown_kiosk_packages_speech"])
    for choice in ("etown_kiosk_packages_display", "etown_kiosk_packages_audio"):
        names.update(name for names_ in defaults[choice].values() for name in names_)
    expression = yaml.safe_load((role / "vars" / "main.yml").read_text())["_ek_packages"]
    names.update(re.findall(r"'([a-z0-9][a-z0-9.+-]+)'", expression))
    return names


def verify_units(prefix: Path, home: Path, tmp: Path) -> bool:
    """`systemd-analyze verify` on what systemd would load: the bundle's user units with the
    role's drop-ins, the getty drop-in and the ansible-pull units. False: no systemd here."""
    analyze = shutil.which("systemd-analyze")
    if not analyze:
        return False
    runtime = tmp / "xdg-runtime"
    runtime.mkdir(mode=0o700)
    checks = [
        (
            ["--user", "verify", "etown-kiosk.service", "etown-kiosk-content.service"]
            + ["etown-kiosk-content.timer"],
            {"HOME": str(home), "SYSTEMD_UNIT_PATH": f"{home}/.config/systemd/user:"},
        ),
        (
            ["verify", "getty@tty1.service", "etown-kiosk-ansible-pull.service"]
            + ["etown-kiosk-ansible-pull.timer"],
            {"SYSTEMD_UNIT_PATH": f"{prefix}/etc/systemd/system:"},
        ),
    ]
    for argv, env in checks:
        env = dict(os.environ, XDG_RUNTIME_DIR=str(runtime), **env)
        result = subprocess.run([analyze, *argv], env=env, capture_output=True, text=True)
        said = (result.stdout + result.stderr).strip()
        assert result.returncode == 0 and not said, f"systemd-analyze {argv}: {said}"
    return True


def serve(path: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """An HTTP server on a loopback port for path's folder; the URL of path on it."""
    handler = functools.partial(_QuietHandler, directory=str(path.parent))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/{path.name}", server


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@dataclass
class Run:
    name: str
    process: subprocess.Popen[str]
    log: Path
    started: float
    output: str = ""
    seconds: float = 0.0

    def wait(self) -> Run:
        if self.process.returncode is None:
            self.process.wait(timeout=RUN_TIMEOUT)
            self.seconds = time.monotonic() - self.started
            self.output = self.log.read_text()
        return self

    def recap(self) -> dict[str, int]:
        found = RECAP.findall(self.output)
        assert found, f"{self.name}: no PLAY RECAP in the output:\n{self.output[-4000:]}"
        return {key: int(value) for key, value in re.findall(r"(\w+)=(\d+)", found[-1])}

    def check(self) -> dict[str, int]:
        """The run went through: exit status 0, nothing failed or unreachable."""
        self.wait()
        tail = self.output[-6000:]
        assert self.process.returncode == 0, f"{self.name}: exit {self.process.returncode}\n{tail}"
        recap = self.recap()
        assert recap["failed"] == 0 and recap["unreachable"] == 0, f"{self.name}: {recap}\n{tail}"
        return recap

    def changed_tasks(self) -> list[str]:
        tasks, current = [], ""
        for line in self.output.splitlines():
            if line.startswith(("TASK [", "RUNNING HANDLER [")):
                current = line.split("[", 1)[1].rsplit("]", 1)[0]
            elif line.startswith("changed:"):
                tasks.append(f"{current}: {line}")
        return tasks


def start(name: str, command: str, tmp: Path, variables: dict, *extra: str, path_first=None) -> Run:
    tmp.mkdir(parents=True, exist_ok=True)
    vars_file = tmp / f"{name}.json"
    vars_file.write_text(json.dumps(variables))
    log = tmp / f"{name}.log"
    argv = [command, "-i", "localhost,", "-c", "local", str(PLAYBOOK), "-e", f"@{vars_file}"]
    with log.open("w") as out:
        process = subprocess.Popen(
            argv + list(extra),
            cwd=tmp,
            env=environment(tmp, path_first),
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
        )
    return Run(name, process, log, time.monotonic())


def common(bundle: Path, prefix: Path) -> dict:
    return {
        "etown_kiosk_hosts": "all",
        "kiosk_id": "lobby-left",
        "etown_kiosk_bundle_src": str(bundle),
        "etown_kiosk_prefix": str(prefix),
        "etown_kiosk_manage_services": False,
        "etown_kiosk_syncthing_devices": [
            {"name": "office", "id": OFFICE},
            {"name": "editors", "id": EDITORS, "addresses": ["tcp://10.0.0.5:22000"]},
        ],
    }


# A fresh machine (no user `kiosk`), with the choices the real runs below do not make: cage,
# the session script as supervisor, PulseAudio, content by Syncthing, a tarball on the
# controller (check mode cannot unpack it: the release folder it would go into is not there).
CHECK_CHOICES = {
    "etown_kiosk_display": "cage",
    "etown_kiosk_supervisor": "session",
    "etown_kiosk_audio": "pulseaudio",
    "etown_kiosk_cjk_fonts": True,
    "etown_kiosk_content_source": "syncthing",
    "etown_kiosk_syncthing_content_devices": ["editors"],
    "etown_kiosk_status_sync": True,
    "etown_kiosk_syncthing_status_folder_type": "sendreceive",
    "etown_kiosk_ansible_pull": True,
    "etown_kiosk_ansible_pull_url": "https://git.example.org/etown/kiosk.git",
}


@pytest.fixture(scope="module")
def check_run(playbook_command, tmp_path_factory):
    """The --check run, started in the background at once; its test waits for it."""
    tmp = tmp_path_factory.mktemp("check")
    variables = common(make_bundle(tmp), tmp / "root") | CHECK_CHOICES
    # apt's check mode alone takes 10-20 s here: the package names are checked by
    # test_every_package_the_role_installs_is_in_debian instead.
    variables["etown_kiosk_manage_packages"] = False
    run = start("check", playbook_command, tmp, variables, "--check")
    yield run
    if run.process.poll() is None:
        run.process.kill()


def test_syntax_check_with_the_example_inventory(playbook_command, check_run, tmp_path):
    result = subprocess.run(
        [playbook_command, "--syntax-check", "-i", str(ANSIBLE / "inventory.example.ini")]
        + [str(PLAYBOOK)],
        cwd=ANSIBLE,
        env=environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "playbook: " in result.stdout


def test_a_real_run_of_the_file_tasks_twice_changes_nothing_the_second_time(
    playbook_command, check_run, tmp_path
):
    if os.geteuid() != 0:
        pytest.skip("the file tasks chown to the kiosk user and run git as it (runuser): root")
    prefix = tmp_path / "root"
    user = "root"  # a user that exists here: the role would create `kiosk` on a real machine
    bundle = make_bundle(tmp_path)
    url, server = serve(bundle)
    variables = common(bundle, prefix) | {
        "etown_kiosk_bundle_src": url,
        "etown_kiosk_bundle_version": "1.0.0+test",
        "etown_kiosk_bundle_checksum": "sha256:" + hashlib.sha256(bundle.read_bytes()).hexdigest(),
        "etown_kiosk_user": user,
        "etown_kiosk_home": "/home/kiosk",
        "etown_kiosk_manage_user": False,
        "etown_kiosk_manage_packages": False,
        "etown_kiosk_content_source": "git",
        "etown_kiosk_content_git_repo": str(content_repository(tmp_path)),
        "etown_kiosk_status_sync": True,
        "etown_kiosk_ansible_pull": True,
        "etown_kiosk_ansible_pull_url": "https://git.example.org/etown/kiosk.git",
        "etown_kiosk_environment": {"KIOSK_PICTURE_MINUTES": "5"},
    }
    bin_dir = fake_syncthing(tmp_path)
    try:
        first = start("first", playbook_command, tmp_path, variables, path_first=bin_dir).wait()
        assert first.check()["changed"] > 10, first.output[-3000:]
        second = start("second", playbook_command, tmp_path, variables, path_first=bin_dir)
        second.wait()
    finally:
        server.shutdown()
        server.server_close()
    recap = second.check()
    assert recap["changed"] == 0, "\n".join(second.changed_tasks())
    print(f"real runs: {first.seconds:.1f} s, then {second.seconds:.1f} s (changed=0)")

    home = prefix / "home" / "kiosk"
    units = home / ".config" / "systemd" / "user"
    # The bundle is unpacked once, behind the ~/etown-kiosk symlink, with its version marker;
    # the download is gone.
    app = home / "etown-kiosk"
    assert os.readlink(app) == "etown-kiosk-releases/1.0.0+test"
    assert (app / ".etown-bundle-version").read_text() == "1.0.0+test\n"
    assert (app / "kiosk").stat().st_mode & 0o111
    assert sorted(p.name for p in (home / "etown-kiosk-releases").iterdir()) == ["1.0.0+test"]
    # The units are the bundle's own files, linked; enabled like `systemctl --user enable`.
    for unit in ("etown-kiosk.service", "etown-kiosk-content.service", "etown-kiosk-content.timer"):
        assert (units / unit).is_symlink() and not os.path.isabs(os.readlink(units / unit))
        assert (units / unit).read_text() == (PACKAGING / "systemd" / unit).read_text()
    wants = units / "graphical-session.target.wants" / "etown-kiosk.service"
    assert os.readlink(wants) == "../etown-kiosk.service"
    assert (units / "timers.target.wants" / "etown-kiosk-content.timer").is_symlink()
    assert os.readlink(units / "default.target.wants" / "syncthing.service") == (
        "/usr/lib/systemd/user/syncthing.service"
    )
    # The kiosk's environment: the drop-in and the login shell say the same.
    dropin = (units / "etown-kiosk.service.d" / "ansible.conf").read_text()
    expected = {
        "KIOSK_METRICS_DIR": "/var/lib/etown-kiosk/metrics",
        "KIOSK_STATUS_DIR": "/var/lib/etown-kiosk/status",
        "KIOSK_CONTENT": "/home/kiosk/etown-content",
        "KIOSK_ID": "lobby-left",
        "KIOSK_PICTURE_MINUTES": "5",
    }
    profile = (home / ".bash_profile").read_text()
    for name, value in expected.items():
        assert f'Environment="{name}={value}"' in dropin
        assert f"export {name}={value}\n" in profile
    assert "ETOWN_KIOSK_SYSTEMD=1" in profile
    bash = subprocess.run(["bash", "-n", str(home / ".bash_profile")], capture_output=True)
    assert bash.returncode == 0, bash.stderr
    assert 'startx "$HOME/etown-kiosk/session/etown-kiosk-session" --' in profile
    content_dropin = (units / "etown-kiosk-content.service.d" / "ansible.conf").read_text()
    assert "ExecStart=\nExecStart=%h/etown-kiosk/pull-content.sh /home/kiosk/etown-content" in (
        content_dropin
    )
    assert (home / "etown-content" / ".git").is_dir()
    assert (home / "etown-content" / "site.yaml").read_text() == "# shared content\n"
    getty = prefix / "etc/systemd/system/getty@tty1.service.d/autologin.conf"
    assert f"--autologin {user} - $TERM" in getty.read_text()
    # node_exporter reads the metrics folder.
    args = (prefix / "etc/default/prometheus-node-exporter").read_text()
    assert args == (
        'ARGS="--web.listen-address=:9100 '
        '--collector.textfile.directory=/var/lib/etown-kiosk/metrics"\n'
    )
    info = (prefix / "var/lib/etown-kiosk/metrics/kiosk_deploy_info.prom").read_text()
    assert 'kiosk_id="lobby-left"' in info
    # Syncthing: the status folder goes out send-only to both devices; no content folder.
    config = (home / ".config/syncthing/config.xml").read_text()
    assert 'id="etown-status-lobby-left"' in config and 'type="sendonly"' in config
    assert 'path="/var/lib/etown-kiosk/status"' in config and "receiveonly" not in config
    assert config.count(f'<device id="{OFFICE}"') == 2  # the folder's and the device's
    assert "<address>tcp://10.0.0.5:22000</address>" in config
    assert KIOSK_DEVICE in second.output  # the device ID, shown for the office
    pull = (prefix / "etc/systemd/system/etown-kiosk-ansible-pull.service").read_text()
    assert "--limit localhost" in pull and pull.rstrip().endswith("Nice=10")
    verified = verify_units(prefix, home, tmp_path)
    print(f"systemd-analyze verify: {'passed' if verified else 'not here (no systemd)'}")


def test_check_mode_on_a_fresh_machine_goes_through(check_run):
    recap = check_run.wait().check()
    assert recap["changed"] > 10, check_run.output[-3000:]
    print(f"--check in {check_run.seconds:.1f} s, {recap}")


def test_every_package_the_role_installs_is_in_debian():
    apt_cache = shutil.which("apt-cache")
    if not apt_cache or not any(Path("/var/lib/apt/lists").glob("*_Packages*")):
        pytest.skip("no apt lists to look the names up in (apt-get update)")
    names = role_packages()
    assert {"xinit", "cage", "libxcb-cursor0", "syncthing", "espeak-ng"} <= names
    result = subprocess.run(
        [apt_cache, "show", "--no-all-versions", *sorted(names)],
        capture_output=True,
        text=True,
    )
    found = set(re.findall(r"^Package: (\S+)$", result.stdout, re.MULTILINE))
    assert names <= found, f"not in this machine's apt lists: {sorted(names - found)}"
