"""An image file's format and size from its headers, and whether the file is whole. Qt-free.

`inspect(data, file_size)` reads headers only, never pixels: the chunk lengths of a PNG, the
markers of a JPEG up to its first scan, the few fixed fields of a GIF, WebP or BMP, and the last
bytes of the file, where a file cut short while copying shows. The picture data in between is
never walked in Python: a JPEG's end marker is looked for with `rfind` in its last bytes (and,
only if it is not there, with one `find` over the rest), so a whole 10 MB photo costs about as
much as a 10 kB one. `data` is the file's bytes, or a `FileBytes` reading an open file at just
the places looked at: a folder of camera photos is checked without reading their pictures
(a few kB of each instead of 10 MB).

`BadImage` messages are written for the operator who dropped the file into the content folder:
each starts with a verb so that the caller can put the file's name in front of it
(`f"{relative!r} {error}"`, like `UnsafeFile`), and each ends with what to do about it.
"""

from __future__ import annotations

import math
import os
import re
import struct
import zlib
from dataclasses import dataclass
from typing import overload

MAX_PIXELS = 40_000_000  # 40 megapixels: a decoded 32-bit picture of 160 MB, already a lot
MAX_SIDE = 16_384  # px, either side: the largest texture many graphics chips can hold
# What the messages tell the operator to resize to: twice the width of the kiosk's 1920 px
# screen, so pictures stay sharp when zoomed, and within MAX_PIXELS whatever the shape
# (3840 x 3840 is 14.7 megapixels). The largest sample photo is 3840 x 2160.
RECOMMENDED_SIDE = 3840
MAX_IMAGE_BYTES = 64 * 2**20  # a camera photo is 5-15 MB

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_MAX_CHUNKS = 100_000  # a 30 MB PNG in 8 kB chunks has under 4,000
_PNG_LENGTH_LIMIT = 2**31 - 1  # chunk lengths and sides, by the PNG standard
_PNG_DEPTHS = {0: (1, 2, 4, 8, 16), 2: (8, 16), 3: (1, 2, 4, 8), 4: (8, 16), 6: (8, 16)}
_CHUNK_TYPE = re.compile(rb"[A-Za-z]{4}")
_JPEG_MAX_SEGMENTS = 10_000  # header segments before the first scan; real files have dozens
# JPEG start-of-frame markers (SOF0..SOF15) but DHT (C4), JPG (C8) and DAC (CC).
_JPEG_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_JPEG_STANDALONE = frozenset(range(0xD0, 0xD8)) | {0x01}  # RSTn and TEM: no length
_TAIL_WINDOW = 65_536  # trailing zero padding looked through for a JPEG's or GIF's last byte
_JPEG_AFTER_EOI = 32  # bytes after a JPEG's end marker looked through at once (but zeros)
_RIFF_SLACK = 64  # bytes a WebP file may run on past the end its RIFF header declares
_BMP_HEADERS = (12, 16, 40, 52, 56, 64, 108, 124)  # known DIB header sizes
_READ_AHEAD = 512  # bytes a FileBytes reads at least: a JPEG's next markers, a PNG's next chunk
_SCAN_PIECE = 1 << 20  # bytes a FileBytes searches at a time (its memory, whatever the file)

_EMPTY = "is empty (0 bytes); copy the image into the folder again"
_UNKNOWN = (
    "is not a PNG, JPEG, GIF, WebP or BMP image (judged by its content, not its name); "
    "save it as PNG or JPEG"
)
_CUT_SHORT = "is incomplete: the file ends early (cut off while copying?); save or copy it again"
_CHANGED = (
    "changed while it was being checked (still being copied?); "
    "wait until copying has finished and check again"
)
_NOT_WEBP = (
    "is not a real WebP image (it starts like one, but what follows is not a picture); "
    "save it again as WebP, PNG or JPEG"
)
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"BM", "BMP"),
)


def image_kind(head: bytes) -> str | None:
    """The format a file's first 16 bytes announce ("PNG", "JPEG", ...), else None."""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    return next((kind for magic, kind in _MAGIC if head.startswith(magic)), None)


class BadImage(ValueError):
    """An image the kiosk could not show; the message says why, in the operator's terms."""


