"""Vendor parsers: each module turns one vendor's config text into `netlint.model.Device`.

Parsers are plugins, found through the ``netlint.parsers`` entry-point group; the
entry point's name is the vendor id (contract section 2) and its value an object with

* ``vendor``: the vendor id,
* ``detect(text) -> int``: 0 when the text is surely not this vendor's, up to 100,
* ``parse(text, file) -> Device``.

Detection of the built-in vendors lives in `parsers.detect` so that telling which
vendor wrote a file never imports the heavier parser modules.
"""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path
from typing import Protocol

from netlint.model import Device, ParseError

from .common import find_suppressions, newline_only
from .detect import BUILTIN_VENDORS, detect_vendor


class VendorParser(Protocol):
    vendor: str

    def detect(self, text: str) -> int: ...

    def parse(self, text: str, file: str) -> Device: ...


_loaded: dict[str, VendorParser] = {}


def _entry_points() -> dict[str, object]:
    return {ep.name: ep for ep in entry_points(group="netlint.parsers")}


def available_vendors() -> list[str]:
    return sorted(set(_entry_points()) | set(BUILTIN_VENDORS))


def get_parser(vendor: str) -> VendorParser:
    if vendor in _loaded:
        return _loaded[vendor]
    eps = _entry_points()
    if vendor not in eps:
        raise KeyError(vendor)
    parser = eps[vendor].load()  # type: ignore[attr-defined]
    _loaded[vendor] = parser
    return parser


def read_config_text(path: str | Path) -> str:
    """Read a config file as text, refusing what is surely not a config."""
    file = str(path)
    try:
        data = Path(path).read_bytes()
    except IsADirectoryError:
        raise ParseError(file, "is a directory, not a config file") from None
    except PermissionError:
        raise ParseError(file, "cannot be read (permission denied)") from None
    except FileNotFoundError:
        raise ParseError(file, "does not exist") from None
    except OSError as exc:
        raise ParseError(file, f"cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise ParseError(file, "is empty")
    if b"\x00" in data[:65536]:
        raise ParseError(file, "is a binary file, not a text config")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        # Many control characters: not a config (an image, an archive...).
        ctrl = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\r\n\t\f")
        if ctrl > len(text[:65536]) // 100:
            raise ParseError(file, "is a binary file, not a text config") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return newline_only(text)


def parse_text(text: str, file: str, vendor: str | None = None) -> Device:
    """Detect the vendor (unless forced) and parse."""
    text = newline_only(text)  # line numbers count \n only, as editors and grep do
    if vendor is None:
        vendor = detect_vendor(text)
        if vendor is None:
            for name, ep in _entry_points().items():  # third-party plugins get a say
                if name in BUILTIN_VENDORS:
                    continue
                parser = get_parser(name)
                if parser.detect(text) > 0:
                    vendor = name
                    break
        if vendor is None:
            raise ParseError(
                file,
                "no parser recognises this file (not a supported vendor config; "
                "use --vendor to force one of: " + ", ".join(available_vendors()) + ")",
            )
    try:
        parser = get_parser(vendor)
    except KeyError:
        raise ParseError(file, f"unknown vendor '{vendor}' (known: {', '.join(available_vendors())})") from None
    device = parser.parse(text, file)
    device.suppressions.extend(find_suppressions(text, file))
    device.line_count = text.count("\n") + (0 if text.endswith("\n") else 1)
    return device


def parse_file(path: str | Path, vendor: str | None = None) -> Device:
    file = str(path)
    return parse_text(read_config_text(path), file, vendor)
