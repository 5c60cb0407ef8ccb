"""The validated snapshot kept on disk (kiosk/content/snapshot_cache.py): an unchanged folder
starts from it; any change, damage or doubt loads the folder as before."""

from __future__ import annotations

import logging
import os
import pickle
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from kiosk.content import snapshot_cache
from kiosk.content.last_good import initial_load
from kiosk.content.loader import load_content
from kiosk.content.numbers import format_number
from kiosk.content.qr import qr_matrix
from kiosk.content.snapshot_cache import CACHE_FILE, MAGIC, folder_key, store
from tests.content.build import INDUSTRY, PNG, TODAY, make_content

REPO = Path(__file__).resolve().parents[2]


def cached(root: Path, data: Path) -> Path:
    """Load `root` as a start would and write its cache as the watcher does after start."""
    start = initial_load(root, data, TODAY)
    assert start.folder.ok and not start.from_cache
    assert store(data, start.cache_key, start.folder, root, TODAY)
    return data / CACHE_FILE


def test_an_unchanged_folder_starts_from_the_cache_with_the_same_content_and_warnings(tmp_path):
    stale = INDUSTRY.replace("as_of: 2024-06-01", "as_of: 2019-06-01")  # a stale-figure warning
    root = make_content(tmp_path / "content", {"panels/industry.yaml": stale})
    cached(root, tmp_path / "data")

    again = initial_load(root, tmp_path / "data", TODAY)

    fresh = load_content(root, TODAY)
    assert again.from_cache and again.shown is not None
    assert again.shown == fresh.content  # every model, field by field
    assert again.shown.version == fresh.content.version
    assert [p.format() for p in again.folder.problems] == [p.format() for p in fresh.problems]
    assert any("2019" in p.message for p in again.folder.warnings)
    assert again.folder.files == fresh.files


