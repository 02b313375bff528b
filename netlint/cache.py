"""A parse cache: the parsed model of a config, keyed by its content, so that a
nightly run over an unchanged repository does not parse every file again.

Safe against version changes: the key includes netlint's version and a hash of the
parser and model sources, so a new parser never reuses an old model. Safe against
corruption: entries are written atomically (temporary file, then rename), and an
entry that cannot be read is ignored, deleted and rebuilt."""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path

from netlint import __version__
from netlint.model import Device


@lru_cache(maxsize=1)
def code_hash() -> str:
    """Hash of the code that shapes a parsed model: the parsers and the model."""
    import netlint.model
    import parsers

    h = hashlib.sha256(__version__.encode())
    files = sorted(Path(parsers.__file__).parent.glob("*.py")) + [Path(netlint.model.__file__)]
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def key(path: str, content: bytes, vendor: str | None) -> str:
    h = hashlib.sha256()
    for part in (code_hash(), vendor or "", os.path.abspath(path)):
        h.update(part.encode())
        h.update(b"\0")
    h.update(content)
    return h.hexdigest()


def load(cache_dir: Path, k: str) -> Device | None:
    entry = cache_dir / k[:2] / f"{k}.pickle"
    try:
        with entry.open("rb") as fh:
            device = pickle.load(fh)
    except FileNotFoundError:
        return None
    except Exception:  # truncated, corrupted or from another Python: rebuild it
        try:
            entry.unlink()
        except OSError:
            pass
        return None
    return device if isinstance(device, Device) else None


def store(cache_dir: Path, k: str, device: Device) -> None:
    folder = cache_dir / k[:2]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(device, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"{k}.pickle")
    except OSError:
        pass  # a cache that cannot be written only costs time
