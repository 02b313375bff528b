"""The end-of-life table: which software train a device runs and when it stops being supported.

The table is data (`netlint/data/eol.yaml`, or a file given with ``--eol-data`` that replaces
it): one entry per vendor train with its dates, recommended release and source, and per
vendor the regexes that map an ``os_version`` string to its train. This module loads and
validates that file (a bad file raises ``ValueError("FILE:LINE: message")``), maps
(vendor, os_version) to a train and compares versions of the same vendor properly
("9.8(4)" < "9.8(4)45", "17.9.4a" < "17.9.5", "10.1.6-h3" < "10.1.14", "19.4R3-S2.1" <
"19.4R3-S12").

It imports nothing of netlint: the lifecycle checks (netlint.checks.lifecycle) use it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

SHIPPED = Path(__file__).resolve().parent / "data" / "eol.yaml"

TRAIN_KEYS_REQUIRED = ("vendor", "train", "release_date", "end_of_maintenance", "end_of_support",
                       "recommended", "source", "retrieved")
TRAIN_KEYS_OPTIONAL = ("product", "lts", "last_date_of_support", "link", "note")
DATE_KEYS = ("release_date", "end_of_maintenance", "end_of_support", "last_date_of_support", "retrieved")
NULLABLE = ("release_date", "end_of_maintenance", "recommended")
_VENDOR_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_URL = re.compile(r"^https?://\S+$")


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Train:
    """One train of the table, as the file states it."""

    vendor: str
    train: str
    end_of_support: date
    source: str
    retrieved: date
    release_date: date | None = None
    end_of_maintenance: date | None = None
    recommended: str | None = None
    product: str | None = None
    lts: bool = False
    last_date_of_support: date | None = None
    link: str | None = None
    note: str | None = None
    line: int = 0  # where the entry starts in its file


@dataclass(frozen=True)
class Pattern:
    regex: re.Pattern
    train: str | None  # a literal train name, else the regex's `train` group
    line: int = 0


@dataclass(frozen=True)
class VendorPatterns:
    trains: tuple[Pattern, ...]
    ignore: tuple[re.Pattern, ...] = ()


@dataclass
class Table:
    file: str
    trains: dict[tuple[str, str], Train] = field(default_factory=dict)
    patterns: dict[str, VendorPatterns] = field(default_factory=dict)

    def train_of(self, vendor: str, version: str | None) -> str | None:
        """The train an os_version string belongs to, by the vendor's patterns; None when no
        pattern matches (or the vendor has none)."""
        if not version:
            return None
        vp = self.patterns.get(vendor)
        if vp is None:
            return None
        return _match_train(vp, version.strip())

    def normalise(self, vendor: str, version: str) -> str:
        """The version without the parts that do not order releases (build numbers, labels)."""
        v = version.strip()
        vp = self.patterns.get(vendor)
        for rx in vp.ignore if vp else ():
            v = rx.sub("", v)
        return v

    def compare(self, vendor: str, a: str, b: str) -> int:
        """-1, 0 or 1 as version a is older than, the same as, or newer than b."""
        ka, kb = version_key(self.normalise(vendor, a)), version_key(self.normalise(vendor, b))
        return (ka > kb) - (ka < kb)


@dataclass(frozen=True)
class Lookup:
    """What the table says about one device's version."""

    vendor: str
    version: str | None
    train: str | None  # None: the version is missing or in no known format
    entry: Train | None  # None: the train is not in the table
    older_than_recommended: bool | None  # None: no recommended release, or the version is too coarse
    table_file: str = ""

    @property
    def known(self) -> bool:
        return self.entry is not None


def version_key(version: str) -> list[tuple[int, int | str]]:
    """A sortable key: numbers compare as numbers, letters as text, and a version that is a
    prefix of another is the older one ("9.8(4)" < "9.8(4)45", "10.1.14" < "10.1.14-h1")."""
    return [(0, int(tok)) if tok.isdigit() else (1, tok.lower()) for tok in re.findall(r"\d+|[A-Za-z]+", version)]


