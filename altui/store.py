"""The data folder: one TinyDB file per set and one per meeting, written atomically.

This is the only module that imports tinydb. It takes and returns models; a TinyDB document or
query never leaves it. It knows which file holds what; ``altui.files`` reads and writes each
file safely and keeps the backup folders.

Layout::

    <data>/<set-slug>/set.json              the set and its members
    <data>/<set-slug>/meetings/0007.json    meeting 7: its steps and timers, and its items
    <data>/<set-slug>/open-commitments.json a derived cache of open commitments (safe to delete)
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import compress, count, repeat
from operator import add, is_, is_not, itemgetter
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar, cast

from pydantic import BaseModel, ValidationError
from tinydb import Query, TinyDB
from tinydb.storages import Storage
from tinydb.table import Document

from altui.drafts import Draft
from altui.errors import AltuiError
from altui.files import (
    new_backup,
    parse_json,
    prune_backups,
    read_data,
    remove_files,
    stale_temp_files,
    write_atomic,
)
from altui.lock import MeetingLock, starting
from altui.migrate import upgrade, version_of
from altui.models import (
    SCHEMA_VERSION,
    Change,
    Item,
    ItemKind,
    Meeting,
    MeetingStatus,
    Review,
    Set,
    name_key,
    slugify,
)

Model = TypeVar("Model", bound=BaseModel)
P = ParamSpec("P")
R = TypeVar("R")

SET_FILE = "set.json"
MEETINGS = "meetings"
BACKUPS = "backups"
START_LOCK = "start.lock"
"""Held (``flock``) by a console while it starts the set's next meeting; the file is kept."""
COMMITMENT_INDEX = "open-commitments.json"
"""Derived from the meeting files (see altui.commitments): never backed up, rebuilt when stale."""
BACKUPS_KEPT = 10
"""Backups kept per set (one is made when a meeting starts and one when it closes)."""
_HEADER_ID = 1

Stamp = tuple[int, int, int]
"""A file's (st_mtime_ns, st_size, st_ino): any save changes it (a save is a new file)."""


class AtomicJSONStorage(Storage):
    """TinyDB storage that never leaves a half-written file.

    Each write goes to a temporary file in the same folder, is flushed and fsynced, then replaces
    the data file with ``os.replace``; the folder is fsynced so the rename itself survives a crash.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = path if isinstance(path, Path) else Path(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        """The file's tables, or None for a file not yet written."""
        raw = read_data(self.path)
        if raw is None:
            return None
        if not raw.strip():
            raise AltuiError(f"{self.path}: the file is empty (left untouched)")
        data = parse_json(self.path, raw)
        if not (
            isinstance(data, dict)
            and all(
                isinstance(t, dict) and all(map(isinstance, t.values(), repeat(dict)))
                for t in data.values()
            )
        ):
            raise AltuiError(f"{self.path}: not an altui data file (wrong shape); left untouched")
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Replace the file with ``data`` atomically."""
        self.write_bytes(encode(data).encode("utf-8"))

    def write_bytes(self, payload: bytes) -> None:
        """Replace the file with ``payload`` (``data`` as :func:`encode` has it, in UTF-8)
        atomically."""
        try:
            write_atomic(self.path, payload)
        except OSError as exc:
            raise AltuiError(f"{self.path}: could not save ({exc.strerror or exc})") from exc


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
"""What ``json.dumps(data, ensure_ascii=False, separators=(",", ":"))`` makes, set up once."""


def encode(data: Any) -> str:
    """``data`` as altui's files hold it: compact JSON, text other than ASCII kept as it is."""
    return _ENCODER.encode(data)


def _encoded(data: Any) -> bytes:
    """``data`` as :func:`encode` has it, in UTF-8."""
    return _ENCODER.encode(data).encode("utf-8")


@dataclass(frozen=True)
class DamagedSet:
    """A set folder whose ``set.json`` cannot be read: the folder's name and the one-line why."""

    slug: str
    error: str


_TABLES: dict[type[BaseModel], str] = {
    Set: "set",
    Meeting: "meeting",
    Item: "items",
    Review: "reviews",
    Change: "journal",
}


_OURS = frozenset(_TABLES.values())
"""The tables altui keeps; any other table in a file is someone else's, never changed."""


