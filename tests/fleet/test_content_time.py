"""How new the content on a kiosk is, for the fleet's "content behind" alert: the commit
time of the revision pulled (git stamps files with the pull's time), else the files' times."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from kiosk.services.metrics import content_timestamp
from tests.services.kit import write_content

PULL = Path(__file__).parents[2] / "packaging" / "content-repo" / "pull-content.sh"


def git(*args, cwd: Path, when: int | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "op", "GIT_AUTHOR_EMAIL": "op@example.org"}
    env |= {"GIT_COMMITTER_NAME": "op", "GIT_COMMITTER_EMAIL": "op@example.org"}
    if when is not None:
        env |= {"GIT_AUTHOR_DATE": f"{when} +0800", "GIT_COMMITTER_DATE": f"{when} +0800"}
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_pulled_revision_is_as_new_as_its_commit_not_its_pull(tmp_path):
    assert shutil.which("git"), "git is missing: apt-get install git"
    office = tmp_path / "office"
    write_content(office)
    git("init", "-q", "-b", "main", cwd=office)
    git("add", ".", cwd=office)
    git("commit", "-qm", "first", cwd=office, when=1_700_000_000)
    kiosk_copy = tmp_path / "kiosk-content"
    git("clone", "-q", str(office), str(kiosk_copy), cwd=tmp_path)

    (office / "site.yaml").write_text(
        (office / "site.yaml").read_text(encoding="utf-8") + "subtitle: New\n", encoding="utf-8"
    )
    git("commit", "-qam", "second", cwd=office, when=1_700_003_600)
    kiosk_cli = Path(sys.executable).with_name("kiosk")
    done = subprocess.run(
        ["sh", str(PULL), str(kiosk_copy)],
        env={**os.environ, "KIOSK": str(kiosk_cli)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    files = ["site.yaml", "panels/alpha.yaml"]
    assert content_timestamp(kiosk_copy, files) == 1_700_003_600
    # A folder without it (Syncthing keeps the files' own times): the newest file.
    os.utime(office / "site.yaml", (1_600_000_000, 1_600_000_000))
    os.utime(office / "panels" / "alpha.yaml", (1_600_000_500, 1_600_000_500))
    assert content_timestamp(office, files) == 1_600_000_500


def test_a_revision_time_that_is_a_pipe_or_a_link_out_is_not_read(tmp_path):
    root = write_content(tmp_path / "content")
    files = ["site.yaml"]
    os.utime(root / "site.yaml", (1_600_000_000, 1_600_000_000))
    os.mkfifo(root / ".revision-time")  # nobody writes it: a plain read would wait for ever
    assert content_timestamp(root, files) == 1_600_000_000
    os.unlink(root / ".revision-time")
    outside = tmp_path / "elsewhere"
    outside.write_text("1700000000")
    os.symlink(outside, root / ".revision-time")
    assert content_timestamp(root, files) == 1_600_000_000
