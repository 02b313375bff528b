"""The data files shipped in netlint/data, loaded once, with libyaml when present
(the pure-Python YAML loader costs a tenth of a second on the larger files)."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from typing import Any


def yaml_loader():
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=None)
def load(name: str) -> Any:
    import yaml

    text = files("netlint").joinpath("data", name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=yaml_loader())  # noqa: S506 - a safe loader
