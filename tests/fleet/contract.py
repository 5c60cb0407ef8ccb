"""The metrics each kiosk writes into kiosk.prom (kiosk/services/metrics.py), as
packaging/FLEET.md lists them. Besides these, the rules and the dashboard may only use
node_exporter's node_* metrics and Prometheus's `up`."""

CONTRACT = frozenset(
    {
        "kiosk_info",
        "kiosk_start_time_seconds",
        "kiosk_heartbeat_timestamp_seconds",
        "kiosk_last_frame_timestamp_seconds",
        "kiosk_content_load_timestamp_seconds",
        "kiosk_content_load_success",
        "kiosk_content_timestamp_seconds",
        "kiosk_content_reload_failures_total",
        "kiosk_crashes_total",
        "kiosk_touches_total",
        "kiosk_sessions_total",
        "kiosk_panel_views_total",
        "kiosk_notices_total",
        "kiosk_standby",
        "kiosk_attract",
        "kiosk_admin",
        "kiosk_notice",
        "kiosk_data_free_bytes",
        "kiosk_data_size_bytes",
    }
)
