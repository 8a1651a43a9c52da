"""The ``altui`` command line."""

from __future__ import annotations

import gc
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from platformdirs import user_data_dir

from altui import __version__
from altui.clock import SystemClock, whole_minutes
from altui.errors import AltuiError
from altui.files import privacy_warnings
from altui.models import Meeting, MeetingStatus, Set
from altui.store import Store
from altui.text import count, listed, pictured, quoted

F = TypeVar("F", bound=Callable[..., Any])

USAGE_ERROR = 2

SKIP_DAMAGED_HELP = (
    "Start the next meeting even though the latest meeting's file cannot be read (it may be "
    "the meeting in progress: restore it from the set's backups folder first if it is)."
)


DATA_ENV = "ALTUI_DATA"


def data_folder(given: Path | None) -> Path:
    """``--data`` (given anywhere on the command line), else ``ALTUI_DATA``, else the user's
    data folder."""
    if given is not None:
        return given
    from_env = os.environ.get(DATA_ENV)
    return Path(from_env) if from_env else Path(user_data_dir("altui", appauthor=False))


def _remember_data(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
    if value is not None:
        ctx.find_root().ensure_object(dict)["data"] = value


def data_option(command: F) -> F:
    """``--data DIR`` on every command and group, so it may come before or after any command's
    name. It is read from the command line only: a ``--data`` given anywhere beats
    ``ALTUI_DATA`` (a trial on a copy must never reach the real data)."""
    return click.option(
        "--data",
        type=click.Path(path_type=Path),
        expose_value=False,
        is_eager=True,
        callback=_remember_data,
        help="Data folder (default: $ALTUI_DATA, else the user data folder).",
    )(command)


def store_from(ctx: click.Context, read_only: bool = False) -> Store:
    """The store for the data folder chosen on the command line (``read_only`` for the commands
    that only look: they never write in it); a file there is refused in one line."""
    root = data_folder(ctx.find_root().ensure_object(dict).get("data"))
    if root.exists() and not root.is_dir():
        raise AltuiError(f"data folder {root}: is a file, not a folder")
    return Store(root, read_only=read_only)


def fail(message: str) -> None:
    """Print one line to stderr and exit with status 2."""
    click.echo(f"altui: {pictured(message)}", err=True)
    raise SystemExit(USAGE_ERROR)


def run_console(
    store: Store,
    the_set: Set | None,
    meeting: Meeting | None,
    display: bool = False,
    reopen: bool = False,
) -> None:
    """Run the Textual app (imported here so plain commands start fast).

    The meeting's writer lock is taken first, so a second console is refused in one line;
    with ``reopen``, an ended meeting is then opened again where it stopped. The read-only
    display takes no lock and keeps no log in the data folder (it may be a read-only mount):
    it writes nothing there.

    The garbage collector is off from here until the first frame is drawn (the app's
    ``settle_memory`` collects once and turns it back on): start-up makes tens of thousands of
    objects that live as long as the app, and collecting among them a hundred times before the
    first frame (60 ms of a 2-core machine's CPU) only delays it.
    """
    gc.disable()
    try:
        _run_console(store, the_set, meeting, display, reopen)
    finally:
        gc.enable()


def _run_console(
    store: Store, the_set: Set | None, meeting: Meeting | None, display: bool, reopen: bool
) -> None:
    from altui.app import make_app
    from altui.guard import start_log
    from altui.live import open_for_writing

    for warning in privacy_warnings(store.root):
        click.echo(f"altui: warning: {warning}", err=True)
    clock, lock = SystemClock(), None
    if meeting is not None and not display:
        opened = open_for_writing(store, meeting, clock, reopen)
        for path in opened.upgraded:
            click.echo(f"altui: upgraded {path} to this version's format (backup kept)", err=True)
        if reopen:
            click.echo(f"Meeting {meeting.number} reopened where it stopped.", err=True)
        meeting, lock = opened.live.meeting, opened.lock
    if not display:
        start_log(store.root)
    app = make_app(store, clock, the_set, meeting, lock, display)
    try:
        app.run()
    finally:
        app.release_lock()
    if app.return_code:  # a crash (Textual has printed it): not a clean exit
        raise SystemExit(app.return_code)


class AltuiGroup(click.Group):
    """A group whose AltuiErrors become one line on stderr and exit status 2."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command, turning user-fixable problems into one clear line."""
        try:
            return super().invoke(ctx)
        except AltuiError as exc:
            fail(str(exc))
        except BrokenPipeError:
            raise  # whatever read standard output has gone: click ends quietly, status 1
        except OSError as exc:
            where = f" ({exc.filename})" if exc.filename else ""
            fail(f"{exc.strerror or exc}{where}")


@click.group(
    cls=AltuiGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, "--version", prog_name="altui")
@data_option
@click.pass_context
def main(ctx: click.Context) -> None:
    """Run Action Learning set meetings on the room's shared screen.

    With no command, opens the home screen listing your sets.
    """
    if ctx.invoked_subcommand is None:
        store = store_from(ctx)
        store.sets()  # a data folder that cannot be read is reported here, before the screen opens
        run_console(store, None, None)


@main.command()
@click.option("--skip-damaged", is_flag=True, help=SKIP_DAMAGED_HELP)
@data_option
@click.pass_context
def demo(ctx: click.Context, skip_damaged: bool) -> None:
    """Start the demo set's next meeting, or resume its unfinished one.

    The set is created the first time, with meeting 1 held four weeks ago, so meeting 2 comes
    first. Other sets are never touched.
    """
    from altui.demo import DEMO_PRESENTERS, ensure_demo
    from altui.meetings import start_or_resume

    store, clock = store_from(ctx), SystemClock()
    the_set = ensure_demo(store, clock)
    meeting = start_or_resume(
        store, the_set, clock, presenters=DEMO_PRESENTERS, skip_damaged=skip_damaged
    )
    run_console(store, the_set, meeting)


@main.command()
@click.argument("set_name", metavar="SET")
@click.option(
    "--plan",
    "plan",
    metavar="NAME_OR_FILE",
    help="A shipped plan's name (see `altui plans`) or a .toml file.",
)
@click.option(
    "--presenter",
    "presenters",
    multiple=True,
    metavar="NAME",
    help="A presenter, in order; repeat for each. Default: every member who is coming.",
)
@click.option(
    "--apologies",
    "apologies",
    multiple=True,
    metavar="NAME",
    help="A member who sent apologies (not coming, so not presenting); repeat for each.",
)
@click.option(
    "--reopen",
    is_flag=True,
    help="Open SET's latest meeting again where it stopped, after it was ended by mistake.",
)
@click.option("--skip-damaged", is_flag=True, help=SKIP_DAMAGED_HELP)
@data_option
@click.pass_context
def meet(
    ctx: click.Context,
    set_name: str,
    plan: str | None,
    presenters: tuple[str, ...],
    apologies: tuple[str, ...],
    reopen: bool,
    skip_damaged: bool,
) -> None:
    """Start SET's next meeting, or resume its unfinished one."""
    from altui.meetings import next_meeting, start_or_resume
    from altui.plans import find_plan
    from altui.sets import unfinished_meeting

    store, clock = store_from(ctx), SystemClock()
    the_set = store.find_set(set_name)
    if reopen:
        latest = store.latest_meeting(the_set.slug)
        if latest is None:
            raise AltuiError(f"{the_set.name!r} has no meeting to reopen")
        if plan or presenters or apologies or skip_damaged:
            raise AltuiError(
                "--reopen opens the meeting as it was: no --plan, --presenter, --apologies, "
                "--skip-damaged"
            )
        run_console(store, the_set, latest, reopen=latest.status is MeetingStatus.CLOSED)
        return
    if plan:
        find_plan(plan)  # an unknown plan is refused even when a meeting is resumed
    running = unfinished_meeting(store, the_set)
    if running is not None and (plan or presenters or apologies):
        click.echo(
            f"Resuming meeting {running.number}, already under way; "
            "--plan, --presenter and --apologies apply to the next one.",
            err=True,
        )
    if running is None:
        today = clock.now().astimezone().date()
        doubt = next_meeting(store, the_set.slug).date_doubt(today)
        if doubt:
            click.echo(f"altui: warning: {doubt}", err=True)
    meeting = start_or_resume(
        store,
        the_set,
        clock,
        plan=plan,
        presenters=list(presenters),
        apologies=list(apologies),
        skip_damaged=skip_damaged,
    )
    run_console(store, the_set, meeting)


@main.command()
@data_option
@click.pass_context
def check(ctx: click.Context) -> None:
    """Read every file in the data folder and report problems (changes nothing)."""
    from altui.check import check_data

    store = store_from(ctx, read_only=True)
    found = check_data(store)
    click.echo(f"Data folder: {store.root}")
    for line in found.lines:
        click.echo(pictured(line))
    if found.problems:
        where = ", ".join(f"{b}" if b.is_dir() else f"{b} (none made yet)" for b in found.backups)
        whose = "its set's backups folder" if len(found.backups) > 1 else "the set's backups folder"
        fail(
            f"{count(found.problems, 'problem')} found; the files were left as they are. "
            f"To restore a file, quit altui and copy it back from {whose}"
            + (f": {where}" if where else "")
            + " (README: Restore a backup)."
        )


@main.command()
@click.argument("set_name", metavar="SET")
@data_option
@click.pass_context
def display(ctx: click.Context, set_name: str) -> None:
    """Follow SET's meetings read-only, for the projector (run the console elsewhere).

    Shows step, presenter, clock, prompt and items, never private notes; changes nothing.
    Start it once: it waits for a meeting, follows it, shows its end, and waits for the next.
    """
    store = store_from(ctx, read_only=True)
    the_set = store.find_set(set_name)
    latest = store.latest_meeting(the_set.slug)  # read now: a damaged file is refused at once
    run_console(store, the_set, latest, display=True)


@main.command()
@click.argument("set_name", metavar="SET")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; 0.0.0.0 lets other machines connect.",
)
@click.option(
    "--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port."
)
@click.option(
    "--max-viewers",
    type=click.IntRange(min=1),
    default=12,
    show_default=True,
    help="Browsers that may watch at once (each runs a display).",
)
@click.option(
    "--allow-host",
    "allowed",
    metavar="NAME",
    multiple=True,
    help="Another name of this machine browsers may use (repeatable).",
)
@data_option
@click.pass_context
def serve(
    ctx: click.Context,
    set_name: str,
    host: str,
    port: int,
    max_viewers: int,
    allowed: tuple[str, ...],
) -> None:
    """Serve SET's read-only display to web browsers, for members joining remotely.

    Each browser gets its own display (never private notes) following the meeting run in the
    console; only pages this server sent may connect, at its address (with --host 0.0.0.0,
    this machine's names or any of its IP addresses; --allow-host for another name). Needs
    the serve extra: in the altui folder, pip install ".[serve]". Ctrl+C stops.
    """
    from altui.serve import serve_display

    serve_display(store_from(ctx, read_only=True), set_name, host, port, max_viewers, allowed)


