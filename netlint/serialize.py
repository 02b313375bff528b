"""The model as JSON (`netlint parse`): addresses as text, secrets redacted."""

from __future__ import annotations

import dataclasses
from typing import Any

from netlint.model import AddressRange, AddressWildcard, Device, InterfaceAddress, Location, Secret


def to_jsonable(obj: Any) -> Any:
    if isinstance(obj, (AddressRange, AddressWildcard, InterfaceAddress)):
        return str(obj)
    if isinstance(obj, Secret):
        return {"storage": obj.storage, "value": str(obj)}
    if isinstance(obj, Location):
        return {"file": obj.file, "line": obj.line, "end_line": obj.end_line, "text": obj.text}
    if dataclasses.is_dataclass(obj):
        return {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple, set, frozenset)):
        return [to_jsonable(v) for v in obj]
    return obj


def device_to_dict(device: Device) -> dict[str, Any]:
    return to_jsonable(device)