def _norm_train(train: str) -> str:
    return re.sub(r"\b0+(\d)", r"\1", train)  # "17.09" -> "17.9", "03.16" -> "3.16"


def _match_train(vp: VendorPatterns, version: str) -> str | None:
    for p in vp.trains:
        m = p.regex.match(version)
        if m:
            return p.train if p.train is not None else _norm_train(m.group("train"))
    return None


# --------------------------------------------------------------------------- lookup


def lookup(vendor: str, version: str | None, table: Table | None = None) -> Lookup:
    """The train of (vendor, version), its table entry and whether the version is older than
    the train's recommended release."""
    table = table or load_table()
    train = table.train_of(vendor, version)
    entry = table.trains.get((vendor, train)) if train else None
    older = None
    if entry is not None and entry.recommended and version:
        precise = len(version_key(table.normalise(vendor, version))) > len(version_key(train or ""))
        same_train = table.train_of(vendor, entry.recommended) == train
        if precise and same_train:
            older = table.compare(vendor, version, entry.recommended) < 0
    return Lookup(vendor, version, train, entry, older, table.file)


def load_table(path: str | Path | None = None) -> Table:
    """The shipped table, or the file at `path`, which replaces it. A replacement without
    `version_patterns` uses the shipped patterns; one with them replaces those of the vendors
    it names. Raises ValueError("FILE:LINE: message") for a bad file."""
    p = Path(path) if path else SHIPPED
    try:
        st = p.stat()
    except OSError as exc:
        raise ValueError(f"{p}:1: end-of-life table cannot be read ({exc.strerror or exc})") from None
    return _load_cached(str(p), st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=8)
def _load_cached(file: str, _mtime: int, _size: int) -> Table:
    try:
        text = Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{file}:1: end-of-life table cannot be read ({getattr(exc, 'strerror', None) or exc})") from None
    table = _Reader(file).table(text)
    if Path(file).resolve() != SHIPPED and not table.patterns:
        table.patterns = dict(load_table().patterns)
    elif Path(file).resolve() != SHIPPED:
        merged = dict(load_table().patterns)
        merged.update(table.patterns)
        table.patterns = merged
    return table


# --------------------------------------------------------------------------- reading and validation


