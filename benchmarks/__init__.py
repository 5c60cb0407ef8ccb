"""Speed, memory and soak measurements of the kiosk (not tests): `python -m benchmarks`.

Every figure is also given as a ratio to a bare PySide6 window measured in the same run, so
figures taken on a busy or slower machine still compare.
"""
