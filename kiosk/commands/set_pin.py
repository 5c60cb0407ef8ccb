"""`kiosk set-pin`: change the admin PIN, writing its salted hash into site.yaml in place.

Only the value of `admin: pin_hash:` changes; every comment, blank line, key and quote style
of the file stays as the operator wrote it. The value is found by the YAML parser's own
marks (kiosk/content/yaml_source.py), never by a pattern over the text; when the file has
no `pin_hash:` (or no `admin:`), one is added under `admin:` (or at the end).

Nothing is written unless the file was valid before, apart from its PIN hash (the loader's
problems say what to fix), and reads afterwards as exactly the same content with the new
hash. The write is atomic: a temporary file in the same folder, flushed to disk, then
renamed over site.yaml with its permissions, so a full disk or a read-only folder leaves
the old file whole.
"""

from __future__ import annotations

import codecs
import os
import stat
import sys
import tempfile
from contextlib import suppress
from pathlib import Path

from pydantic import ValidationError
from yaml.nodes import MappingNode, Node, ScalarNode

from kiosk.commands.hash_pin import ask_new_pin
from kiosk.content.files import UnsafeFile, inside, open_regular
from kiosk.content.loader import MAX_FILE_BYTES, load_content
from kiosk.content.messages import validation_problems
from kiosk.content.models import AdminSettings, Site
from kiosk.content.problems import Problem
from kiosk.content.report import count
from kiosk.content.yaml_source import COMPOSER, YamlError, read_yaml
from kiosk.services.admin_pin import hash_pin

SITE = "site.yaml"
PIN_PATH = ("admin", "pin_hash")
_NULL = "tag:yaml.org,2002:null"


class Refused(Exception):
    """Why nothing was changed, in the operator's terms (the first line names the file)."""


def set_pin_command(content: Path) -> int:
    """Ask for a new PIN twice and write its hash into `content`/site.yaml; 0 if written."""
    content = Path(content)
    shown = content / SITE
    try:
        target, before = _read_site(content)
        _check_before(content, before)
        if not os.access(target.parent, os.W_OK | os.X_OK):  # say so before the PIN is typed
            raise Refused(
                f"cannot write {shown}: its folder is read-only for this user; nothing changed"
            )
        pin = ask_new_pin(then="; nothing changed")
        if pin is None:
            return 1
        target, now = _read_site(content)
        if now != before:
            raise Refused(
                f"{shown} changed while the PIN was typed; nothing changed: run `kiosk set-pin` "
                "again"
            )
        after, line = with_pin_hash(before, hash_pin(pin), shown)
    except Refused as refusal:
        print(f"kiosk set-pin: {refusal}", file=sys.stderr)
        return 1
    try:
        write_atomically(target, after)
    except OSError as error:
        reason = error.strerror or str(error)
        print(f"kiosk set-pin: cannot write {shown}: {reason}; nothing changed", file=sys.stderr)
        return 1
    print(f"Admin PIN changed in {shown} (line {line}).", end=" ")
    errors = load_content(content).errors
    if errors:
        print(
            f"The content has {count(len(errors), 'error')} in other files (`kiosk validate` "
            "lists them): until they are fixed, a running kiosk keeps its last good content "
            "and the old PIN."
        )
    else:
        print("A running kiosk picks it up within seconds.")
    return 0