class _Reader:
    """Turns the YAML text into a Table, naming file and line in every error."""

    def __init__(self, file: str) -> None:
        self.file = file

    def err(self, node, message: str) -> ValueError:
        line = node.start_mark.line + 1 if node is not None else 1
        return ValueError(f"{self.file}:{line}: {message}")

    def table(self, text: str) -> Table:
        import yaml

        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
            line = mark.line + 1 if mark else 1
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            raise ValueError(f"{self.file}:{line}: not valid YAML ({problem})") from None
        if root is None:
            raise ValueError(f"{self.file}:1: the end-of-life table is empty (expected a 'trains:' list)")
        top = self.mapping(root, "the end-of-life table")
        for key, (knode, _) in top.items():
            if key not in ("trains", "version_patterns"):
                raise self.err(knode, f"unknown key '{key}' (expected 'trains' and 'version_patterns')")
        if "trains" not in top:
            raise self.err(root, "the end-of-life table has no 'trains:' list")
        table = Table(self.file)
        if "version_patterns" in top:
            table.patterns = self.patterns(top["version_patterns"][1])
        tnode = top["trains"][1]
        if self.is_null(tnode):
            return table
        if not isinstance(tnode, yaml.SequenceNode):
            raise self.err(tnode, "'trains' must be a list of train entries")
        for item in tnode.value:
            t = self.train(item)
            key = (t.vendor, t.train)
            if key in table.trains:
                raise self.err(item, f"train {t.vendor} {t.train} is listed twice (first at line {table.trains[key].line})")
            table.trains[key] = t
        return table

    # ---- nodes

    def is_null(self, node) -> bool:
        import yaml

        return isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")

    def mapping(self, node, what: str) -> dict:
        import yaml

        if not isinstance(node, yaml.MappingNode):
            raise self.err(node, f"{what} must be a mapping of keys to values")
        out: dict = {}
        for knode, vnode in node.value:
            if not isinstance(knode, yaml.ScalarNode):
                raise self.err(knode, f"{what} has a key that is not a plain name")
            if knode.value in out:
                raise self.err(knode, f"key '{knode.value}' appears twice in {what}")
            out[knode.value] = (knode, vnode)
        return out

    def string(self, node, what: str) -> str:
        import yaml

        if not isinstance(node, yaml.ScalarNode) or self.is_null(node) or not node.value.strip():
            raise self.err(node, f"{what} must be a non-empty text value")
        return node.value.strip()

    def date_value(self, node, what: str) -> date:
        import yaml

        if not isinstance(node, yaml.ScalarNode) or self.is_null(node):
            raise self.err(node, f"{what} must be a date (YYYY-MM-DD)")
        text = node.value.strip()
        try:
            if not _ISO_DATE.match(text):
                raise ValueError
            return date.fromisoformat(text)
        except ValueError:
            raise self.err(node, f"{what} '{text}' is not a date (use YYYY-MM-DD)") from None

    def regex(self, node, what: str) -> re.Pattern:
        text = self.string(node, what)
        try:
            return re.compile(text)
        except re.error as exc:
            raise self.err(node, f"{what} '{text}' is not a valid regular expression ({exc})") from None

    # ---- trains

    def train(self, node) -> Train:
        fields = self.mapping(node, "a train entry")
        for key, (knode, _) in fields.items():
            if key not in TRAIN_KEYS_REQUIRED and key not in TRAIN_KEYS_OPTIONAL:
                raise self.err(knode, f"unknown key '{key}' in a train entry (expected: "
                                      f"{', '.join(TRAIN_KEYS_REQUIRED + TRAIN_KEYS_OPTIONAL)})")
        for key in TRAIN_KEYS_REQUIRED:
            if key not in fields:
                raise self.err(node, f"train entry has no '{key}' (write '{key}: null' when unknown)"
                               if key in NULLABLE else f"train entry has no '{key}'")
        vendor = self.string(fields["vendor"][1], "'vendor'")
        if not _VENDOR_RE.match(vendor):
            raise self.err(fields["vendor"][1], f"'vendor' '{vendor}' is not a netlint vendor id (e.g. cisco_ios)")
        name = self.string(fields["train"][1], "'train'")
        what = f"{vendor} {name}"
        values: dict = {}
        for key in DATE_KEYS:
            if key in fields:
                vnode = fields[key][1]
                if key in NULLABLE + ("last_date_of_support",) and self.is_null(vnode):
                    values[key] = None
                else:
                    values[key] = self.date_value(vnode, f"'{key}' of {what}")
        rec = fields["recommended"][1]
        values["recommended"] = None if self.is_null(rec) else self.string(rec, f"'recommended' of {what}")
        source = self.string(fields["source"][1], f"'source' of {what}")
        if not _URL.match(source):
            raise self.err(fields["source"][1], f"'source' of {what} must be a URL (http:// or https://)")
        for key in ("product", "link", "note"):
            if key in fields:
                vnode = fields[key][1]
                values[key] = None if self.is_null(vnode) else self.string(vnode, f"'{key}' of {what}")
        if "link" in values and values["link"] and not _URL.match(values["link"]):
            raise self.err(fields["link"][1], f"'link' of {what} must be a URL (http:// or https://)")
        lts = False
        if "lts" in fields:
            lnode = fields["lts"][1]
            if not (getattr(lnode, "tag", "").endswith(":bool")):
                raise self.err(lnode, f"'lts' of {what} must be true or false")
            lts = lnode.value.lower() in ("true", "yes", "on")
        eos = values["end_of_support"]
        rel, eom = values.get("release_date"), values.get("end_of_maintenance")
        if rel and eos < rel:
            raise self.err(fields["end_of_support"][1], f"'end_of_support' of {what} ({eos}) is before its release_date ({rel})")
        if eom and eom > eos:
            raise self.err(fields["end_of_maintenance"][1],
                           f"'end_of_maintenance' of {what} ({eom}) is after its end_of_support ({eos})")
        if rel and eom and eom < rel:
            raise self.err(fields["end_of_maintenance"][1],
                           f"'end_of_maintenance' of {what} ({eom}) is before its release_date ({rel})")
        return Train(
            vendor=vendor, train=name, end_of_support=eos, source=source, retrieved=values["retrieved"],
            release_date=rel, end_of_maintenance=eom, recommended=values["recommended"],
            product=values.get("product"), lts=lts, last_date_of_support=values.get("last_date_of_support"),
            link=values.get("link"), note=values.get("note"), line=node.start_mark.line + 1,
        )

    # ---- version patterns

    def patterns(self, node) -> dict[str, VendorPatterns]:
        import yaml

        if self.is_null(node):
            return {}
        out: dict[str, VendorPatterns] = {}
        for vendor, (knode, vnode) in self.mapping(node, "'version_patterns'").items():
            if not _VENDOR_RE.match(vendor):
                raise self.err(knode, f"'{vendor}' is not a netlint vendor id (e.g. cisco_ios)")
            fields = self.mapping(vnode, f"the version patterns of {vendor}")
            for key, (k2, _) in fields.items():
                if key not in ("trains", "ignore"):
                    raise self.err(k2, f"unknown key '{key}' in the version patterns of {vendor} (expected 'trains', 'ignore')")
            if "trains" not in fields:
                raise self.err(vnode, f"the version patterns of {vendor} have no 'trains:' list")
            tnode = fields["trains"][1]
            if not isinstance(tnode, yaml.SequenceNode) or not tnode.value:
                raise self.err(tnode, f"'trains' of the version patterns of {vendor} must be a non-empty list")
            ignore: list[re.Pattern] = []
            if "ignore" in fields:
                inode = fields["ignore"][1]
                if not isinstance(inode, yaml.SequenceNode):
                    raise self.err(inode, f"'ignore' of the version patterns of {vendor} must be a list of regexes")
                ignore = [self.regex(n, f"an 'ignore' regex of {vendor}") for n in inode.value]
            pats: list[Pattern] = []
            checks: list[tuple] = []
            for pnode in tnode.value:
                pf = self.mapping(pnode, f"a version pattern of {vendor}")
                for key, (k3, _) in pf.items():
                    if key not in ("regex", "train", "examples"):
                        raise self.err(k3, f"unknown key '{key}' in a version pattern of {vendor} "
                                           "(expected 'regex', 'train', 'examples')")
                if "regex" not in pf:
                    raise self.err(pnode, f"a version pattern of {vendor} has no 'regex'")
                rx = self.regex(pf["regex"][1], f"the regex of a version pattern of {vendor}")
                literal = self.string(pf["train"][1], f"'train' of a version pattern of {vendor}") if "train" in pf else None
                if literal is None and "train" not in rx.groupindex:
                    raise self.err(pf["regex"][1], f"a version pattern of {vendor} needs a named group (?P<train>...) "
                                                   "or a literal 'train:'")
                pats.append(Pattern(rx, literal, pnode.start_mark.line + 1))
                if "examples" in pf:
                    for vk, vv in self.mapping(pf["examples"][1], f"the examples of a version pattern of {vendor}").items():
                        checks.append((vk, vv[0], self.string(vv[1], f"the train of example '{vk}'")))
            vp = VendorPatterns(tuple(pats), tuple(ignore))
            for version, enode, expected in checks:
                got = _match_train(vp, version)
                if got != expected:
                    raise self.err(enode, f"example '{version}' of {vendor} maps to train "
                                          f"{repr(got) if got else 'nothing'}, not '{expected}'")
            out[vendor] = vp
        return out
