"""Qt widgets of the visitor's kiosk."""
