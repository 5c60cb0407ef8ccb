"""An image's header must be whole, sensible and small enough for the kiosk to show.

Every file here is written byte by byte with the standard library, apart from the sample photos
the kiosk ships with.
"""

from __future__ import annotations

import os
import struct
import sys
import tempfile
import zlib
from pathlib import Path

import pytest

from kiosk.content import image_header
from kiosk.content.image_header import MAX_PIXELS, BadImage, ImageInfo, inspect
from tests.conftest import SAMPLE_CONTENT

SAMPLES = sorted(
    p for p in (SAMPLE_CONTENT / "images").iterdir() if p.suffix in (".png", ".jpg", ".jpeg")
)

CUT_SHORT = "is incomplete: the file ends early (cut off while copying?); save or copy it again"
NOT_WEBP = (
    "is not a real WebP image (it starts like one, but what follows is not a picture); "
    "save it again as WebP, PNG or JPEG"
)
REDO = "open it in an image editor and save it again, or copy it again from the original"


def too_big(width: int, height: int, megapixels: str) -> str:
    return (
        f"is {width} x {height} px ({megapixels} megapixels); the kiosk shows images up to "
        "40 megapixels and 16384 px on a side: resize it to at most 3840 px on its longer side"
    )


def check(data: bytes) -> ImageInfo:
    """inspect's answer for `data`, which must be the same read from a file (the way the
    loader checks images: FileBytes reading only where inspect looks) as from memory."""
    in_memory = _answer(data, len(data))
    with tempfile.TemporaryFile() as file:
        file.write(data)
        file.flush()
        from_file = _answer(image_header.FileBytes(file.fileno(), len(data)), len(data))
    assert repr(from_file) == repr(in_memory)
    if isinstance(in_memory, BadImage):
        raise in_memory
    return in_memory


def _answer(data, size: int) -> ImageInfo | BadImage:
    try:
        return inspect(data, size)
    except BadImage as error:
        return error


def refusal(data: bytes) -> str:
    with pytest.raises(BadImage) as caught:
        check(data)
    return str(caught.value)


