"""The ``altui`` command line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from platformdirs import user_data_dir

from altui import __version__
from altui.clock import SystemClock
from altui.errors import AltuiError
from altui.models import Meeting, Set
from altui.store import Store

F = TypeVar("F", bound=Callable[..., Any])

USAGE_ERROR = 2


def data_folder(given: Path | None) -> Path:
    """``--data``, else ``ALTUI_DATA`` (click reads it), else the user's data folder."""
    return given if given is not None else Path(user_data_dir("altui", appauthor=False))


def _remember_data(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
    if value is not None:
        ctx.find_root().ensure_object(dict)["data"] = value


def data_option(command: F) -> F:
    """``--data DIR`` on every command (it may come before or after the command's name)."""
    return click.option(
        "--data",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="ALTUI_DATA",
        expose_value=False,
        is_eager=True,
        callback=_remember_data,
        help="Data folder (default: $ALTUI_DATA, else the user data folder).",
    )(command)


def store_from(ctx: click.Context) -> Store:
    """The store for the data folder chosen on the command line."""
    root = ctx.find_root().ensure_object(dict)
    return Store(data_folder(root.get("data")))


def fail(message: str) -> None:
    """Print one line to stderr and exit with status 2."""
    click.echo(f"altui: {message}", err=True)
    raise SystemExit(USAGE_ERROR)


def run_console(store: Store, the_set: Set | None, meeting: Meeting | None) -> None:
    """Run the Textual app (imported here so plain commands start fast).

    The meeting's writer lock is taken first, so a second console is refused in one line.
    """
    from altui.app import make_app
    from altui.guard import start_log

    for warning in store.privacy_warnings():
        click.echo(f"altui: warning: {warning}", err=True)
    lock = store.meeting_lock(meeting) if meeting is not None else None
    if lock is not None:
        lock.acquire()
    start_log(store.root)
    app = make_app(store, SystemClock(), the_set, meeting, lock)
    try:
        app.run()
    finally:
        app.release_lock()


class AltuiGroup(click.Group):
    """A group whose AltuiErrors become one line on stderr and exit status 2."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command, turning user-fixable problems into one clear line."""
        try:
            return super().invoke(ctx)
        except AltuiError as exc:
            fail(str(exc))
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
        store.sets()  # a damaged data folder is reported here, in one line, before the screen opens
        run_console(store, None, None)


@main.command()
@data_option
@click.pass_context
def demo(ctx: click.Context) -> None:
    """Open meeting 2 of a demo set (created once; other sets are never touched)."""
    from altui.demo import DEMO_PRESENTERS, ensure_demo
    from altui.planning import start_or_resume

    store, clock = store_from(ctx), SystemClock()
    the_set = ensure_demo(store, clock)
    meeting = start_or_resume(store, the_set, clock, presenters=DEMO_PRESENTERS)
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
    help="A presenter, in order; repeat for each. Default: every member.",
)
@data_option
@click.pass_context
def meet(ctx: click.Context, set_name: str, plan: str | None, presenters: tuple[str, ...]) -> None:
    """Start SET's next meeting, or resume its unfinished one."""
    from altui.planning import start_or_resume, unfinished_meeting

    store, clock = store_from(ctx), SystemClock()
    the_set = store.find_set(set_name)
    running = unfinished_meeting(store, the_set)
    if running is not None and (plan or presenters):
        click.echo(
            f"Resuming meeting {running.number}, already under way; "
            "--plan and --presenter apply to the next one.",
            err=True,
        )
    meeting = start_or_resume(store, the_set, clock, plan=plan, presenters=list(presenters))
    run_console(store, the_set, meeting)


@main.command()
@data_option
@click.pass_context
def check(ctx: click.Context) -> None:
    """Read every file in the data folder and report problems (changes nothing)."""
    from altui.check import check_data

    store = store_from(ctx)
    found = check_data(store)
    click.echo(f"Data folder: {store.root}")
    for line in found.lines:
        click.echo(line)
    if found.problems:
        fail(f"{found.problems} problem(s) found; the files were left as they are")


@main.group(name="set")
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
    from altui.planning import new_set

    created = new_set(store_from(ctx), name, list(members), plan, SystemClock())
    click.echo(
        f"Created set {created.name!r} with {len(created.members)} members "
        f"(plan: {created.plan}). Start its first meeting: altui meet {_quoted(created.name)}"
    )


def _quoted(text: str) -> str:
    return text if text.replace("-", "").replace("_", "").isalnum() else repr(text)


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
    whole = round(minutes)
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
        click.echo(f"  {step.minutes:>5g} min  {step.name}{where}  [{step.kind.value}]")