def _read_site(content: Path) -> tuple[Path, bytes]:
    """Where site.yaml really is (links resolved, inside the folder) and its bytes."""
    shown = content / SITE
    if not content.is_dir():
        raise Refused(f"content folder not found: {content}; nothing changed")
    if not os.path.lexists(shown):
        raise Refused(f"{shown} not found; set-pin changes the PIN in an existing site.yaml")
    try:
        target = inside(content, SITE)
        with os.fdopen(open_regular(target), "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except UnsafeFile as error:
        raise Refused(f"{shown} {error}; nothing changed") from None
    except RuntimeError:  # Path.resolve on a loop of links (before Python 3.13)
        raise Refused(f"{shown} is a loop of links; nothing changed") from None
    except OSError as error:
        raise Refused(f"cannot read {shown}: {error.strerror or error}") from None
    if len(data) > MAX_FILE_BYTES:
        raise Refused(f"{shown} is larger than {MAX_FILE_BYTES // 1024} KiB; nothing changed")
    return target, data


def _check_before(content: Path, data: bytes) -> None:
    """Refuse a site.yaml with problems other than its PIN hash (missing, empty or not a
    hash: those set-pin mends), listing them as `kiosk validate` does."""
    errors = [problem for problem in load_content(content).errors if problem.file == SITE]
    mendable = set()
    try:
        doc = read_yaml(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, YamlError):
        doc = None  # the loader has said why
    if doc is not None and not doc.issues and isinstance(doc.data, dict):
        admin = doc.data.get("admin")
        if admin is None:  # no admin: at all, or an empty one
            mendable = {"admin", "admin.pin_hash"}
        elif isinstance(admin, dict):
            mendable = {"admin.pin_hash"}
    blocking = [problem for problem in errors if problem.field not in mendable]
    if blocking:
        raise Refused(_listing(f"{content / SITE} has problems; fix them first", blocking))


def _listing(headline: str, problems: list[Problem]) -> str:
    return "\n".join([f"{headline} (nothing changed):", *(p.format() for p in problems)])


def with_pin_hash(data: bytes, pin_hash: str, shown: Path | str = SITE) -> tuple[bytes, int]:
    """`data` (site.yaml's bytes) with `admin.pin_hash` set to `pin_hash`, and the line it is
    on; raises Refused if the result would not read as the same content with the new hash."""
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    text = data.decode("utf-8-sig")
    new_text = _edit(text, pin_hash, shown)
    _check_after(text, new_text, pin_hash, shown)
    new_data = bom + new_text.encode("utf-8")
    if len(new_data) > MAX_FILE_BYTES:
        raise Refused(f"{shown} would grow past {MAX_FILE_BYTES // 1024} KiB; nothing changed")
    line = read_yaml(new_text).marks[PIN_PATH][0]
    return new_data, line


def _edit(text: str, pin_hash: str, shown: Path | str) -> str:
    """The text with only the pin_hash value replaced, or a pin_hash (or admin) line added."""
    loader = COMPOSER(text)  # the reader's own parser: its nodes know where each value ends
    try:
        root = loader.get_single_node()
    finally:
        loader.dispose()
    newline = "\r\n" if "\r\n" in text else "\n"
    quoted = f'"{pin_hash}"'
    admin = _entry(root, "admin") if isinstance(root, MappingNode) else None
    if admin is None:
        return _append_admin(text, quoted, newline)
    key, value = admin
    if isinstance(value, MappingNode):
        found = _entry(value, "pin_hash")
        if found is not None:
            return _replace_value(text, *found, pin_hash)
        return _add_to_mapping(text, value, quoted, newline)
    if isinstance(value, ScalarNode) and value.tag == _NULL:
        if value.value == "":  # `admin:` and nothing under it: a pin_hash line below
            end = _line_end(text, text.index(":", key.end_mark.index))
            indent = " " * (key.start_mark.column + 2)
            return f"{text[:end]}{newline}{indent}pin_hash: {quoted}{text[end:]}"
        start, stop = value.start_mark.index, value.end_mark.index  # `admin: ~` or `null`
        return f"{text[:start]}{{pin_hash: {quoted}}}{text[stop:]}"
    raise Refused(
        f"admin: in {shown} (line {key.start_mark.line + 1}) is not a mapping; nothing changed"
    )


def _entry(mapping: MappingNode, name: str) -> tuple[Node, Node] | None:
    for key, value in mapping.value:
        if isinstance(key, ScalarNode) and key.value == name:
            return key, value
    return None


def _replace_value(text: str, key: Node, value: Node, pin_hash: str) -> str:
    start, stop = value.start_mark.index, value.end_mark.index
    old = text[start:stop]
    if not old:  # `pin_hash:` with nothing after it
        start = stop = text.index(":", key.end_mark.index) + 1
        return f'{text[:start]} "{pin_hash}"{text[stop:]}'
    tail = old[len(old.rstrip()) :]  # a block scalar (`>-`) takes its line breaks along
    new = f'"{pin_hash}"'
    if isinstance(value, ScalarNode) and value.tag != _NULL:  # keep the operator's quoting
        if value.style == "'":
            new = f"'{pin_hash}'"
        elif not value.style:  # plain (libyaml's parser says "", PyYAML's None)
            new = pin_hash
    return f"{text[:start]}{new}{tail}{text[stop:]}"


def _add_to_mapping(text: str, mapping: MappingNode, quoted: str, newline: str) -> str:
    if mapping.flow_style:  # admin: {...}
        if mapping.value:
            at = mapping.value[-1][1].end_mark.index
            return f"{text[:at]}, pin_hash: {quoted}{text[at:]}"
        at = mapping.end_mark.index - 1  # just inside the closing brace of `{}`
        return f"{text[:at]}pin_hash: {quoted}{text[at:]}"
    first_key = mapping.value[0][0]  # a block mapping has at least one key
    at = text.rfind("\n", 0, first_key.start_mark.index) + 1
    indent = " " * first_key.start_mark.column
    return f"{text[:at]}{indent}pin_hash: {quoted}{newline}{text[at:]}"


def _append_admin(text: str, quoted: str, newline: str) -> str:
    if text and not text.endswith(("\n", "\r")):
        text += newline
    if text.strip() and not text.endswith(newline * 2):
        text += newline
    return (
        f"{text}# The admin PIN, as a salted hash: change it with `kiosk set-pin`.{newline}"
        f"admin:{newline}  pin_hash: {quoted}{newline}"
    )


def _line_end(text: str, position: int) -> int:
    ends = [found for found in (text.find("\r", position), text.find("\n", position)) if found >= 0]
    return min(ends, default=len(text))


def _check_after(text: str, new_text: str, pin_hash: str, shown: Path | str) -> None:
    """The new text must read as the old content with only `admin.pin_hash` changed."""
    by_hand = (
        f"could not change only the PIN in {shown}; nothing changed. Put the hash from "
        "`kiosk hash-pin` there by hand"
    )
    old = read_yaml(text)
    try:
        new = read_yaml(new_text)
    except YamlError as error:
        where = f"line {error.mark[0]}: " if error.mark else ""
        raise Refused(f"{by_hand} (the edit gave {where}{error.message})") from None
    expected = dict(old.data) if isinstance(old.data, dict) else {}
    admin = expected.get("admin")
    expected["admin"] = {**(admin if isinstance(admin, dict) else {}), "pin_hash": pin_hash}
    if new.issues or new.refused or new.data != expected:
        raise Refused(f"{by_hand} (the edit would change more than the PIN)")
    try:
        site = Site.model_validate(new.data)
    except ValidationError as error:
        problems = validation_problems(error, new, SITE, Site)
        headline = f"with the new PIN, {shown} would have problems"
        raise Refused(_listing(headline, problems)) from None
    try:
        before = Site.model_validate(old.data)
    except ValidationError:
        return  # its only problems were the PIN hash (checked before asking for the PIN)
    if site != before.model_copy(update={"admin": AdminSettings(pin_hash=pin_hash)}):
        raise Refused(f"{by_hand} (the edit would change more than the PIN)")


def write_atomically(target: Path, data: bytes) -> None:
    """Replace `target` by `data` in one step, keeping its permissions (and owner, where
    allowed): a temporary file beside it, flushed to disk, renamed over it. On any failure
    the temporary file is removed and `target` is as it was."""
    info = os.stat(target)
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        mine = os.stat(temporary)
        if hasattr(os, "chown") and (mine.st_uid, mine.st_gid) != (info.st_uid, info.st_gid):
            with suppress(OSError):  # only root may give a file away; the mode still applies
                os.chown(temporary, info.st_uid, info.st_gid)
        os.chmod(temporary, stat.S_IMODE(info.st_mode))
        os.replace(temporary, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise
    with suppress(OSError, AttributeError):  # the rename itself on disk (POSIX only)
        folder = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