def test_an_edit_that_keeps_the_size_and_time_of_the_file_is_still_seen(tmp_path):
    root = make_content(tmp_path / "content")
    cached(root, tmp_path / "data")
    industry = root / "panels" / "industry.yaml"
    before = industry.stat()
    industry.write_text(INDUSTRY.replace("value: 12.5", "value: 19.5"), encoding="utf-8")
    os.utime(industry, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert industry.stat().st_size == before.st_size

    again = initial_load(root, tmp_path / "data", TODAY)

    assert not again.from_cache
    figure = again.shown.panels["industry"].blocks[1].items[0]
    assert figure.value == 19.5


def test_a_replaced_image_or_a_new_file_loads_the_folder_again(tmp_path):
    root = make_content(tmp_path / "content")
    data = tmp_path / "data"
    cached(root, data)
    hero = root / "images" / "hero.png"
    hero.write_bytes(b"not a picture")

    broken = initial_load(root, data, TODAY)
    assert not broken.from_cache and not broken.folder.ok  # the broken image is reported

    hero.write_bytes(PNG)
    cached(root, data)
    (root / "panels" / "extra.yaml").write_text(
        INDUSTRY.replace("id: industry", "id: extra"), encoding="utf-8"
    )
    added = initial_load(root, data, TODAY)
    assert not added.from_cache
    assert any("extra" in p.message for p in added.folder.warnings)  # not listed in site.yaml


def test_a_cache_from_another_day_is_not_used(tmp_path):
    root = make_content(tmp_path / "content")
    cached(root, tmp_path / "data")
    assert not initial_load(root, tmp_path / "data", TODAY + timedelta(days=1)).from_cache


def test_a_damaged_truncated_or_foreign_cache_is_ignored_and_the_folder_loaded(tmp_path, caplog):
    root = make_content(tmp_path / "content")
    data = tmp_path / "data"
    path = cached(root, data)
    whole = path.read_bytes()

    path.write_bytes(whole[:-10] + bytes(10))  # a bit flipped on disk
    with caplog.at_level(logging.WARNING, logger="kiosk.content.snapshot_cache"):
        damaged = initial_load(root, data, TODAY)
    assert not damaged.from_cache and damaged.shown is not None
    assert "cache" in caplog.text and "is damaged; loading the folder" in caplog.text

    path.write_bytes(whole[: len(whole) // 2])  # a torn write
    assert not initial_load(root, data, TODAY).from_cache

    key = folder_key(root, TODAY)
    for foreign in ({"not": "a load result"}, ("a", "b", "c"), (None, {}, {})):
        payload = pickle.dumps(foreign)
        digest = snapshot_cache.new_hash(payload).hexdigest().encode()
        path.write_bytes(MAGIC + key.encode() + b"\n" + digest + b"\n" + payload)
        assert not initial_load(root, data, TODAY).from_cache

    path.unlink()
    path.mkdir()  # not a file at all
    assert not initial_load(root, data, TODAY).from_cache


def test_a_load_with_errors_is_never_cached(tmp_path):
    root = make_content(tmp_path / "content", {"panels/industry.yaml": "id: industry\n"})
    start = initial_load(root, tmp_path / "data", TODAY)
    assert not start.folder.ok
    assert not store(tmp_path / "data", start.cache_key, start.folder, root, TODAY)
    assert not (tmp_path / "data" / CACHE_FILE).exists()


def test_a_folder_changed_while_it_was_loaded_is_not_cached(tmp_path):
    root = make_content(tmp_path / "content")
    start = initial_load(root, tmp_path / "data", TODAY)
    (root / "site.yaml").write_text((root / "site.yaml").read_text() + "\n", encoding="utf-8")
    assert not store(tmp_path / "data", start.cache_key, start.folder, root, TODAY)
    assert not (tmp_path / "data" / CACHE_FILE).exists()


def test_a_cache_that_cannot_be_written_is_logged_and_the_kiosk_goes_on(tmp_path, caplog):
    root = make_content(tmp_path / "content")
    start = initial_load(root, tmp_path / "data", TODAY)
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the data folder should be")
    with caplog.at_level(logging.WARNING, logger="kiosk.content.snapshot_cache"):
        assert not store(blocked, start.cache_key, start.folder, root, TODAY)
    assert "could not write the content snapshot cache" in caplog.text
    assert initial_load(root, blocked, TODAY).shown is not None


def test_a_pipe_or_a_link_out_of_the_folder_never_hangs_and_is_reported_not_cached(tmp_path):
    root = make_content(tmp_path / "content")
    data = tmp_path / "data"
    cached(root, data)
    os.mkfifo(root / "panels" / "pipe.yaml")
    outside = tmp_path / "outside.png"
    outside.write_bytes(PNG)
    (root / "images" / "hero.png").unlink()
    (root / "images" / "hero.png").symlink_to(outside)

    start = initial_load(root, data, TODAY)  # (a FIFO read would block here for ever)

    assert not start.from_cache and not start.folder.ok
    messages = " ".join(p.file + " " + p.message for p in start.folder.errors)
    assert "pipe.yaml" in messages and "hero.png" in messages


LINKS = """\
  - type: links
    links:
      - label: {zh: 官网, en: Website}
        url: https://kfqgw.beijing.gov.cn/
"""


def test_a_start_from_the_cache_reads_no_yaml_and_imports_no_loader_yaml_or_pydantic(tmp_path):
    """Nor what formats its figures (Babel) or draws its QR codes (segno), nor OpenSSL: each
    would stay resident for the kiosk's life (kiosk/content/numbers.py, qr.py, digest.py)."""
    root = make_content(tmp_path / "content", {"panels/industry.yaml": INDUSTRY + LINKS})
    data = tmp_path / "data"
    cached(root, data)
    expected = [
        format_number(12345.678, 1, "en"),
        format_number(349_200, 0, "zh", zh_units=True),
        str(len(qr_matrix("https://kfqgw.beijing.gov.cn/"))),
    ]
    script = (
        "import sys\n"
        "from datetime import date\n"
        "from kiosk.content.last_good import initial_load\n"
        "from kiosk.content.numbers import format_number\n"
        "from kiosk.content.qr import qr_matrix\n"
        f"today = date.fromisoformat({TODAY.isoformat()!r})\n"
        f"start = initial_load({str(root)!r}, {str(data)!r}, today)\n"
        "url = start.shown.panels['industry'].blocks[-1].links[0].url\n"
        "print(start.from_cache, start.shown.panels['industry'].title.get('en'),\n"
        "      format_number(12345.678, 1, 'en'), format_number(349200, 0, 'zh', zh_units=True),\n"
        "      len(qr_matrix(url)))\n"
        "print(*sorted({'yaml', 'kiosk.content.loader', 'pydantic', 'kiosk.content.models',\n"
        "               'babel', 'segno', 'hashlib', '_hashlib'} & set(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    shown, imported = done.stdout.split("\n")[:2]
    assert shown.split() == ["True", "Industry", *expected]
    assert imported == ""


def _modules_until_first_frame(root: Path, home: Path) -> set[str]:
    """Every module `kiosk run` imports up to its first painted frame (it quits there)."""
    env = {
        **os.environ,
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "KIOSK_EXIT_AFTER_FIRST_FRAME": "1",
    }
    command = [sys.executable, "-X", "importtime", "-m", "kiosk", "run", "--windowed"]
    command += ["--size", "960x540", "--content", str(root)]
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "FIRST_FRAME" in done.stdout, done.stderr[-2000:]
    return {
        line.split("|")[-1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:")
    }


def test_the_kiosk_starts_from_the_cache_to_its_first_frame_without_pydantic_or_yaml(tmp_path):
    root = make_content(tmp_path / "content")
    home = tmp_path / "home"
    first = _modules_until_first_frame(root, home)  # no cache yet: the folder is validated
    assert {"pydantic", "kiosk.content.models", "yaml"} <= first
    start = initial_load(root, home / "data" / "etown-kiosk", date.today())
    store(home / "data" / "etown-kiosk", start.cache_key, start.folder, root, date.today())

    again = _modules_until_first_frame(root, home)

    unwanted = {"pydantic", "pydantic_core", "kiosk.content.models", "yaml"}
    unwanted |= {"kiosk.content.loader", "kiosk.content.checks", "babel", "_hashlib"}
    assert again & unwanted == set()
    assert "kiosk.content.views" in again