@main.group(name="set")
@data_option
def set_group() -> None:
    """Create and manage sets."""


@set_group.command(name="new")
@click.argument("name")
@click.option(
    "--member",
    "members",
    multiple=True,
    metavar="NAME",
    help="A member's name; repeat for each member.",
)
@click.option(
    "--plan",
    default="classic",
    show_default=True,
    metavar="NAME_OR_FILE",
    help="The set's default session plan.",
)
@data_option
@click.pass_context
def set_new(ctx: click.Context, name: str, members: tuple[str, ...], plan: str) -> None:
    """Create a set called NAME."""
    from altui.sets import new_set

    created = new_set(store_from(ctx), name, list(members), plan, SystemClock())
    click.echo(
        f"Created set {created.name!r} with {count(len(created.members), 'member')} "
        f"(plan: {created.plan}). Start its first meeting: altui meet {quoted(created.name)}"
    )


@set_group.command(name="list")
@data_option
@click.pass_context
def set_list(ctx: click.Context) -> None:
    """List every set: how many meetings it has held, whether it is archived, its members."""
    store = store_from(ctx, read_only=True)
    sets, damaged = store.survey()
    for broken in damaged:
        click.echo(f"altui: skipped the damaged set in {broken.slug}/: {broken.error}", err=True)
    if not sets:
        if not damaged:
            click.echo("No sets yet. Create one: altui set new NAME --member NAME")
        return
    names = [pictured(s.name) + (" (archived)" if s.archived else "") for s in sets]
    width = max(len(name) for name in names)
    room = shutil.get_terminal_size().columns - width - len("  9999 meetings  ")
    for the_set, name in zip(sets, names, strict=True):
        held = count(len(store.meeting_numbers(the_set.slug)), "meeting")
        members = [pictured(m.name) for m in the_set.members]
        who = listed(members, max(room, 20)) if members else "no members"
        click.echo(f"{name:<{width}}  {held:<12}  {who}")


