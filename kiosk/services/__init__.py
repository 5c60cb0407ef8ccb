"""Qt objects with no pixels: idle, content watching, analytics, admin gate, logs."""