class FileBytes:
    """The bytes of an open regular file, `size` long, read where they are looked at.

    What `inspect` does with a `bytes` it can do with this: `len`, an index, a slice,
    `startswith`, `find` and `rfind`. Reads are `os.pread`s of the parts asked for (at least
    _READ_AHEAD bytes, the last one kept); a search reads its range a megabyte at a time. A read
    that comes back short means the file shrank while it was being checked (an operator copying
    it again): BadImage says so. The caller owns `fd`.
    """

    def __init__(self, fd: int, size: int) -> None:
        self._fd, self._size = fd, size
        self._start, self._kept = 0, b""
        self.bytes_read = 0  # what the check cost, for the tests and benchmarks

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, key: int) -> int: ...
    @overload
    def __getitem__(self, key: slice) -> bytes: ...
    def __getitem__(self, key: int | slice) -> int | bytes:
        if isinstance(key, slice):
            start, stop, _step = key.indices(self._size)  # (inspect never slices with a step)
            return self._read(start, stop - start)
        if not 0 <= key < self._size:  # (inspect never counts from the end)
            raise IndexError("FileBytes index out of range")
        return self._read(key, 1)[0]

    def startswith(self, prefix: bytes | tuple[bytes, ...]) -> bool:
        longest = max(map(len, prefix)) if isinstance(prefix, tuple) else len(prefix)
        return self._read(0, min(longest, self._size)).startswith(prefix)

    def find(self, sub: bytes, start: int = 0, end: int | None = None) -> int:
        start, end, _ = slice(start, end).indices(self._size)
        while start + len(sub) <= end:
            stop = min(end, start + _SCAN_PIECE)
            found = self._read(start, stop - start).find(sub)
            if found >= 0:
                return start + found
            start = stop - len(sub) + 1  # a match may straddle two pieces
        return -1

    def rfind(self, sub: bytes, start: int = 0, end: int | None = None) -> int:
        start, end, _ = slice(start, end).indices(self._size)
        while end - len(sub) >= start:
            begin = max(start, end - _SCAN_PIECE)
            found = self._read(begin, end - begin).rfind(sub)
            if found >= 0:
                return begin + found
            end = begin + len(sub) - 1
        return -1

    def _read(self, offset: int, length: int) -> bytes:
        if length <= 0:
            return b""
        inner = offset - self._start
        if inner >= 0 and inner + length <= len(self._kept):
            return self._kept[inner : inner + length]
        wanted = min(max(length, _READ_AHEAD), self._size - offset)
        data = os.pread(self._fd, wanted, offset)
        self.bytes_read += len(data)
        if len(data) < wanted:
            raise BadImage(_CHANGED)
        self._start, self._kept = offset, data
        return data[:length]


@dataclass(frozen=True)
class ImageInfo:
    kind: str  # "PNG", "JPEG", "GIF", "WebP" or "BMP"
    width: int  # px
    height: int  # px


def inspect(data: bytes | FileBytes, file_size: int) -> ImageInfo:
    """The format and size of the image whose whole file is `data`, `file_size` bytes on disk.

    Raises BadImage if the file is not one of the five formats, is damaged or cut short, or is
    too big for the kiosk to show (over MAX_PIXELS, or a side over MAX_SIDE).
    """
    if len(data) != file_size:
        raise BadImage(_CHANGED)
    if not data:
        raise BadImage(_EMPTY)
    if data.startswith(_PNG_SIGNATURE):
        return _png(data)
    if data.startswith(b"\xff\xd8\xff"):
        return _jpeg(data)
    if data.startswith((b"GIF87a", b"GIF89a")):
        return _gif(data)
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return _webp(data)
    if data.startswith(b"BM"):
        return _bmp(data)
    raise BadImage(_UNKNOWN)


def _damaged(kind: str, what: str) -> BadImage:
    return BadImage(
        f"is a damaged {kind} file ({what}); open it in an image editor and save it again, "
        "or copy it again from the original"
    )


def _megapixels(pixels: int) -> str:
    """Megapixels to one decimal, rounded up over the limit so that it never reads as 40."""
    value = pixels / 1_000_000
    if pixels > MAX_PIXELS:
        value = math.ceil(value * 10) / 10
    return f"{value:.1f}".removesuffix(".0")


def _sized(kind: str, width: int, height: int) -> ImageInfo:
    if width <= 0 or height <= 0:
        raise BadImage(
            f"says its picture is {width} x {height} px, which is nothing to show; "
            "open it in an image editor and save it again, or export it again from the original"
        )
    if width * height > MAX_PIXELS or width > MAX_SIDE or height > MAX_SIDE:
        raise BadImage(
            f"is {width} x {height} px ({_megapixels(width * height)} megapixels); the kiosk "
            f"shows images up to {MAX_PIXELS // 1_000_000} megapixels and {MAX_SIDE} px on a "
            f"side: resize it to at most {RECOMMENDED_SIDE} px on its longer side"
        )
    return ImageInfo(kind, width, height)


def _stripped_end(data: bytes | FileBytes, start: int) -> int:
    """Where `data` ends once trailing zero padding (looked for in its last 64 kB) is left off."""
    window = max(start, len(data) - _TAIL_WINDOW)
    return window + len(data[window:].rstrip(b"\0"))