@set_group.command(name="rename")
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@data_option
@click.pass_context
def set_rename(ctx: click.Context, old: str, new: str) -> None:
    """Rename the set OLD to NEW (its data folder stays where it is)."""
    from altui.sets import rename_set

    store = store_from(ctx)
    before = store.find_set(old)
    renamed = rename_set(store, before.name, new)
    click.echo(f"Renamed set {before.name!r} to {renamed.name!r}.")


@set_group.command(name="archive")
@click.argument("name")
@data_option
@click.pass_context
def set_archive(ctx: click.Context, name: str) -> None:
    """Archive the set NAME: its meetings are kept and can still be exported."""
    from altui.sets import archive_set

    store = store_from(ctx)
    before = store.find_set(name)
    if before.archived:
        click.echo(f"Set {before.name!r} was already archived.")
        return
    archived = archive_set(store, before.name)
    click.echo(f"Archived set {archived.name!r}; its meetings are kept and can be exported.")


@set_group.command(name="unarchive")
@click.argument("name")
@data_option
@click.pass_context
def set_unarchive(ctx: click.Context, name: str) -> None:
    """Make the archived set NAME current again: it can be changed and hold meetings."""
    from altui.sets import unarchive_set

    store = store_from(ctx)
    before = store.find_set(name)
    if not before.archived:
        click.echo(f"Set {before.name!r} is not archived.")
        return
    current = unarchive_set(store, before.name)
    click.echo(f"Unarchived set {current.name!r}; it can hold meetings again.")


