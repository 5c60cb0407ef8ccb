"""The kiosk's metrics as the office's Prometheus gets them: through Debian's node_exporter
(its textfile collector reading the kiosk's folder), scraped over HTTP, after what a visitor
and an operator do: a tap, a valid reload, a reload refused."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.request
from datetime import datetime

import pytest
from prometheus_client.parser import text_string_to_metric_families

from kiosk.services.clock import ManualClock
from kiosk.services.fleet import FleetOptions
from tests.fleet.contract import CONTRACT
from tests.kiosk_kit import start_kiosk
from tests.services.kit import NO_IDLE, write_content
from tests.touch import tap

NODE_EXPORTER = "prometheus-node-exporter"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def node_exporter(tmp_path):
    """node_exporter on a loopback port, only its textfile collector, on tmp_path/metrics."""
    binary = shutil.which(NODE_EXPORTER) or shutil.which("node_exporter")
    assert binary, "node_exporter is missing: apt-get install prometheus-node-exporter"
    folder = tmp_path / "metrics"
    folder.mkdir()
    port = _free_port()
    process = subprocess.Popen(
        [
            binary,
            f"--web.listen-address=127.0.0.1:{port}",
            "--collector.disable-defaults",
            "--collector.textfile",
            f"--collector.textfile.directory={folder}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/metrics"
    deadline = time.monotonic() + 10
    while True:
        try:
            urllib.request.urlopen(url, timeout=1).read()
            break
        except OSError:
            assert time.monotonic() < deadline, "node_exporter did not start"
            assert process.poll() is None, "node_exporter exited"
            time.sleep(0.1)
    yield folder, url
    process.terminate()
    process.wait(timeout=5)


def scrape(url: str) -> dict[str, list]:
    text = urllib.request.urlopen(url, timeout=2).read().decode()
    found: dict[str, list] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found.setdefault(sample.name, []).append(sample)
    return found


def value(samples: dict[str, list], name: str, **labels) -> float:
    for sample in samples.get(name, []):
        if all(sample.labels.get(k) == v for k, v in labels.items()):
            return sample.value
    raise AssertionError(f"{name}{labels or ''} not in the scrape: {sorted(samples)}")


def wait_for(qtbot, url, check, timeout=10_000):
    """Scrape until `check(samples)` holds (the kiosk writes within a second of a change)."""
    seen: dict = {}

    def holds() -> bool:
        nonlocal seen
        seen = scrape(url)
        try:
            return bool(check(seen))
        except AssertionError:
            return False

    qtbot.waitUntil(holds, timeout=timeout)
    return seen


def test_every_kiosk_metric_reaches_prometheus_with_the_right_values(
    qtbot, tmp_path, node_exporter
):
    folder, url = node_exporter
    options = FleetOptions(metrics_dir=folder, kiosk_id="lobby-east")
    before = time.time()
    clock = ManualClock(datetime(2026, 5, 4, 10, 0))
    running = start_kiosk(qtbot, tmp_path, clock, site={"idle": NO_IDLE}, fleet=options)
    window, content = running.window, running.content_dir
    version = running.controller.content.version

    first = wait_for(qtbot, url, lambda s: value(s, "kiosk_heartbeat_timestamp_seconds") > 0)
    info = value(first, "kiosk_info", kiosk_id="lobby-east", content_version=version)
    assert info == 1
    assert value(first, "node_textfile_scrape_error") == 0
    assert before - 1 <= value(first, "kiosk_start_time_seconds") <= time.time()
    assert value(first, "kiosk_content_load_success") == 1
    assert value(first, "kiosk_touches_total") == 0
    assert value(first, "kiosk_data_free_bytes") > 0
    assert value(first, "kiosk_data_size_bytes") >= value(first, "kiosk_data_free_bytes")
    for state in ("standby", "attract", "admin", "notice"):
        assert value(first, f"kiosk_{state}") == 0

    # A visitor taps a tile: a touch, a session, a panel view.
    tile = window.home.tiles[0]
    tap(tile)
    panel = running.controller.content.site.panels[0]
    tapped = wait_for(qtbot, url, lambda s: value(s, "kiosk_panel_views_total", panel=panel) == 1)
    assert value(tapped, "kiosk_touches_total") >= 1
    assert value(tapped, "kiosk_last_frame_timestamp_seconds") >= before
    assert value(tapped, "kiosk_sessions_total") == 1

    # The operator saves a change: a new content version, loaded.
    write_content(content, site={"idle": NO_IDLE, "subtitle": {"zh": "新", "en": "New"}})
    loaded = wait_for(
        qtbot,
        url,
        lambda s: (
            running.controller.content.version != version
            and value(s, "kiosk_info", content_version=running.controller.content.version) == 1
        ),
    )
    assert value(loaded, "kiosk_content_load_success") == 1
    assert value(loaded, "kiosk_content_reload_failures_total") == 0
    new_version = running.controller.content.version

    # ...then a broken one: refused, counted, the version shown stays.
    (content / "site.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    failed = wait_for(qtbot, url, lambda s: value(s, "kiosk_content_reload_failures_total") == 1)
    assert value(failed, "kiosk_content_load_success") == 0
    assert value(failed, "kiosk_info", content_version=new_version) == 1
    assert value(failed, "kiosk_content_load_timestamp_seconds") >= value(
        loaded, "kiosk_content_load_timestamp_seconds"
    )

    # An error in a slot: caught, counted, the kiosk goes home.
    try:
        raise RuntimeError("a slot failed")
    except RuntimeError as error:
        running.controller.guard.handle(type(error), error, error.__traceback__)
    crashed = wait_for(qtbot, url, lambda s: value(s, "kiosk_crashes_total") == 1)
    assert running.window.current_panel_id() is None

    # The attract loop shows as a state.
    running.controller.overlays.attract.open()
    running.controller.fleet.state_changed()
    last = wait_for(qtbot, url, lambda s: value(s, "kiosk_attract") == 1)
    assert value(last, "kiosk_standby") == 0
    assert value(last, "kiosk_content_timestamp_seconds") <= time.time()
    assert value(last, "kiosk_heartbeat_timestamp_seconds") >= value(
        crashed, "kiosk_heartbeat_timestamp_seconds"
    )
    names = {name for name in last if name.startswith("kiosk_")}
    assert names == CONTRACT  # every metric FLEET.md and the alert rules name, and no other
    running.kiosk.close()