def _validate(model: type[Model], data: dict[str, Any], path: Path) -> Model:
    """Turn a stored document into a model, or say clearly what is wrong with the file.

    A document from an older altui is brought up to date in memory (see altui.migrate).
    """
    version = data.get("schema")
    if version == SCHEMA_VERSION:  # the usual case: nothing to upgrade
        try:
            return model.model_validate(data)
        except ValidationError:
            pass  # fall through to the full path, which words the problem
    if isinstance(version, int) and version > SCHEMA_VERSION:
        raise AltuiError(
            f"{path}: written by a newer altui (data version {version}, this altui reads "
            f"{SCHEMA_VERSION}); upgrade altui to open it"
        )
    try:
        return model.model_validate(upgrade(_TABLES[model], data))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        problem = f"{where}: {first['msg']}" if where else first["msg"]
        raise AltuiError(
            f"{path}: not an altui {model.__name__.lower()} file ({problem}); left untouched"
        ) from None


def _meeting_file(number: int) -> str:
    return f"{number:04d}.json"


def _dump(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json", by_alias=True)


_ROW_KEYS: list[bytes] = []
"""``"1":``, ``,"2":``, ``,"3":`` ...: what comes before each document of a table."""


def _row_keys(start: int, stop: int) -> list[bytes]:
    """The row keys of documents ``start`` to ``stop`` (from 0; the list grows as tables do)."""
    while len(_ROW_KEYS) < stop:
        _ROW_KEYS.append(b'%s"%d":' % (b"," if _ROW_KEYS else b"", len(_ROW_KEYS) + 1))
    return _ROW_KEYS[start:stop]


def same_ends(old: Sequence[object], new: Sequence[object]) -> tuple[int, int]:
    """How many objects ``old`` and ``new`` have in common at the start, then at the end (the
    very objects, compared in C: a change touches one or two of hundreds of documents)."""
    most = min(len(old), len(new))
    start = next(compress(count(), map(is_not, old, new)), most)
    if start == most:
        return start, 0
    end = next(compress(count(), map(is_not, reversed(old), reversed(new))), most)
    return start, min(end, most - start)


class _Spliced:
    """The encoded pieces of the meeting file last written, to join the next one from.

    A change to a live meeting alters one or two of its hundreds of documents, so a write
    encodes only those. Items, reviews and journal entries are frozen (a change makes new
    ones), so each one's encoding is kept by ``id()``, with the document itself so that no
    other object can take its id; each table's rows are kept with its documents, and the
    header's encoding with its stored form. A piece is found by what it encodes, never by
    which file it came from, so the bytes joined are always those ``encode`` makes of the
    same tables.
    """

    def __init__(self) -> None:
        self._known: dict[int, bytes] = {}
        self._alive: dict[int, BaseModel] = {}
        """The documents whose ids ``_known`` holds, kept alive."""
        self._tables: dict[str, tuple[list[Any], list[bytes], list[bytes]]] = {}
        """Each table's documents, their encodings, and its rows, as last written."""
        self._header: tuple[dict[str, Any], bytes] = ({}, b"")

    def header(self, stored: dict[str, Any]) -> bytes:
        """The header document ``stored`` encoded, unless it is the very one encoded last (a
        caller hands that back while the meeting is unchanged; one merely equal may differ
        in a float's sign of zero)."""
        if stored is not self._header[0]:
            self._header = stored, _encoded(stored)
        return self._header[1]

    def table(
        self, name: str, docs: list[Item] | list[Review] | list[Change], for_good: bool = False
    ) -> list[bytes]:
        """The rows of table ``name`` holding ``docs``: ``"1":{...}``, ``,"2":{...}`` ...

        With ``for_good``, a document that leaves the table never comes back (a journal
        entry; a deleted item comes back with an undo): it is let go of at once, so that each
        change frees what it drops and the garbage collector, counting what stays, runs a
        quarter as often."""
        was, was_encoded, was_rows = self._tables.get(name, ([], [], []))
        start, end = same_ends(was, docs)
        if start == len(was) == len(docs):
            return was_rows
        kept = len(docs) - end  # where the documents kept at the end begin
        middle = docs[start:kept]
        if for_good:
            for gone in set(map(id, was[start : len(was) - end])).difference(map(id, middle)):
                self._known.pop(gone, None)
                self._alive.pop(gone, None)
        found = list(map(self._known.get, map(id, middle)))
        for at in list(compress(count(), map(is_, found, repeat(None)))):
            doc = middle[at]
            found[at] = self._known[id(doc)] = _encoded(_dump(doc))
            self._alive[id(doc)] = doc
        made = cast("list[bytes]", found)  # every None filled above
        encoded = was_encoded[:start] + made + was_encoded[len(was) - end :]
        if len(docs) == len(was):  # the documents kept at the end keep their places, and keys
            rows = was_rows[:start] + list(map(add, _row_keys(start, kept), made)) + was_rows[kept:]
        else:
            rows = was_rows[:start] + list(map(add, _row_keys(start, len(docs)), encoded[start:]))
        self._tables[name] = list(docs), encoded, rows
        return rows

    def forget_all_but(self, *tables: list[Item] | list[Review] | list[Change]) -> None:
        """Let go of the documents no longer in ``tables`` once they outnumber those that are
        (so a deleted item stays known for a while, for the undo that brings it back)."""
        if len(self._alive) > 2 * sum(map(len, tables)) + 64:
            current: list[BaseModel] = [doc for docs in tables for doc in docs]
            self._known = {id(doc): self._known[id(doc)] for doc in current}
            self._alive = {id(doc): doc for doc in current}


def _writes(method: Callable[Concatenate[Store, P], R]) -> Callable[Concatenate[Store, P], R]:
    """Mark a Store method that changes the data folder: refused on a read-only store."""

    @functools.wraps(method)
    def wrapper(store: Store, /, *args: P.args, **kwargs: P.kwargs) -> R:
        if store.read_only:
            raise AltuiError(f"{store.root}: opened read only; {method.__name__} refused")
        return method(store, *args, **kwargs)

    return wrapper


class Store:
    """The data folder, read and written through models.

    A ``read_only`` store (the display, serve, export and check) never writes anything in the
    folder: a write is refused, and the derived commitment index is computed but not saved.
    """

    def __init__(self, root: Path, read_only: bool = False) -> None:
        self.root = Path(root)
        self.read_only = read_only
        self._dbs: dict[Path, TinyDB] = {}
        self._foreign: dict[Path, bytes] = {}
        """Other programs' tables in each meeting file this store writes whole, as first read:
        encoded, each with a comma before it."""
        self._spliced = _Spliced()
        self._meeting_paths: dict[tuple[str, int], Path] = {}

    def _ensure_root(self) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            raise AltuiError(
                f"data folder {self.root}: cannot be created ({exc.strerror})"
            ) from None

    def _db(self, path: Path) -> TinyDB:
        db = self._dbs.get(path)
        if db is None:
            db = TinyDB(str(path), storage=AtomicJSONStorage)
            self._dbs[path] = db
        return db

    def _read_header(self, path: Path, table: str, model: type[Model]) -> Model:
        doc = self._db(path).table(table).get(doc_id=_HEADER_ID)
        if not isinstance(doc, dict):
            raise AltuiError(
                f"{path}: not an altui {table} file (no {table} record); left untouched"
            )
        return _validate(model, dict(doc), path)

    def _write_header(self, path: Path, table: str, model: BaseModel) -> None:
        self._db(path).table(table).upsert(Document(_dump(model), doc_id=_HEADER_ID))

    # sets ---------------------------------------------------------------------------------

    def _set_path(self, slug: str) -> Path:
        return self.root / slug / SET_FILE

    def set_at(self, slug: str) -> Set:
        """The set in the folder ``slug``, reading that folder's ``set.json`` and nothing else."""
        path = self._set_path(slug)
        if not path.parent.is_dir():
            raise AltuiError(f"no set in folder {slug!r}")
        return self._read_header(path, "set", Set)

    def survey(self) -> tuple[list[Set], list[DamagedSet]]:
        """Every readable set, by name, and every set folder whose ``set.json`` is damaged
        (each read once; one damaged set never hides the others)."""
        if not self.root.is_dir():
            return [], []
        found: list[Set] = []
        damaged: list[DamagedSet] = []
        for path in sorted(self.root.glob(f"*/{SET_FILE}")):
            try:
                found.append(self._read_header(path, "set", Set))
            except AltuiError as exc:
                damaged.append(DamagedSet(path.parent.name, str(exc)))
        return sorted(found, key=lambda s: name_key(s.name)), damaged

    def sets(self) -> list[Set]:
        """Every readable set in the data folder, by name (damaged ones: see ``survey``)."""
        return self.survey()[0]

    def find_set(self, name: str) -> Set:
        """The set called ``name`` (or with that folder name), case-insensitive.

        The folder a set of that name is usually in is tried first, alone. A set's name wins
        over another set's folder name: after a rename, a new set may take the old name while
        the renamed set keeps its folder. A damaged set is skipped unless it is the one asked
        for (by its folder), whose damage is then the answer.
        """
        wanted = name_key(name)
        usual = slugify(name)
        if (self.root / usual / SET_FILE).is_file():
            with contextlib.suppress(AltuiError):  # a damaged one is reported below
                quick = self.set_at(usual)
                if name_key(quick.name) == wanted:
                    return quick
        sets, damaged = self.survey()
        by_name = (s for s in sets if name_key(s.name) == wanted)
        by_folder = (s for s in sets if s.slug == wanted)
        found = next(by_name, None) or next(by_folder, None)
        if found is not None:
            return found
        for broken in damaged:
            if broken.slug in (wanted, usual):
                raise AltuiError(broken.error)
        known = ", ".join(repr(s.name) for s in sets) or "none yet"
        if damaged:
            known += f"; {len(damaged)} damaged, see altui check"
        raise AltuiError(f"no set called {name!r} (sets: {known})")

    def refuse_taken(self, name: str) -> None:
        """AltuiError in one line if a set is already called ``name`` (in any case)."""
        if any(name_key(s.name) == name_key(name) for s in self.sets()):
            raise AltuiError(f"a set called {name!r} already exists")

    @_writes
    def create_set(self, new: Set) -> Set:
        """Store a new set under a fresh folder name; refuses a name already taken."""
        self._ensure_root()
        self.refuse_taken(new.name)
        slug, n = new.slug or slugify(new.name), 2
        base = slug
        while (self.root / slug).exists():
            slug, n = f"{base}-{n}", n + 1
        stored = new.model_copy(update={"slug": slug})
        (self.root / slug / MEETINGS).mkdir(parents=True, mode=0o700)
        (self.root / slug).chmod(0o700)
        self._write_header(self._set_path(slug), "set", stored)
        return stored

    @_writes
    def save_set(self, changed: Set) -> None:
        """Write a changed set."""
        self._write_header(self._set_path(changed.slug), "set", changed)

    # meetings -----------------------------------------------------------------------------

    def _meeting_path(self, slug: str, number: int) -> Path:
        """The meeting's file (its Path made once: every save asks for it)."""
        path = self._meeting_paths.get((slug, number))
        if path is None:
            path = self.root / slug / MEETINGS / _meeting_file(number)
            self._meeting_paths[slug, number] = path
        return path

    def meeting_numbers(self, slug: str) -> list[int]:
        """The numbers of the set's meetings, oldest first."""
        folder = self.root / slug / MEETINGS
        return sorted(int(p.stem) for p in folder.glob("[0-9][0-9][0-9][0-9].json"))

    def meeting(self, slug: str, number: int) -> Meeting:
        """One meeting's steps and timers (without its items)."""
        path = self._meeting_path(slug, number)
        if not path.exists():
            raise AltuiError(f"the set has no meeting {number}")
        return self._read_header(path, "meeting", Meeting)

    def latest_meeting(self, slug: str) -> Meeting | None:
        """The set's most recent meeting, if it has had one."""
        numbers = self.meeting_numbers(slug)
        return self.meeting(slug, numbers[-1]) if numbers else None

    def said_closed(self, slug: str, number: int) -> bool:
        """Whether meeting ``number``'s file, read as plain JSON whatever else is wrong with
        it, says the meeting was closed (False when it cannot tell)."""
        path = self._meeting_path(slug, number)
        try:
            data = parse_json(path, read_data(path) or b"null")
        except AltuiError:
            return False
        header = data.get("meeting") if isinstance(data, dict) else None
        header = header.get(str(_HEADER_ID)) if isinstance(header, dict) else None
        return isinstance(header, dict) and header.get("status") == MeetingStatus.CLOSED.value

    @_writes
    def create_meeting(self, meeting: Meeting) -> None:
        """Store a new meeting, its file created whole and exclusively: of two consoles
        creating the same meeting, one is refused and nothing of it is written."""
        path = self._meeting_path(meeting.set_slug, meeting.number)
        payload = encode({"meeting": {str(_HEADER_ID): _dump(meeting)}}).encode("utf-8")
        try:
            write_atomic(path, payload, new=True)
        except FileExistsError:
            raise AltuiError(f"meeting {meeting.number} of this set already exists") from None
        except OSError as exc:
            raise AltuiError(f"{path}: could not save ({exc.strerror or exc})") from exc
        self._dbs.pop(path, None)

    @_writes
    def making_set(self) -> contextlib.AbstractContextManager[None]:
        """Held while a set is looked for and, if not there, made with its first meetings (the
        demo's), so that consoles started at the same moment make it once: the data folder
        itself is locked (see ``lock.starting``)."""
        self._ensure_root()
        return starting(self.root, doing="making a set in this data folder")

    @_writes
    def starting(self, slug: str) -> contextlib.AbstractContextManager[None]:
        """Held while the set's next meeting is chosen and created (see ``lock.starting``)."""
        return starting(self.root / slug / START_LOCK)

    @_writes
    def save_meeting(self, meeting: Meeting) -> None:
        """Write the meeting's steps, timers and current step."""
        self._write_header(self._meeting_path(meeting.set_slug, meeting.number), "meeting", meeting)

    @_writes
    def add_item(self, meeting: Meeting, item: Item) -> None:
        """Append one captured item to the meeting's file."""
        path = self._meeting_path(meeting.set_slug, meeting.number)
        self._db(path).table("items").insert(_dump(item))

    @_writes
    def update_item(self, meeting: Meeting, item: Item) -> None:
        """Rewrite one item (found by its id) in the meeting's file."""
        path = self._meeting_path(meeting.set_slug, meeting.number)
        self._db(path).table("items").update(_dump(item), Query().id == item.id)

    def items(self, meeting: Meeting) -> list[Item]:
        """The meeting's items, in the order they were captured."""
        path = self._meeting_path(meeting.set_slug, meeting.number)
        return [_validate(Item, dict(doc), path) for doc in self._db(path).table("items").all()]

    def changed_since(self, meeting: Meeting, seen: int) -> int | None:
        """The meeting file's change stamp if it differs from ``seen`` (None if unchanged)."""
        try:
            stamp = self._meeting_path(meeting.set_slug, meeting.number).stat().st_mtime_ns
        except FileNotFoundError:
            return None
        return stamp if stamp != seen else None

    @_writes
    def add_review(self, meeting: Meeting, review: Review) -> None:
        """Record a report back on a commitment in the meeting's file."""
        path = self._meeting_path(meeting.set_slug, meeting.number)
        self._db(path).table("reviews").insert(_dump(review))

    def reviews(self, meeting: Meeting) -> list[Review]:
        """The reports back recorded in the meeting, oldest first."""
        path = self._meeting_path(meeting.set_slug, meeting.number)
        return [_validate(Review, dict(doc), path) for doc in self._db(path).table("reviews").all()]

    def open_meeting(self, meeting: Meeting) -> tuple[list[Item], list[Review], list[Change]]:
        """The meeting's items, reviews and journal, in one read, for a console that will
        write the meeting whole (``write_meeting``)."""
        path = self._meeting_path(meeting.set_slug, meeting.number)
        tables = self._read_whole(path)
        return (
            [_validate(Item, doc, path) for doc in tables.get("items", {}).values()],
            [_validate(Review, doc, path) for doc in tables.get("reviews", {}).values()],
            [_validate(Change, doc, path) for doc in tables.get("journal", {}).values()],
        )

    def _read_whole(self, path: Path) -> dict[str, dict[str, Any]]:
        """A meeting file's tables, remembering the ones altui does not keep: ``write_meeting``
        writes those back unchanged."""
        tables = AtomicJSONStorage(str(path)).read() or {}
        self._foreign[path] = "".join(
            f",{encode(name)}:{encode(docs)}" for name, docs in tables.items() if name not in _OURS
        ).encode("utf-8")
        return tables

    @_writes
    def write_meeting(
        self,
        meeting: Meeting,
        items: list[Item],
        reviews: list[Review],
        journal: list[Change],
        stored: dict[str, Any] | None = None,
    ) -> None:
        """Replace the meeting's file with all of it in one atomic write.

        One write for everything the console shows means a save that failed leaves nothing
        half-kept: the next one that succeeds writes it all. A table some other program keeps
        in the file is written back as it was when the meeting was opened (``open_meeting``).
        ``stored`` is the meeting's stored form (``model_dump(mode="json", by_alias=True)``)
        if the caller has made it already (it is kept: never change it after). The bytes are
        those ``encode`` makes of every table, joined from what the last write encoded (see
        ``_Spliced``)."""
        path = self._meeting_path(meeting.set_slug, meeting.number)
        if path not in self._foreign:
            self._read_whole(path)
        spliced = self._spliced
        header = spliced.header(_dump(meeting) if stored is None else stored)
        parts = [b'{"meeting":{"%d":' % _HEADER_ID, header, b"}"]
        for name, docs, for_good in (
            ("items", items, False),
            ("reviews", reviews, False),
            ("journal", journal, True),
        ):
            rows = spliced.table(name, docs, for_good)
            if rows:  # as TinyDB does, a table is written once it holds something
                parts += [b',"%s":{' % name.encode(), *rows, b"}"]
        parts += [self._foreign[path], b"}"]
        spliced.forget_all_but(items, reviews, journal)
        AtomicJSONStorage(path).write_bytes(b"".join(parts))
        self._dbs.pop(path, None)  # TinyDB's tables cache their next id; read afresh

    def meeting_stamps(self, slug: str, numbers: Iterable[int]) -> dict[int, Stamp]:
        """The stamp of each of these meetings' files, by meeting number."""
        folder = os.path.join(self.root, slug, MEETINGS)  # a Path per file costs more than a stat
        stamps = {}
        for number in numbers:
            info = os.stat(os.path.join(folder, _meeting_file(number)))
            stamps[number] = (info.st_mtime_ns, info.st_size, info.st_ino)
        return stamps

    def _commitment_index_path(self, slug: str) -> Path:
        return self.root / slug / COMMITMENT_INDEX

    def read_commitment_index(self, slug: str) -> dict[str, Any] | None:
        """The set's commitment index, or None if missing, unreadable or not one of this altui."""
        path = self._commitment_index_path(slug)
        try:
            data = parse_json(path, read_data(path) or b"null")
        except AltuiError:
            return None
        if not isinstance(data, dict) or data.get("schema") != SCHEMA_VERSION:
            return None
        return data

    def write_commitment_index(self, slug: str, data: dict[str, Any]) -> None:
        """Replace the set's commitment index atomically (an OSError is left to the caller);
        a read-only store keeps it as it is (it is only a cache)."""
        if self.read_only:
            return
        text = encode({**data, "schema": SCHEMA_VERSION})
        write_atomic(self._commitment_index_path(slug), text.encode("utf-8"))

    def _draft_path(self, meeting: Meeting) -> Path:
        return self._meeting_path(meeting.set_slug, meeting.number).with_suffix(".draft")

    @_writes
    def save_draft(self, meeting: Meeting, draft: Draft) -> None:
        """Keep the entry box's unsent text (and what it was for), so a killed console can put
        it back."""
        path = self._draft_path(meeting)
        if draft:
            write_atomic(path, draft.to_bytes())
        else:
            path.unlink(missing_ok=True)

    def draft(self, meeting: Meeting) -> Draft:
        """The unsent text left in the entry box, if any."""
        try:
            return Draft.from_bytes(read_data(self._draft_path(meeting)) or b"")
        except (AltuiError, UnicodeDecodeError):
            return Draft()  # a lost draft is a nuisance, not a reason to refuse the meeting

    def _blank_path(self, meeting: Meeting) -> Path:
        return self._meeting_path(meeting.set_slug, meeting.number).with_suffix(".blank")

    @_writes
    def set_blanked(self, meeting: Meeting, blanked: bool) -> None:
        """Mark the meeting blanked on the console, or not, for the displays that follow it.

        The marker is an empty file: created whole or not at all, with nothing to fsync (a
        marker lost in a crash is one fewer stale one). An OSError is left to the caller.
        """
        path = self._blank_path(meeting)
        if blanked:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        else:
            path.unlink(missing_ok=True)

    def blanked(self, meeting: Meeting) -> bool:
        """Whether a running console has the meeting blanked (one stat while it is not; a
        marker left by a console that was killed is ignored)."""
        return self._blank_path(meeting).exists() and self.meeting_lock(meeting).taken()

    def meeting_lock(self, meeting: Meeting) -> MeetingLock:
        """The lock a console holds while it has the meeting open for writing; taking it
        clears the temporary files that killed saves left in the set's folders."""
        slug = meeting.set_slug
        return MeetingLock(
            self._meeting_path(slug, meeting.number).with_suffix(".lock"),
            f"close it there first, or follow it with: altui display {slug}",
            tidy=lambda: self.remove_stale_temp_files(slug),
        )

    def stale_temp_files(self, slug: str) -> list[Path]:
        """Temporary files in the set's folders left by saves that never finished (see
        ``files.stale_temp_files``)."""
        return stale_temp_files([self.root / slug, self.root / slug / MEETINGS])

    @_writes
    def remove_stale_temp_files(self, slug: str) -> list[Path]:
        """Delete the set's stale temporary files (see ``stale_temp_files``); those removed."""
        return remove_files(self.stale_temp_files(slug))

    def backups_folder(self, slug: str) -> Path:
        """Where the set's backups are kept (see ``backup``)."""
        return self.root / slug / BACKUPS

    @_writes
    def backup(self, slug: str, reason: str, now: datetime, everything: bool = False) -> Path:
        """Copy the set's file and its latest meetings to ``backups/<seq>_<time>-<reason>/``.

        Only the last two meetings are copied unless ``everything``: a closed meeting older
        than that no longer changes, and it is in earlier backups already. The newest
        BACKUPS_KEPT backups are kept, newest by sequence (see ``files.new_backup``).
        """
        folder = self.backups_folder(slug)
        target = new_backup(folder, f"{now:%Y%m%d-%H%M%S}-{reason}")
        (target / MEETINGS).mkdir(mode=0o700)
        numbers = self.meeting_numbers(slug)
        latest = [self._meeting_path(slug, n) for n in (numbers if everything else numbers[-2:])]
        sources = [self._set_path(slug), *latest]
        for source in sources:
            raw = read_data(source)
            if raw is not None:
                write_atomic(target / source.relative_to(self.root / slug), raw)
        prune_backups(folder, BACKUPS_KEPT)
        return target

    def needs_upgrade(self, slug: str) -> list[Path]:
        """The set's files written by an older altui.

        ``upgrade`` rewrites ``set.json`` last, so a current ``set.json`` means every file of
        the set is current: the meetings need not be read at every start.
        """
        if self._oldest_version(self._set_path(slug)) >= SCHEMA_VERSION:
            return []
        paths = [self._set_path(slug)]
        paths += [self._meeting_path(slug, n) for n in self.meeting_numbers(slug)]
        return [path for path in paths if self._oldest_version(path) < SCHEMA_VERSION]

    def _oldest_version(self, path: Path) -> int:
        """The lowest schema in the file (a file that cannot be read is reported elsewhere)."""
        try:
            tables = AtomicJSONStorage(str(path)).read() or {}
        except AltuiError:
            return SCHEMA_VERSION
        versions = [
            version_of(doc)
            for name, table in tables.items()
            if name in _OURS
            for doc in table.values()
        ]
        return min(versions, default=SCHEMA_VERSION)

    @_writes
    def upgrade(self, slug: str, now: datetime) -> list[Path]:
        """Rewrite the set's older files in the current shape, after backing them all up."""
        old = self.needs_upgrade(slug)
        if not old:
            return []
        self.backup(slug, "before-upgrade", now, everything=True)
        for path in sorted(old, key=lambda p: p.name == SET_FILE):  # set.json last
            storage = AtomicJSONStorage(str(path))
            tables = storage.read() or {}
            storage.write(
                {
                    name: {key: upgrade(name, doc) for key, doc in docs.items()}
                    if name in _OURS
                    else docs  # a table some other program keeps here: left as it is
                    for name, docs in tables.items()
                }
            )
            self._dbs.pop(path, None)
        return old

    def glance(self, slug: str, number: int) -> Glance:
        """Meeting ``number`` as the history's list and search need it (see Glance), from one
        read of its file. A file that is not in the current shape is read through the models,
        which bring it up to date or say what is wrong with it (AltuiError)."""
        path = self._meeting_path(slug, number)
        tables = AtomicJSONStorage(str(path)).read() or {}
        header = tables.get("meeting", {}).get(str(_HEADER_ID))
        if isinstance(header, dict):
            found = _plain_glance(path, _validate(Meeting, header, path), tables)
            if found is not None:
                return found
        meeting, items, reviews = _records(path, tables)
        return Glance(
            path,
            meeting,
            tuple(item.kind for item in items),
            tuple(item.text for item in items),
            tuple(item.step for item in items),
            tuple(item.presenter_id for item in items),
            tuple(review.action_id for review in reviews),
            tuple(review.note for review in reviews),
            tuple(_dump(item) for item in items if item.kind is ItemKind.ACTION),
            tuple(map(_dump, reviews)),
        )

    def record(
        self, slug: str, number: int, kinds: frozenset[ItemKind] | None = None
    ) -> tuple[Meeting, list[Item], list[Review]]:
        """A meeting, its items (only of ``kinds`` if given) and its reviews, in one file read.

        For reading across the history (report back, search, recaps) without the three reads
        that going table by table through TinyDB costs.
        """
        path = self._meeting_path(slug, number)
        return _records(path, AtomicJSONStorage(str(path)).read() or {}, kinds)


def _records(
    path: Path, tables: dict[str, dict[str, Any]], kinds: frozenset[ItemKind] | None = None
) -> tuple[Meeting, list[Item], list[Review]]:
    """The meeting, items (only of ``kinds`` if given) and reviews of a meeting file's tables."""
    header = tables.get("meeting", {}).get(str(_HEADER_ID))
    if not isinstance(header, dict):
        raise AltuiError(f"{path}: not an altui meeting file (no meeting record); left untouched")
    wanted = None if kinds is None else {kind.value for kind in kinds}
    items = [
        _validate(Item, doc, path)
        for doc in tables.get("items", {}).values()
        if wanted is None or doc.get("kind") in wanted
    ]
    reviews = [_validate(Review, doc, path) for doc in tables.get("reviews", {}).values()]
    return _validate(Meeting, header, path), items, reviews


@dataclass(frozen=True)
class Glance:
    """A meeting as the history's list and search need it, from one read of its file, without
    making a model of each item and review (at ten years, 24,000 of them: three times the cost
    of reading the files).

    The header is a model. Of each item, its kind, text, step and presenter are kept, and of
    each review its action and note, each checked to be of the type its model wants; the
    actions and reviews are made models when they are asked for (``actions``, ``reviews``: an
    AltuiError names one that is not what it should be).
    """

    path: Path
    meeting: Meeting
    kinds: tuple[ItemKind, ...]
    """Each item's kind, in the order they were captured; so ``texts``, ``steps``, ..."""
    texts: tuple[str, ...]
    steps: tuple[int, ...]
    presenter_ids: tuple[str | None, ...]
    noted: tuple[str, ...]
    """Each review's action id, in the order the reviews were recorded; so ``notes``."""
    notes: tuple[str, ...]
    action_docs: tuple[dict[str, Any], ...]
    review_docs: tuple[dict[str, Any], ...]

    def actions(self) -> list[Item]:
        """The meeting's actions, in the order they were captured."""
        return [_validate(Item, doc, self.path) for doc in self.action_docs]

    @functools.cached_property
    def _review_models(self) -> dict[int, Review]:
        """The reviews made models so far, by position: the follow-through makes them all
        once, and a search, at every key, reuses them."""
        return {}

    def reviews(self, of: Container[str] | None = None) -> list[Review]:
        """The meeting's reviews (only those of the actions ``of``, if given), oldest first."""
        made = self._review_models
        chosen: list[Review] = []
        for at, doc in enumerate(self.review_docs):
            if of is None or doc["action_id"] in of:
                if at not in made:
                    made[at] = _validate(Review, doc, self.path)
                chosen.append(made[at])
        return chosen


_KINDS = {kind.value: kind for kind in ItemKind}
_ITEM_LOOK = itemgetter("schema", "kind", "text", "step", "presenter_id")
_REVIEW_LOOK = itemgetter("schema", "action_id", "note")


def _columns(
    look: itemgetter[tuple[Any, ...]], docs: tuple[dict[str, Any], ...], width: int
) -> list[tuple[Any, ...]]:
    """The ``width`` fields ``look`` takes from each of ``docs``, a column each."""
    return list(zip(*map(look, docs), strict=True)) or [()] * width


def _plain_glance(path: Path, meeting: Meeting, tables: dict[str, dict[str, Any]]) -> Glance | None:
    """The glance of a file in the current shape whose kept fields are of the right type, read
    a column at a time; None for anything else (an older file, a field missing or of another
    type, a value that validating would convert)."""
    items = tuple(tables.get("items", {}).values())
    reviews = tuple(tables.get("reviews", {}).values())
    try:
        schemas, kinds, texts, steps, presenters = _columns(_ITEM_LOOK, items, 5)
        review_schemas, noted, notes = _columns(_REVIEW_LOOK, reviews, 3)
        plain = (
            set(schemas) | set(review_schemas) <= {SCHEMA_VERSION}
            and set(kinds) <= _KINDS.keys()
            and set(map(type, texts)) | set(map(type, noted)) | set(map(type, notes)) <= {str}
            and set(map(type, steps)) <= {int}
            and min(steps, default=0) >= 0
            and set(map(type, presenters)) <= {str, type(None)}
        )
    except (KeyError, TypeError):  # a field missing; a kind or schema that cannot be hashed
        return None
    if not plain:
        return None
    return Glance(
        path,
        meeting,
        tuple(map(_KINDS.__getitem__, kinds)),
        texts,
        steps,
        presenters,
        noted,
        notes,
        tuple(compress(items, map(ItemKind.ACTION.value.__eq__, kinds))),
        reviews,
    )