@set_group.command(name="plan")
@click.argument("name")
@click.argument("plan", metavar="PLAN")
@data_option
@click.pass_context
def set_plan(ctx: click.Context, name: str, plan: str) -> None:
    """Make PLAN (a shipped plan's name or a .toml file) the default for NAME's next meetings."""
    from altui.sets import set_default_plan

    changed = set_default_plan(store_from(ctx), name, plan)
    click.echo(f"Set {changed.name!r} now uses plan {changed.plan} for its next meetings.")


@main.group(name="member")
@data_option
def member_group() -> None:
    """Add, rename and remove a set's members."""


@member_group.command(name="add")
@click.argument("set_name", metavar="SET")
@click.argument("name")
@data_option
@click.pass_context
def member_add(ctx: click.Context, set_name: str, name: str) -> None:
    """Add a member called NAME to SET."""
    from altui.sets import add_member

    changed = add_member(store_from(ctx), set_name, name)
    added = changed.members[-1]
    click.echo(
        f"Added {added.name!r} to {changed.name!r} ({count(len(changed.members), 'member')})."
    )


@member_group.command(name="rename")
@click.argument("set_name", metavar="SET")
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@data_option
@click.pass_context
def member_rename(ctx: click.Context, set_name: str, old: str, new: str) -> None:
    """Rename SET's member OLD to NEW (past meetings keep the name they had then)."""
    from altui.sets import member_named, rename_member

    store = store_from(ctx)
    member = member_named(store.find_set(set_name), old)
    changed = rename_member(store, set_name, old, new)
    renamed = next(m for m in changed.members if m.id == member.id)
    click.echo(f"Renamed {member.name!r} to {renamed.name!r} in {changed.name!r}.")


@member_group.command(name="remove")
@click.argument("set_name", metavar="SET")
@click.argument("name")
@click.option(
    "--drop-commitments",
    "leaving",
    flag_value="drop",
    help="Their open commitments are dropped (closed).",
)
@click.option(
    "--keep-commitments",
    "leaving",
    flag_value="keep",
    help="Their open commitments stay open, under their name marked (left).",
)
@data_option
@click.pass_context
def member_remove(ctx: click.Context, set_name: str, name: str, leaving: str | None) -> None:
    """Take the member NAME off SET (past meetings still show them).

    A member with open commitments needs --drop-commitments or --keep-commitments.
    """
    from altui.commitments import LEFT
    from altui.sets import Leaving, OpenCommitments, commitments_of, member_named, remove_member

    store = store_from(ctx)
    still = commitments_of(store, set_name, name)
    gone = member_named(store.find_set(set_name), name)
    try:
        changed = remove_member(
            store, set_name, name, Leaving(leaving) if leaving else None, SystemClock().now()
        )
    except OpenCommitments as exc:
        held = count(len(exc.still), "open commitment")
        fail(
            f"{exc.member.name} has {held}: add --drop-commitments to close them, or "
            f"--keep-commitments to keep them open under {exc.member.name + LEFT!r}"
        )
    who = gone.name
    held = count(len(still), "open commitment")
    what = ""
    if still:
        what = f"; {held} dropped" if leaving == "drop" else f"; {held} kept under {who + LEFT!r}"
    click.echo(
        f"Removed {who!r} from {changed.name!r} "
        f"({count(len(changed.members), 'member')} left; past meetings still show them{what})."
    )


