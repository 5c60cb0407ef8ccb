"""Touchscreen visitor-centre kiosk for Beijing E-Town."""

__version__ = "0.1.0"