def _unpack(layout: str, data: bytes | FileBytes, pos: int) -> tuple:
    """`struct.unpack_from` for bytes and FileBytes alike."""
    return struct.unpack(layout, data[pos : pos + struct.calcsize(layout)])


def _after_fill(data: bytes | FileBytes, pos: int) -> int | None:
    """Where the first byte that is not 0xFF is from `pos` on (None: the file ends first)."""
    while pos < len(data):
        piece = data[pos : pos + 64]
        rest = piece.lstrip(b"\xff")
        if rest:
            return pos + len(piece) - len(rest)
        pos += len(piece)
    return None


def _png(data: bytes | FileBytes) -> ImageInfo:
    size = len(data)
    pos = len(_PNG_SIGNATURE)
    info: ImageInfo | None = None
    seen_data = False
    for count in range(_PNG_MAX_CHUNKS):
        if pos + 12 > size:
            raise BadImage(_CUT_SHORT)
        length, kind = _unpack(">I4s", data, pos)
        if length > _PNG_LENGTH_LIMIT or not _CHUNK_TYPE.fullmatch(kind):
            raise _damaged("PNG", "its inner structure is broken")
        end = pos + 12 + length
        if end > size:
            raise BadImage(_CUT_SHORT)
        if count == 0:
            if kind != b"IHDR" or length != 13:
                raise _damaged("PNG", "its header is missing")
            if zlib.crc32(data[pos + 4 : pos + 21]) != _unpack(">I", data, pos + 21)[0]:
                raise _damaged("PNG", "its header is garbled")
            width, height, depth, colour = _unpack(">IIBB", data, pos + 8)
            if width > _PNG_LENGTH_LIMIT or height > _PNG_LENGTH_LIMIT:
                raise _damaged("PNG", "it claims an impossible size")
            if depth not in _PNG_DEPTHS.get(colour, ()):
                raise _damaged("PNG", "it claims an unknown kind of colour")
            info = _sized("PNG", width, height)
        elif kind == b"IDAT":
            seen_data = True
        elif kind == b"IEND":
            if not seen_data or info is None:
                raise _damaged("PNG", "it holds no picture")
            return info  # anything after IEND is ignored, by viewers as by the kiosk
        pos = end
    raise _damaged("PNG", "it is split into far too many pieces")


def _jpeg(data: bytes | FileBytes) -> ImageInfo:
    size = len(data)
    pos = 2
    info: ImageInfo | None = None
    for _ in range(_JPEG_MAX_SEGMENTS):
        if pos >= size:
            raise BadImage(_CUT_SHORT)
        if data[pos] != 0xFF:
            raise _damaged("JPEG", "its inner structure is broken")
        found = _after_fill(data, pos)  # a marker may be preceded by any number of 0xFF
        if found is None:
            raise BadImage(_CUT_SHORT)
        pos = found
        marker = data[pos]
        pos += 1
        if marker in _JPEG_STANDALONE:
            continue
        if marker == 0xD9:  # the end, before any picture data
            raise _damaged("JPEG", "it holds no picture")
        if marker in (0x00, 0xD8):  # a stray byte, a second start
            raise _damaged("JPEG", "its inner structure is broken")
        if pos + 2 > size:
            raise BadImage(_CUT_SHORT)
        (length,) = _unpack(">H", data, pos)
        if length < 2:
            raise _damaged("JPEG", "its inner structure is broken")
        if pos + length > size:
            raise BadImage(_CUT_SHORT)
        if marker in _JPEG_SOF and info is None:
            if length < 8:
                raise _damaged("JPEG", "its header is garbled")
            height, width, components = _unpack(">HHB", data, pos + 3)
            if components == 0:
                raise _damaged("JPEG", "its header is garbled")
            info = _sized("JPEG", width, height)
        elif marker == 0xDA:  # start of scan: the picture data follows
            if info is None:
                raise _damaged("JPEG", "its header is missing")
            return _jpeg_end(data, pos + length, info)
        pos += length
    raise _damaged("JPEG", "it is split into far too many pieces")


def _jpeg_end(data: bytes | FileBytes, scan: int, info: ImageInfo) -> ImageInfo:
    """`info` if the picture data from `scan` on is closed by the end marker FFD9."""
    end = _stripped_end(data, scan)
    if data.rfind(b"\xff\xd9", max(scan, end - _JPEG_AFTER_EOI - 2), end) >= 0:
        return info  # the usual case: the end marker ends the file, but zero padding
    # Phones append a video ("motion photos") or more pictures after the end marker, which
    # viewers ignore. Inside picture data 0xFF is never followed by 0xD9, so the marker found
    # anywhere after the first scan begins closes the picture; a file cut short has none.
    if data.find(b"\xff\xd9", scan) >= 0:
        return info
    raise BadImage(_CUT_SHORT)