@main.command()
@click.argument("set_name", metavar="SET")
@click.option(
    "--meeting",
    "number",
    type=int,
    metavar="N",
    help="The meeting to export. Default: the latest.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Write the recap to FILE (a new file is private to you) instead of standard output.",
)
@click.option(
    "--include-private",
    is_flag=True,
    help="Include the facilitator's private notes (never for sharing).",
)
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@click.option(
    "--ics",
    is_flag=True,
    help="Instead of a recap, the next meeting as an iCalendar event (.ics) for calendars.",
)
@data_option
@click.pass_context
def export(
    ctx: click.Context,
    set_name: str,
    number: int | None,
    output: Path | None,
    include_private: bool,
    force: bool,
    ics: bool,
) -> None:
    """Export a meeting of SET as a Markdown recap (read only: works while it is running).

    With --ics, the next meeting instead, as a calendar event on the date saved for it, at the
    time of day the last meeting started; exporting again updates the same event.

    An existing FILE is replaced only with --force (keeping its mode); a link is written
    through; a device or FIFO is written in place; "-" is standard output.
    """
    from altui.exporting import ics_text, recap_text

    store = store_from(ctx, read_only=True)
    the_set = store.find_set(set_name)
    if ics:
        if number is not None or include_private:
            raise AltuiError(
                "--ics writes the next meeting: it takes no --meeting or --include-private"
            )
        _emit(ics_text(store, the_set, SystemClock().now()).decode("utf-8"), output, force)
        return
    numbers = store.meeting_numbers(the_set.slug)
    if not numbers:
        raise AltuiError(
            f"{the_set.name!r} has held no meetings yet, so there is nothing to export"
        )
    if number is None:
        number = numbers[-1]
    elif number not in numbers:
        held = ", ".join(str(n) for n in numbers)
        raise AltuiError(f"{the_set.name!r} has no meeting {number} (meetings: {held})")
    meeting = store.meeting(the_set.slug, number)
    _emit(recap_text(store, the_set, meeting, include_private=include_private), output, force)


def _emit(text: str, output: Path | None, force: bool) -> None:
    """An export to standard output (no FILE, or "-"), else to FILE (see ``export_to``)."""
    from altui.exporting import STDOUT, export_to

    if output is None or str(output) == STDOUT:
        click.echo(text, nl=False)
    elif export_to(output, text.encode("utf-8"), force):
        click.echo(f"Wrote {output}")


@main.group(invoke_without_command=True)
@data_option
@click.pass_context
def plans(ctx: click.Context) -> None:
    """List the shipped session plans and their length."""
    if ctx.invoked_subcommand is not None:
        return
    from altui.plans import builtin_plans, load_plan_file

    for name, path in builtin_plans().items():
        plan = load_plan_file(path)
        n = plan.typical_presenters
        click.echo(
            f"{name:<10} {_hours(plan.total_minutes(n))} with {n} presenters "
            f"({plan.fixed_minutes():g} min + {plan.slot_minutes():g} per presenter)  "
            f"{plan.description}"
        )


def _hours(minutes: float) -> str:
    whole = whole_minutes(minutes * 60)
    return f"{whole // 60}h{whole % 60:02d}"


@plans.command(name="check")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@data_option
def plans_check(file: Path) -> None:
    """Validate a plan FILE and show its steps."""
    from altui.plans import load_plan_file

    plan = load_plan_file(file)
    click.echo(
        f"{file}: a valid plan, {plan.name!r}, {len(plan.steps)} steps, "
        f"{_hours(plan.total_minutes(plan.typical_presenters))} with "
        f"{plan.typical_presenters} presenters"
    )
    for step in plan.steps:
        where = " (each presenter)" if step.per_presenter else ""
        where = " (between presenters)" if step.between_presenters else where
        click.echo(f"  {step.minutes:>5g} min  {pictured(step.name)}{where}  [{step.kind.value}]")
