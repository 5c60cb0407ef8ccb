"""The QR symbols of the content's link URLs: segno's module matrices. Qt-free.

A start from the snapshot cache (kiosk/content/snapshot_cache.py) finds every symbol of the
content there and never imports segno: segno's writers import xml.sax.saxutils, which brings
urllib.request, http.client, email and OpenSSL with it, about 10 MiB resident for the life of
the kiosk, for symbols that are 2 ms of work each once the content is known.
"""

from __future__ import annotations

from functools import lru_cache

from kiosk.content.views import Content

Matrix = tuple[tuple[bool, ...], ...]  # rows of dark (True) / light modules, no quiet zone

_KNOWN: dict[str, Matrix] = {}  # the symbols the snapshot cache brought


def qr_matrix(url: str) -> Matrix:
    """The QR symbol of `url` (error correction level M, never a Micro QR)."""
    known = _KNOWN.get(url)
    return known if known is not None else _encode(url)


@lru_cache(maxsize=256)  # (a panel built again, on a reload or a language switch, reuses it)
def _encode(url: str) -> Matrix:
    import segno

    code = segno.make(url, error="m", micro=False)
    return tuple(tuple(bool(cell) for cell in row) for row in code.matrix)


def link_urls(content: Content) -> list[str]:
    """Every URL of every links block of the content, in order, each once."""
    urls: dict[str, None] = {}
    for panel in content.panels.values():
        for block in panel.blocks:
            if block.type == "links":
                urls.update((link.url, None) for link in block.links)
    return list(urls)


def matrices_for(content: Content) -> dict[str, Matrix]:
    """The symbol of every link URL of `content`, for the snapshot cache."""
    return {url: qr_matrix(url) for url in link_urls(content)}


def remember(matrices: dict[str, Matrix]) -> None:
    """Symbols from the snapshot cache: `qr_matrix` answers with them from now on."""
    _KNOWN.update(matrices)