def _gif(data: bytes | FileBytes) -> ImageInfo:
    if len(data) < 13:
        raise BadImage(_CUT_SHORT)
    width, height, flags = _unpack("<HHB", data, 6)
    info = _sized("GIF", width, height)
    start = 13 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)  # after the colour table
    end = _stripped_end(data, start)
    if end <= start or data[end - 1] != 0x3B:  # the trailer ";"
        raise BadImage(_CUT_SHORT)
    if data.find(b",", start, end) < 0:  # an image descriptor
        raise _damaged("GIF", "it holds no picture")
    return info


def _webp(data: bytes | FileBytes) -> ImageInfo:
    size = len(data)
    if size < 20:
        raise BadImage(_NOT_WEBP if size >= 16 else _CUT_SHORT)
    (riff,) = _unpack("<I", data, 4)
    first = data[12:16]
    if first not in (b"VP8 ", b"VP8L", b"VP8X"):
        raise BadImage(_NOT_WEBP)
    if riff + 8 > size:
        raise BadImage(_CUT_SHORT)
    if riff + 8 < size - _RIFF_SLACK or riff < 12:
        raise _damaged("WebP", "its size field does not match the file")
    end = riff + 8
    pos = 12
    canvas: tuple[int, int] | None = None
    picture: tuple[int, int] | None = None
    while pos + 8 <= end:
        fourcc = data[pos : pos + 4]
        (length,) = _unpack("<I", data, pos + 4)
        body = pos + 8
        if body + length > end:
            raise BadImage(_CUT_SHORT if body + length > size else _NOT_WEBP)
        chunk = data[body : body + min(length, 10)]
        if fourcc == b"VP8X" and pos == 12:
            if length < 10:
                raise BadImage(_NOT_WEBP)
            w = int.from_bytes(chunk[4:7], "little") + 1
            h = int.from_bytes(chunk[7:10], "little") + 1
            canvas = (w, h)
            _sized("WebP", w, h)  # a bomb is refused before anything else is looked at
        elif fourcc in (b"VP8 ", b"VP8L") and picture is None:
            picture = _webp_bitstream(fourcc, chunk)
            if canvas is None:
                return _sized("WebP", *picture)
        elif fourcc == b"ANMF" and picture is None:
            picture = (0, 0)  # an animation frame: its own header is not looked into
        pos = body + length + (length & 1)  # chunks are padded to an even length
    if canvas is None or picture is None:
        raise BadImage(_NOT_WEBP)
    return _sized("WebP", *canvas)


def _webp_bitstream(fourcc: bytes, chunk: bytes) -> tuple[int, int]:
    """The width and height in the first bytes of a VP8 (lossy) or VP8L (lossless) chunk."""
    if fourcc == b"VP8 ":
        if len(chunk) < 10 or chunk[0] & 1 or chunk[3:6] != b"\x9d\x01\x2a":
            raise BadImage(_NOT_WEBP)  # not a key frame, or no start code
        w, h = struct.unpack_from("<HH", chunk, 6)
        return w & 0x3FFF, h & 0x3FFF
    if len(chunk) < 5 or chunk[0] != 0x2F:
        raise BadImage(_NOT_WEBP)
    (bits,) = struct.unpack_from("<I", chunk, 1)
    if bits >> 29:  # version, always 0
        raise BadImage(_NOT_WEBP)
    return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1


def _bmp(data: bytes | FileBytes) -> ImageInfo:
    size = len(data)
    if size < 18:
        raise BadImage(_UNKNOWN)
    declared, offset, header = _unpack("<I4xII", data, 2)
    if header not in _BMP_HEADERS:
        raise BadImage(_UNKNOWN)  # "BM" and something else: a text file starting "BM..."
    if size < (26 if header == 12 else 34):
        raise BadImage(_CUT_SHORT)
    if header == 12:
        width, height, planes, bits = _unpack("<HHHH", data, 18)
        compression = 0
    else:
        width, height, planes, bits, compression = _unpack("<iiHHI", data, 18)
    if width < 0 or height == -(2**31) or planes != 1 or bits not in (1, 2, 4, 8, 16, 24, 32):
        raise _damaged("BMP", "its header is garbled")
    info = _sized("BMP", width, abs(height))  # a negative height is a top-down picture
    if declared > size or offset >= size:
        raise BadImage(_CUT_SHORT)
    rows = (width * bits + 31) // 32 * 4 * abs(height)  # uncompressed, padded to 4 bytes each
    if compression in (0, 3, 6) and offset + rows > size:
        raise BadImage(_CUT_SHORT)
    return info