# --- files, byte by byte ---------------------------------------------------------------------


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png(
    width: int, height: int, *, depth: int = 8, pixels: bytes | None = None, end: bool = True
) -> bytes:
    """A greyscale PNG, all black unless `pixels` (the compressed stream) is given."""
    if pixels is None:
        pixels = zlib.compress(b"\0" * ((1 + (width * depth + 7) // 8) * height), 1)
    header = struct.pack(">IIBBBBB", width, height, depth, 0, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", pixels)
    return data + png_chunk(b"IEND", b"") if end else data


def jpeg_segment(marker: int, body: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, len(body) + 2) + body


def jpeg(width: int, height: int, scan: bytes = b"\x12\x34" * 8, *, sof: int = 0xC0) -> bytes:
    """SOI, a JFIF APP0, a quantisation table, a frame header, a Huffman table, one scan, EOI."""
    return (
        b"\xff\xd8"
        + jpeg_segment(0xE0, b"JFIF\0\x01\x01\x00\x00\x01\x00\x01\0\0")
        + jpeg_segment(0xDB, b"\0" + bytes(range(1, 65)))
        + jpeg_segment(sof, struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\x00")
        + jpeg_segment(0xC4, b"\0" + b"\x01" + b"\0" * 15 + b"\0")
        + jpeg_segment(0xDA, b"\x01\x01\x00\x00\x3f\x00")
        + scan
        + b"\xff\xd9"
    )


def gif(width: int, height: int) -> bytes:
    """A GIF89a with a two-colour table and one 1 x 1 picture (the classic 1 px GIF)."""
    return (
        b"GIF89a"
        + struct.pack("<HHBBB", width, height, 0x80, 0, 0)
        + b"\0\0\0\xff\xff\xff"
        + b",\0\0\0\0\x01\0\x01\0\0"
        + b"\x02\x02D\x01\0"
        + b";"
    )


def riff(*chunks: bytes, size: int | None = None) -> bytes:
    body = b"WEBP" + b"".join(chunks)
    return b"RIFF" + struct.pack("<I", len(body) if size is None else size) + body


def webp_chunk(kind: bytes, body: bytes) -> bytes:
    return kind + struct.pack("<I", len(body)) + body + b"\0" * (len(body) & 1)


def vp8l(width: int, height: int) -> bytes:
    bits = (width - 1) | (height - 1) << 14 | 1 << 28  # with alpha, version 0
    return webp_chunk(b"VP8L", b"\x2f" + struct.pack("<I", bits) + b"\0\0\0")


def vp8(width: int, height: int) -> bytes:
    tag = b"\x30\x01\x00"  # a key frame (bit 0 clear), shown, first partition of 9 bytes
    return webp_chunk(
        b"VP8 ", tag + b"\x9d\x01\x2a" + struct.pack("<HH", width, height) + b"\0" * 8
    )


def vp8x(width: int, height: int) -> bytes:
    canvas = (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    return webp_chunk(b"VP8X", b"\x10\0\0\0" + canvas)  # the alpha flag


def bmp(width: int, height: int, *, declared: int | None = None) -> bytes:
    """A 24-bit BMP with a BITMAPINFOHEADER (height negative: stored top row first)."""
    pixels = b"\0" * ((width * 3 + 3) // 4 * 4 * abs(height))
    size = 14 + 40 + len(pixels)
    header = struct.pack("<2sIHHI", b"BM", size if declared is None else declared, 0, 0, 54)
    info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, len(pixels), 2835, 2835, 0, 0)
    return header + info + pixels


# --- what passes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (png(3, 2), ImageInfo("PNG", 3, 2)),
        (jpeg(640, 480), ImageInfo("JPEG", 640, 480)),
        (jpeg(640, 480, sof=0xC2), ImageInfo("JPEG", 640, 480)),  # progressive
        (gif(32, 16), ImageInfo("GIF", 32, 16)),
        (riff(vp8l(5, 7)), ImageInfo("WebP", 5, 7)),
        (riff(vp8(300, 200)), ImageInfo("WebP", 300, 200)),
        (riff(vp8x(1920, 1080), vp8l(1920, 1080)), ImageInfo("WebP", 1920, 1080)),
        (bmp(4, 3), ImageInfo("BMP", 4, 3)),
        (bmp(4, -3), ImageInfo("BMP", 4, 3)),
    ],
    ids=["png", "jpeg", "jpeg-progressive", "gif", "webp-lossless", "webp-lossy", "webp-extended"]
    + ["bmp", "bmp-top-down"],
)
def test_a_small_valid_image_of_each_format_passes_with_its_size(data, expected):
    assert check(data) == expected


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_every_sample_image_passes(path):
    data = path.read_bytes()
    info = inspect(data, path.stat().st_size)
    assert info.kind == ("PNG" if path.suffix == ".png" else "JPEG")
    assert 0 < info.width * info.height <= MAX_PIXELS


def test_sample_sizes_are_read_from_their_headers():
    sizes = {p.name: inspect(p.read_bytes(), p.stat().st_size) for p in SAMPLES}
    assert sizes["map-etown.png"] == ImageInfo("PNG", 1600, 1000)
    assert sizes["photo-dandelion-meadow.jpg"] == ImageInfo("JPEG", 3840, 2160)
    assert sizes["photo-mountain-pasture.jpg"] == ImageInfo("JPEG", 3088, 2056)  # progressive


def test_padding_after_the_end_is_allowed():
    assert check(jpeg(8, 8) + b"\0" * 5000).kind == "JPEG"
    assert check(jpeg(8, 8) + b"\r\n").kind == "JPEG"
    assert check(gif(8, 8) + b"\0" * 300).kind == "GIF"
    assert check(png(8, 8) + b"\0" * 10).kind == "PNG"
    assert check(riff(vp8l(8, 8)) + b"\0" * 2).kind == "WebP"


def test_a_phone_photo_with_a_video_after_its_end_passes():
    video = b"\0\0\0\x18ftypmp42" + bytes(range(256)) * 12_000  # a "motion photo"
    assert check(jpeg(4032, 3024, b"\x55" * 10_000) + video) == ImageInfo("JPEG", 4032, 3024)
    assert check(jpeg(64, 64) + jpeg(16, 16)) == ImageInfo("JPEG", 64, 64)  # with a preview


def test_the_largest_size_allowed_passes():
    assert check(png(16384, 2441, pixels=zlib.compress(b""))) == ImageInfo("PNG", 16384, 2441)
    assert check(jpeg(6324, 6324)) == ImageInfo("JPEG", 6324, 6324)
    side = image_header.RECOMMENDED_SIDE  # what the messages advise fits whatever the shape
    assert check(jpeg(side, side)).width == side


# --- too big ---------------------------------------------------------------------------------


def test_a_png_bomb_is_refused_by_its_declared_size():
    assert refusal(png(50_000, 50_000, pixels=zlib.compress(b""))) == too_big(
        50_000, 50_000, "2500"
    )


def test_a_jpeg_declaring_50000_px_square_is_refused():
    assert refusal(jpeg(50_000, 50_000)) == too_big(50_000, 50_000, "2500")


def test_a_gif_declaring_the_largest_size_it_can_is_refused():
    assert refusal(gif(65_535, 65_535)) == too_big(65_535, 65_535, "4294.9")


def test_a_whole_png_of_16000_px_square_is_refused():
    data = png(16_000, 16_000, depth=1)  # real, complete picture data: 256 megapixels of black
    assert len(data) > 30_000
    assert refusal(data) == too_big(16_000, 16_000, "256")
    assert refusal(data).startswith("is 16000 x 16000 px (256 megapixels); ")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (riff(vp8x(16_385, 100), vp8l(16_385, 100)), too_big(16_385, 100, "1.6")),
        (bmp(7000, -6000, declared=0)[:100], too_big(7000, 6000, "42")),
        (jpeg(6325, 6325), too_big(6325, 6325, "40.1")),  # 40.005 megapixels never reads as 40
    ],
    ids=["webp-too-wide", "bmp-too-many-pixels", "jpeg-just-over"],
)
def test_other_oversized_images_are_refused(data, message):
    assert refusal(data) == message


# --- cut short -------------------------------------------------------------------------------


def test_a_real_jpeg_cut_at_40_percent_is_cut_short():
    data = (SAMPLE_CONTENT / "images/attract-green.jpg").read_bytes()
    assert refusal(data[: len(data) * 40 // 100]) == CUT_SHORT


@pytest.mark.parametrize("percent", [1, 10, 50, 90, 99])
def test_every_sample_cut_anywhere_is_cut_short(percent):
    for path in SAMPLES:
        data = path.read_bytes()
        assert refusal(data[: len(data) * percent // 100]) == CUT_SHORT, path.name


def test_a_png_without_its_end_chunk_is_cut_short():
    assert refusal(png(3, 2, end=False)) == CUT_SHORT
    assert refusal(png(3, 2)[:-12]) == CUT_SHORT
    assert refusal(png(3, 2)[:40]) == CUT_SHORT  # inside the picture data


def test_a_png_whose_chunk_runs_past_the_end_is_cut_short():
    assert refusal(png(100, 100)[:-20]) == CUT_SHORT


def test_a_jpeg_cut_in_its_header_or_zero_filled_is_cut_short():
    data = jpeg(640, 480, b"\x55" * 1000)
    assert refusal(data[:30]) == CUT_SHORT
    assert refusal(data[:-2]) == CUT_SHORT
    assert refusal(data[:500] + b"\0" * 600) == CUT_SHORT  # a copy that stopped half-way


def test_a_gif_without_its_trailer_is_cut_short():
    assert refusal(gif(8, 8)[:-1]) == CUT_SHORT
    assert refusal(gif(8, 8)[:10]) == CUT_SHORT


def test_a_webp_whose_riff_size_exceeds_the_file_is_cut_short():
    whole = riff(vp8l(5, 7))
    assert refusal(riff(vp8l(5, 7), size=len(whole) - 8 + 1000)) == CUT_SHORT
    assert refusal(whole[:-4]) == CUT_SHORT


def test_a_bmp_shorter_than_it_says_is_cut_short():
    data = bmp(10, 10)
    assert refusal(data[:-1]) == CUT_SHORT  # its file-size field is now larger than the file
    assert refusal(bmp(10, 10, declared=0)[:-1]) == CUT_SHORT  # the rows do not fit


# --- damaged or not a picture ----------------------------------------------------------------


def test_a_fake_webp_is_not_a_real_webp():
    garbage = bytes(range(256)) * 4
    assert refusal(b"RIFF" + struct.pack("<I", 4 + len(garbage)) + b"WEBP" + garbage) == NOT_WEBP
    assert refusal(riff(b"\0" * 40)) == NOT_WEBP
    assert refusal(riff(webp_chunk(b"VP8L", b"\x00" * 10))) == NOT_WEBP  # no lossless signature
    assert refusal(riff(webp_chunk(b"VP8 ", b"\0" * 20))) == NOT_WEBP  # no key-frame start code
    assert refusal(riff(vp8x(10, 10))) == NOT_WEBP  # a canvas with no picture


def test_a_webp_much_shorter_than_its_file_is_damaged():
    data = riff(vp8l(5, 7)) + b"\x01" * 1000
    assert (
        refusal(data) == f"is a damaged WebP file (its size field does not match the file); {REDO}"
    )


@pytest.mark.parametrize(
    ("data", "width", "height"),
    [
        (bmp(0, 10), 0, 10),
        (png(0, 5, pixels=b""), 0, 5),
        (jpeg(640, 0), 640, 0),
        (gif(0, 0), 0, 0),
    ],
    ids=["bmp", "png", "jpeg", "gif"],
)
def test_an_image_of_no_size_is_refused(data, width, height):
    assert refusal(data) == (
        f"says its picture is {width} x {height} px, which is nothing to show; open it in an "
        "image editor and save it again, or export it again from the original"
    )


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (png(3, 2)[:33] + b"\xff" * 30, "PNG file (its inner structure is broken)"),
        (png(3, 2)[:23] + b"\x05" + png(3, 2)[24:], "PNG file (its header is garbled)"),
        (
            b"\x89PNG\r\n\x1a\n"
            + png_chunk(b"IHDR", struct.pack(">IIBBBBB", 2**31, 1, 8, 0, 0, 0, 0))
            + png_chunk(b"IEND", b""),
            "PNG file (it claims an impossible size)",
        ),
        (
            b"\x89PNG\r\n\x1a\n"
            + png_chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
            + png_chunk(b"IEND", b""),
            "PNG file (it holds no picture)",
        ),
        (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IEND", b""), "PNG file (its header is missing)"),
        (b"\xff\xd8\xff\xd9", "JPEG file (it holds no picture)"),
        (
            b"\xff\xd8" + jpeg_segment(0xDA, b"\0" * 6) + b"\xff\xd9",
            "JPEG file (its header is missing)",
        ),
        (
            b"\xff\xd8\xff\xe0\x00\x04ab!!" + jpeg(5, 5)[2:],
            "JPEG file (its inner structure is broken)",
        ),
        (gif(8, 8)[:13] + b"!\xf9\x04\0\0\0\0\0;", "GIF file (it holds no picture)"),
        (bmp(-4, 3), "BMP file (its header is garbled)"),
    ],
    ids=["png-chunks", "png-crc", "png-huge-side", "png-no-data", "png-no-header"]
    + [
        "jpeg-no-frame",
        "jpeg-no-frame-header",
        "jpeg-junk",
        "gif-no-picture",
        "bmp-negative-width",
    ],
)
def test_a_damaged_file_says_so_and_what_to_do(data, what):
    assert refusal(data) == f"is a damaged {what}; {REDO}"


@pytest.mark.parametrize(
    "data",
    [b"hello, world", b"BM but just a text", b"RIFF\x04\0\0\0WAVE", b"<svg></svg>", b"\x89PN"],
)
def test_other_files_are_not_images(data):
    assert refusal(data) == (
        "is not a PNG, JPEG, GIF, WebP or BMP image (judged by its content, not its name); "
        "save it as PNG or JPEG"
    )


def test_an_empty_file_is_empty():
    assert refusal(b"") == "is empty (0 bytes); copy the image into the folder again"


def test_a_file_that_changed_while_being_read_is_reported_as_such():
    data = png(3, 2)
    with pytest.raises(BadImage) as caught:
        inspect(data, len(data) + 100)
    assert str(caught.value) == (
        "changed while it was being checked (still being copied?); "
        "wait until copying has finished and check again"
    )


# --- big files -------------------------------------------------------------------------------


def lines_run(data: bytes) -> int:
    """How many lines of image_header.py run while inspecting `data` (not how long it takes)."""
    count = 0
    source = Path(image_header.__file__).name

    def tracer(frame, event, arg):
        nonlocal count
        if event == "line" and Path(frame.f_code.co_filename).name == source:
            count += 1
        return tracer

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        _answer(data, len(data))
    finally:
        sys.settrace(previous)
    return count


def big_scan(size: int) -> bytes:
    """Entropy-coded data as an encoder writes it: 0xFF stuffed with 0x00, restart markers."""
    block = bytes(range(0x80, 0xFF)) * 8 + b"\xff\x00" * 16
    scan = bytearray()
    for n in range(size // (len(block) + 2)):
        scan += block + bytes((0xFF, 0xD0 + n % 8))
    return bytes(scan)


def test_a_10_mb_jpeg_is_read_without_walking_its_picture_data():
    small = jpeg(3000, 2000, big_scan(10_000))
    big = jpeg(3000, 2000, big_scan(10_000_000))
    assert len(big) > 9_900_000
    assert check(big) == ImageInfo("JPEG", 3000, 2000)
    # The same Python lines run for 10 kB and 10 MB: the picture data is left to bytes methods.
    assert lines_run(big) == lines_run(small) < 300
    assert refusal(big[: len(big) * 40 // 100]) == CUT_SHORT


def test_a_10_mb_png_is_walked_chunk_by_chunk_not_byte_by_byte():
    pixels = zlib.compress(bytes(range(256)) * 40_000, 0)  # stored: 10 MB that do not shrink
    header = png_chunk(b"IHDR", struct.pack(">IIBBBBB", 3200, 3125, 8, 0, 0, 0, 0))
    chunks = [png_chunk(b"IDAT", pixels[i : i + 65_536]) for i in range(0, len(pixels), 65_536)]
    data = b"\x89PNG\r\n\x1a\n" + header + b"".join(chunks) + png_chunk(b"IEND", b"")
    assert check(data) == ImageInfo("PNG", 3200, 3125)
    assert lines_run(data) < 20 * (len(pixels) // 65_536 + 10)


def read_from_file(data: bytes, size: int | None = None) -> tuple[ImageInfo | BadImage, int]:
    """inspect's answer for `data` written to a file (of `size` bytes on disk, to the check's
    knowledge) and how many bytes of the file it read."""
    with tempfile.TemporaryFile() as file:
        file.write(data)
        file.flush()
        view = image_header.FileBytes(file.fileno(), len(data) if size is None else size)
        return _answer(view, len(view)), view.bytes_read


def test_a_10_mb_camera_photo_is_checked_from_its_headers_and_last_bytes_only():
    big = jpeg(6000, 4000, big_scan(10_000_000))
    answer, read = read_from_file(big)
    assert answer == ImageInfo("JPEG", 6000, 4000)
    assert read < 100_000  # its markers and the last 64 kB, not its 10 MB of picture
    cut = big[: len(big) // 2]  # no end marker: the rest is searched for one, once
    answer, read = read_from_file(cut)
    assert str(answer) == CUT_SHORT
    assert read < len(cut) + 200_000


def test_a_phone_photo_with_a_video_after_it_is_searched_a_megabyte_at_a_time():
    photo = jpeg(3000, 2000, big_scan(3_000_000)) + b"ftypmp42" + os.urandom(5_000_000)
    answer, read = read_from_file(photo)
    assert answer == ImageInfo("JPEG", 3000, 2000)
    assert read < 5_000_000  # found in the first megabytes after the scan began


def test_a_png_split_into_chunks_is_checked_from_the_chunk_headers_only():
    pixels = zlib.compress(bytes(range(256)) * 40_000, 0)
    header = png_chunk(b"IHDR", struct.pack(">IIBBBBB", 3200, 3125, 8, 0, 0, 0, 0))
    chunks = [png_chunk(b"IDAT", pixels[i : i + 65_536]) for i in range(0, len(pixels), 65_536)]
    data = b"\x89PNG\r\n\x1a\n" + header + b"".join(chunks) + png_chunk(b"IEND", b"")
    answer, read = read_from_file(data)
    assert answer == ImageInfo("PNG", 3200, 3125)
    assert read < 600 * (len(chunks) + 2)  # a short read at each chunk's start


def test_a_file_that_shrinks_while_it_is_checked_says_it_changed():
    data = jpeg(3000, 2000, big_scan(1_000_000))
    answer, _read = read_from_file(data[:-50_000], size=len(data))  # cut after it was measured
    assert str(answer) == (
        "changed while it was being checked (still being copied?); "
        "wait until copying has finished and check again"
    )


@pytest.mark.parametrize("where", [0, 1, (1 << 20) - 2, (1 << 20) - 1, 1 << 20, (2 << 20) - 1])
def test_file_bytes_finds_what_bytes_finds_even_across_the_pieces_it_reads(where):
    data = bytearray(b"\0" * (3 << 20))
    data[where : where + 2] = b"\xff\xd9"
    data = bytes(data)
    with tempfile.TemporaryFile() as file:
        file.write(data)
        file.flush()
        view = image_header.FileBytes(file.fileno(), len(data))
        for start in (0, 5, where):
            assert view.find(b"\xff\xd9", start) == data.find(b"\xff\xd9", start)
        for end in (len(data), where + 2, where + 1):
            assert view.rfind(b"\xff\xd9", 0, end) == data.rfind(b"\xff\xd9", 0, end)


def test_a_jpeg_header_is_read_in_a_few_reads_not_a_read_a_byte(monkeypatch):
    reads = []
    real = os.pread

    def counted(fd, length, offset):
        reads.append(length)
        return real(fd, length, offset)

    monkeypatch.setattr(image_header.os, "pread", counted)
    answer, _read = read_from_file(jpeg(6000, 4000, big_scan(1_000_000)))
    assert answer == ImageInfo("JPEG", 6000, 4000)
    assert len(reads) <= 3, reads  # its markers in one, its last 64 kB in another
