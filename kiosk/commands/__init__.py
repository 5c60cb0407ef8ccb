"""One module per `kiosk` command; kiosk/cli.py only parses the command line and calls one.

Each command imports what it needs when it runs, so `kiosk validate` never loads Qt.
"""
