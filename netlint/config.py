"""Project configuration: `.netlint.yaml` or `[tool.netlint]` in `pyproject.toml`,
found by walking up from the current directory as ruff does. Command-line options
win over it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KEYS = {"policy", "select", "ignore", "fail-on", "exclude", "lang", "format", "vendor", "jobs", "eol-data", "baseline",
        "cache-dir"}


class ConfigError(Exception):
    """A bad project config; the message names the file (and line when known)."""


@dataclass
class ProjectConfig:
    path: Path | None = None
    root: Path | None = None
    values: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def resolve(self, value: str) -> str:
        """A path from the config is relative to the config file's folder."""
        if self.root is None or Path(value).is_absolute():
            return value
        return str(self.root / value)


def find_project_config(start: Path | None = None) -> ProjectConfig:
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        yaml_file = folder / ".netlint.yaml"
        if yaml_file.is_file():
            return ProjectConfig(yaml_file, folder, _load_yaml(yaml_file))
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            values = _load_pyproject(pyproject)
            if values is not None:
                return ProjectConfig(pyproject, folder, values)
    return ProjectConfig()


def _check_keys(values: dict[str, Any], where: str, lines: dict[str, int] | None = None) -> dict[str, Any]:
    for key in values:
        if key not in KEYS:
            line = f":{lines[key]}" if lines and key in lines else ""
            raise ConfigError(f"{where}{line}: unknown key '{key}' (known: {', '.join(sorted(KEYS))})")
    return values


def _load_yaml(path: Path) -> dict[str, Any]:
    import yaml

    try:
        node = yaml.compose(path.read_text(encoding="utf-8"))
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise ConfigError(f"{path}{line}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1: expected a mapping of settings")
    lines = {}
    if node is not None and hasattr(node, "value"):
        for k, _ in node.value:
            lines[k.value] = k.start_mark.line + 1
    return _check_keys(data, str(path), lines)


def _load_pyproject(path: Path) -> dict[str, Any] | None:
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    section = data.get("tool", {}).get("netlint")
    if section is None:
        return None
    return _check_keys(section, f"{path} [tool.netlint]")
