"""The fleet's monitoring files (packaging/fleet/): Prometheus alert rules, their unit tests, the
example office config, and the Grafana dashboard.

promtool, from Debian's `prometheus` package, checks the rules and the config and runs the
rules' unit tests (kiosk-alerts.test.yml); it also evaluates every dashboard query on a
synthetic fleet, so a query that does not parse, fails at run time (e.g. a many-to-many match)
or names a metric the kiosks do not write shows up here. Without promtool these tests fail:
they are the only check of those files.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.fleet.contract import CONTRACT

REPO = Path(__file__).resolve().parents[2]
PROMETHEUS = REPO / "packaging" / "fleet" / "prometheus"
RULES = PROMETHEUS / "kiosk-alerts.yml"
RULE_TESTS = PROMETHEUS / "kiosk-alerts.test.yml"
CONFIG = PROMETHEUS / "prometheus.yml"
DASHBOARD = REPO / "packaging" / "fleet" / "grafana" / "kiosk-fleet.json"

KEYWORDS = frozenset(
    {"and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring"}
    | {"group_left", "group_right", "inf", "nan"}
)
# Grafana's variables, as a Prometheus server would see them once Grafana has filled them in.
GRAFANA_VARIABLES = {
    "$__rate_interval": "1m",
    "$__interval": "1m",
    "$__range": "1h",
    "$instance": ".+",
}


def promtool() -> str:
    """promtool's path; fails the test (no skip: these tests are the only check of the
    files) when it is missing."""
    path = shutil.which("promtool")
    if path is None:
        pytest.fail(
            "promtool is not on PATH: `apt-get install prometheus` (Debian's package, 2.42 on "
            "bookworm, brings it). It checks and unit-tests packaging/fleet/prometheus/.",
            pytrace=False,
        )
    return path


def run_promtool(*args: str, cwd: Path) -> str:
    """promtool's output; it must exit 0 and say SUCCESS."""
    done = subprocess.run(
        [promtool(), *args], cwd=cwd, capture_output=True, text=True, timeout=60, check=False
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, f"promtool {' '.join(args)} exited {done.returncode}:\n{output}"
    assert "SUCCESS" in output, f"promtool {' '.join(args)} did not say SUCCESS:\n{output}"
    return output


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def alert_rules() -> list[dict[str, Any]]:
    return [
        rule for group in load_yaml(RULES)["groups"] for rule in group["rules"] if "alert" in rule
    ]


def metric_names(expr: str) -> set[str]:
    """The metric names a PromQL expression selects (a tokenizer, not a parser: enough for
    the expressions here). Function names, keywords, label names and numbers are left out."""
    text = re.sub(r'"(?:\\.|[^"\\])*"', '""', expr)  # strings (label values, regexes)
    text = re.sub(r"'(?:\\.|[^'\\])*'", "''", text)
    text = re.sub(r"\{[^{}]*\}", " ", text)  # label matchers
    text = re.sub(r"\[[^\]]*\]", " ", text)  # ranges and subqueries
    text = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", text)
    text = re.sub(r"\$\{?\w+\}?", " ", text)  # Grafana variables
    names = set()
    for match in re.finditer(r"(?<![\w.])[A-Za-z_:][\w:]*", text):
        word = match.group(0)
        if word.lower() in KEYWORDS or text[match.end() :].lstrip().startswith("("):
            continue  # a keyword, or a function's name
        names.add(word)
    return names


def test_metric_names_tokenizer() -> None:
    expr = (
        'sum by (instance) (rate(kiosk_touches_total{job="kiosk", file=~"a\\\\.prom"}[5m]))'
        " * on (instance) group_left (kiosk_id) kiosk_info offset 1h > bool 1e3"
        ' or vector(0) unless up{instance=~"$instance"} and label_replace(x, "a", "b", "c", "d")'
    )
    assert metric_names(expr) == {"kiosk_touches_total", "kiosk_info", "up", "x"}


def foreign_metrics(names: set[str]) -> set[str]:
    return {
        name
        for name in names
        if name not in CONTRACT and name != "up" and not name.startswith("node_")
    }


# --- The alert rules ---


def test_rules_pass_promtool_check() -> None:
    output = run_promtool("check", "rules", RULES.name, cwd=PROMETHEUS)
    count = sum(len(group["rules"]) for group in load_yaml(RULES)["groups"])
    assert f"{count} rules found" in output, output


def test_rules_unit_tests_pass() -> None:
    output = run_promtool("test", "rules", RULE_TESTS.name, cwd=PROMETHEUS)
    assert "FAILED" not in output, output


def test_alerts_are_the_promised_ones_each_with_for_severity_and_instructions() -> None:
    rules = alert_rules()
    assert {rule["alert"] for rule in rules} == {
        "KioskDown",
        "KioskUIStuck",
        "KioskContentBehind",
        "KioskReloadFailing",
        "KioskDiskLow",
        "KioskCrashLoop",
    }
    for rule in rules:
        name = rule["alert"]
        assert re.fullmatch(r"\d+[smh]", str(rule.get("for", ""))), f"{name}: no for:"
        assert rule.get("labels", {}).get("severity") in {"critical", "warning"}, name
        annotations = rule.get("annotations", {})
        for key in ("summary", "description"):
            assert "{{ $labels.instance }}" in annotations.get(key, ""), f"{name}: {key}"
        assert len(annotations["description"]) > 100, f"{name}: say what to do"


def test_every_alert_rule_fires_in_a_unit_test_and_every_alert_has_a_quiet_case() -> None:
    """Each rule (alert name and its own labels, e.g. KioskDown's reason) appears in some
    test's exp_alerts; each alert name also has an evaluation where it must not fire."""
    cases = [
        case for test in load_yaml(RULE_TESTS)["tests"] for case in test.get("alert_rule_test", [])
    ]
    fired = [
        (case["alertname"], expected.get("exp_labels", {}))
        for case in cases
        for expected in case.get("exp_alerts") or []
    ]
    for rule in alert_rules():
        name, labels = rule["alert"], rule.get("labels", {})
        assert any(
            fired_name == name and labels.items() <= fired_labels.items()
            for fired_name, fired_labels in fired
        ), f"no unit test fires {name} {labels}"
        assert any(case["alertname"] == name and not case.get("exp_alerts") for case in cases), (
            f"no unit test shows {name} staying quiet"
        )


def rule_queries() -> Iterator[str]:
    for rule in alert_rules():
        yield rule["expr"]
        for text in rule.get("annotations", {}).values():
            # {{ with printf "QUERY" ... | query }}: the PromQL, with '%s' as a label value
            yield from re.findall(r'printf "([^"]*)"', text)


def test_rules_use_only_the_metric_contract() -> None:
    for expr in rule_queries():
        names = metric_names(expr)
        assert names, expr
        assert not foreign_metrics(names), f"{foreign_metrics(names)} in {expr}"


# --- The office Prometheus config ---


def test_example_config_passes_promtool_check() -> None:
    output = run_promtool("check", "config", CONFIG.name, cwd=PROMETHEUS)
    assert "SUCCESS: 1 rule files found" in output, output


def test_example_config_scrapes_the_kiosks_as_job_kiosk_and_loads_the_rules() -> None:
    config = load_yaml(CONFIG)
    assert RULES.name in config["rule_files"]
    (job,) = [job for job in config["scrape_configs"] if job["job_name"] == "kiosk"]
    assert job["static_configs"][0]["targets"], "a static target example"
    assert job["file_sd_configs"][0]["files"], "a file_sd example"
    assert "remote_write" in CONFIG.read_text(encoding="utf-8"), "the NAT'd kiosks' note"


# --- The Grafana dashboard ---


def dashboard() -> dict[str, Any]:
    return json.loads(DASHBOARD.read_text(encoding="utf-8"))


def all_panels(panels: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for panel in panels:
        yield panel
        yield from all_panels(panel.get("panels", []))  # collapsed rows hold their panels


def dashboard_queries(board: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(where, PromQL) for every panel target, annotation and variable query."""
    for panel in all_panels(board["panels"]):
        for target in panel.get("targets", []):
            yield f"panel {panel['title']!r} {target['refId']}", target["expr"]
    for annotation in board["annotations"]["list"]:
        if "expr" in annotation:
            yield f"annotation {annotation['name']!r}", annotation["expr"]
    for variable in board["templating"]["list"]:
        if variable["type"] == "query":
            query = variable["query"]
            query = query["query"] if isinstance(query, dict) else query
            match = re.fullmatch(r"label_values\((.*),\s*\w+\)", query.strip())
            yield f"variable {variable['name']!r}", match.group(1) if match else query


def grafana_filled_in(expr: str) -> str:
    for variable, value in GRAFANA_VARIABLES.items():
        expr = expr.replace(variable, value)
    assert "$" not in expr, f"a Grafana variable the test does not know: {expr}"
    return expr


def test_dashboard_is_a_grafana_dashboard_with_a_datasource_and_an_instance_variable() -> None:
    board = dashboard()
    assert 36 <= board["schemaVersion"] <= 41
    assert board["uid"] and board["title"]
    variables = {variable["name"]: variable for variable in board["templating"]["list"]}
    datasources = {name for name, variable in variables.items() if variable["type"] == "datasource"}
    assert {variables[name]["query"] for name in datasources} == {"prometheus"}
    assert variables["instance"]["type"] == "query"
    assert variables["instance"]["includeAll"] and variables["instance"]["multi"]

    def datasource_variable(datasource: dict[str, Any], where: str) -> None:
        match = re.fullmatch(r"\$\{?(\w+)\}?", datasource.get("uid", ""))
        assert match and match.group(1) in datasources, f"{where}: datasource {datasource}"

    panels = list(all_panels(board["panels"]))
    assert len({panel["id"] for panel in panels}) == len(panels), "panel ids must be unique"
    for panel in panels:
        for target in panel.get("targets", []):
            datasource_variable(target["datasource"], panel["title"])
        if "targets" in panel:
            datasource_variable(panel["datasource"], panel["title"])
    datasource_variable(variables["instance"]["datasource"], "variable instance")
    for annotation in board["annotations"]["list"]:
        if not annotation.get("builtIn"):
            datasource_variable(annotation["datasource"], annotation["name"])

    kinds = {panel["type"] for panel in panels}
    assert {"table", "stat", "timeseries"} <= kinds
    titles = {panel["title"] for panel in panels}
    assert {"Fleet", "Kiosks up", "Frozen screens", "On notice"} <= titles


def test_dashboard_queries_use_only_the_metric_contract_and_the_instance_variable() -> None:
    used: set[str] = set()
    for where, expr in dashboard_queries(dashboard()):
        names = metric_names(expr)
        assert names, f"{where}: no metric in {expr}"
        assert not foreign_metrics(names), f"{where}: {foreign_metrics(names)} in {expr}"
        if where.startswith("panel"):
            assert '=~"$instance"' in expr, f"{where}: not filtered by $instance: {expr}"
        used |= names
    assert {"kiosk_touches_total", "kiosk_sessions_total", "kiosk_panel_views_total"} <= used
    assert {"kiosk_data_free_bytes", "kiosk_heartbeat_timestamp_seconds", "kiosk_info"} <= used


# A synthetic fleet, one kiosk in each state the fleet table tells apart: (instance, state
# shown, overrides of a healthy kiosk's series; None drops a series). Samples every minute
# for 40 minutes; the dashboard is looked at after 30.
HEALTHY: dict[str, str] = {
    "up": "1+0x40",
    'node_textfile_mtime_seconds{file="kiosk.prom"}': "0+60x40",
    "node_textfile_scrape_error": "0+0x40",
    'kiosk_info{version="1.4.0", content_version="c0ffee"}': "1+0x40",
    "kiosk_start_time_seconds": "-3600+0x40",
    "kiosk_heartbeat_timestamp_seconds": "0+60x40",
    "kiosk_last_frame_timestamp_seconds": "0+0x40",
    "kiosk_content_load_timestamp_seconds": "-600+0x40",
    "kiosk_content_load_success": "1+0x40",
    "kiosk_content_timestamp_seconds": "-86400+0x40",
    "kiosk_content_reload_failures_total": "0+0x40",
    "kiosk_crashes_total": "0+0x40",
    "kiosk_touches_total": "0+10x40",
    "kiosk_sessions_total": "0+1x40",
    'kiosk_panel_views_total{panel="industry"}': "0+2x40",
    'kiosk_panel_views_total{panel="history"}': "0+1x40",
    "kiosk_notices_total": "0+0x40",
    "kiosk_standby": "0+0x40",
    "kiosk_attract": "0+0x40",
    "kiosk_admin": "0+0x40",
    "kiosk_notice": "0+0x40",
    "kiosk_data_free_bytes": "53687091200+0x40",
    "kiosk_data_size_bytes": "107374182400+0x40",
}
STUCK = "0+60x20 1200+0x20"  # moves for 20 minutes, then stops
KIOSK_SERIES_GONE = {name: None for name in HEALTHY if name.startswith("kiosk_")}
FLEET: list[tuple[str, str, dict[str, str | None]]] = [
    ("k0:9100", "Down (unreachable)", {name: None for name in HEALTHY} | {"up": "0+0x40"}),
    (
        "k1:9100",
        "App not running",
        {
            'node_textfile_mtime_seconds{file="kiosk.prom"}': STUCK,
            "kiosk_heartbeat_timestamp_seconds": STUCK,
        },
    ),
    (
        "k2:9100",
        "No kiosk metrics",  # kiosk.prom does not parse: node_exporter drops it
        KIOSK_SERIES_GONE
        | {'node_textfile_mtime_seconds{file="kiosk.prom"}': None}
        | {"node_textfile_scrape_error": "1+0x40"},
    ),
    ("k3:9100", "Frozen UI", {"kiosk_heartbeat_timestamp_seconds": STUCK}),
    # (restarted at 29m: the dashboard's restart annotation)
    (
        "k4:9100",
        "Admin",
        {"kiosk_admin": "1+0x40", "kiosk_start_time_seconds": "-3600+0x28 1740+0x11"},
    ),
    ("k5:9100", "Standby", {"kiosk_standby": "1+0x40"}),
    ("k6:9100", "Notice", {"kiosk_notice": "1+0x40", "kiosk_attract": "1+0x40"}),
    # (its last content load failed)
    ("k7:9100", "Attract", {"kiosk_attract": "1+0x40", "kiosk_content_load_success": "0+0x40"}),
    ("k8:9100", "In use", {}),
]


def fleet_series() -> list[dict[str, str]]:
    series = []
    for number, (instance, _, overrides) in enumerate(FLEET):
        for name, values in (HEALTHY | overrides).items():
            if values is None:
                continue
            metric, _, labels = name.partition("{")
            labels = labels.rstrip("}")
            own = f'job="kiosk", instance="{instance}"'
            if metric == "kiosk_info":
                own += f', kiosk_id="kiosk-{number}"'
            series.append(
                {"series": f"{metric}{{{own}{', ' + labels if labels else ''}}}", "values": values}
            )
    return series


def panel_by_title(board: dict[str, Any], title: str) -> dict[str, Any]:
    (panel,) = [panel for panel in all_panels(board["panels"]) if panel["title"] == title]
    return panel


def test_dashboard_queries_evaluate_on_a_synthetic_fleet(tmp_path: Path) -> None:
    """Every query runs without error and returns something; the stat panels count the
    fleet right and the table's State column tells each kiosk's state."""
    board = dashboard()
    table = panel_by_title(board, "Fleet")
    (organize,) = [step for step in table["transformations"] if step["id"] == "organize"]
    (state_field,) = [
        field for field, shown in organize["options"]["renameByName"].items() if shown == "State"
    ]
    (table_state,) = [
        target for target in table["targets"] if state_field == f"Value #{target['refId']}"
    ]
    (state_text,) = [
        prop["value"][0]["options"]
        for override in table["fieldConfig"]["overrides"]
        if override["matcher"]["options"] == "State"
        for prop in override["properties"]
        if prop["id"] == "mappings"
    ]
    expected_state = [
        {"labels": f'{{instance="{instance}"}}', "value": int(value)}
        for value, mapping in state_text.items()
        for instance, state, _ in FLEET
        if mapping["text"] == state
    ]
    assert len(expected_state) == len(FLEET), state_text

    def stat(title: str, value: int) -> dict[str, Any]:
        (target,) = panel_by_title(board, title)["targets"]
        return {
            "expr": grafana_filled_in(target["expr"]),
            "eval_time": "30m",
            "exp_samples": [{"labels": "{}", "value": value}],
        }

    checks = [
        {
            "expr": grafana_filled_in(table_state["expr"]),
            "eval_time": "30m",
            "exp_samples": expected_state,
        },
        stat("Kiosks up", len(FLEET) - 3),
        stat("Kiosks down", 3),
        stat("Frozen screens", 1),
        stat("On notice", 1),
        stat("Content load failing", 1),
        stat("In standby", 1),
    ]
    for where, expr in dashboard_queries(board):
        checks.append(
            {
                # (count(...) > bool 0) is 1 if the query returns anything, and nothing if not
                "expr": f"count({grafana_filled_in(expr)}) > bool 0  # {where}",
                "eval_time": "30m",
                "exp_samples": [{"labels": "{}", "value": 1}],
            }
        )
    (tmp_path / "none.yml").write_text("groups: []\n")
    suite = {
        "rule_files": ["none.yml"],
        "tests": [
            {
                "name": "dashboard on a synthetic fleet",
                "interval": "1m",
                "input_series": fleet_series(),
                "promql_expr_test": checks,
            }
        ],
    }
    (tmp_path / "dashboard.test.yml").write_text(yaml.safe_dump(suite, sort_keys=False))
    run_promtool("test", "rules", "dashboard.test.yml", cwd=tmp_path)
