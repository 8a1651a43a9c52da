"""Set administration: making a set, renaming, archiving, its plan and its members."""

from __future__ import annotations

import pytest

from altui.commitments import open_commitments, under_review
from altui.errors import AltuiError
from altui.live import LiveMeeting
from altui.meetings import start_or_resume
from altui.models import NAME_MAX
from altui.plans import builtin_plans
from altui.recap import render_recap
from altui.sets import (
    Leaving,
    OpenCommitments,
    add_member,
    archive_set,
    commitments_of,
    member_named,
    new_set,
    remove_member,
    rename_member,
    rename_set,
    set_default_plan,
    unarchive_set,
)
from altui.store import Store
from tests.builders import close, commit, files, follow_through, hold


def test_new_set_stores_members_in_order(store, clock):
    made = new_set(store, "  Owls ", [" Zed ", "amy"], "quick", clock)
    assert made.name == "Owls"
    assert made.slug == "owls"
    assert [m.name for m in made.members] == ["Zed", "amy"]
    assert made.plan == "quick"
    assert made.created == clock.now()
    assert store.find_set("owls") == made


def test_new_set_refuses_duplicate_members_case_insensitively(store, clock):
    with pytest.raises(AltuiError, match="named twice"):
        new_set(store, "Owls", ["Ana Silva", "Ben", "  ANA silva"], "classic", clock)
    assert store.sets() == []


@pytest.mark.parametrize("name", ["", "   "])
def test_new_set_refuses_an_empty_name(store, clock, name):
    with pytest.raises(AltuiError, match="empty"):
        new_set(store, name, ["Ana"], "classic", clock)
    assert store.sets() == []


def test_new_set_refuses_an_empty_member_name_and_says_it_is_a_member(store, clock):
    with pytest.raises(AltuiError) as caught:
        new_set(store, "Owls", ["Ana", " "], "classic", clock)
    message = str(caught.value)
    assert "empty" in message
    # the set's name is fine: the message must point at the member, not at "name"
    assert "member" in message.lower()
    assert store.sets() == []


def test_new_set_refuses_an_unknown_plan(store, clock):
    with pytest.raises(AltuiError, match="no plan called 'nope'"):
        new_set(store, "Owls", ["Ana"], "nope", clock)
    assert store.sets() == []


def test_new_set_refuses_a_taken_name(store, the_set, clock):
    with pytest.raises(AltuiError, match="already exists"):
        new_set(store, "team tiger", ["Ana"], "classic", clock)


@pytest.fixture
def owls(store, clock):
    return new_set(store, "Owls", ["Ana", "Ben", "Chloé"], "classic", clock)


def refused(store, call, *words):
    """Run ``call``; it must raise a one-line AltuiError containing ``words`` and write nothing."""
    before = files(store.root)
    with pytest.raises(AltuiError) as caught:
        call()
    message = str(caught.value)
    assert "\n" not in message and "\r" not in message
    for word in words:
        assert word in message
    assert files(store.root) == before
    return message


BAD_NAMES = [
    ("", "empty"),
    ("   ", "empty"),
    ("Ana\nSilva", "control characters"),
    ("Tab\there", "control characters"),
    ("Esc\x1b[31m", "control characters"),
    ("Del\x7f", "control characters"),
    ("x" * (NAME_MAX + 1), f"at most {NAME_MAX}"),
]


# rename_set ---------------------------------------------------------------------------------


def test_rename_set_keeps_its_folder_and_meetings(store, owls, clock):
    start_or_resume(store, owls, clock)
    paths = set(files(store.root))
    renamed = rename_set(store, "owls", "  Night Owls ")
    assert renamed.name == "Night Owls"
    assert renamed.slug == "owls"
    assert set(files(store.root)) == paths
    assert store.find_set("night owls") == renamed
    assert store.find_set("owls") == renamed  # the folder name still finds it
    assert store.meeting_numbers("owls") == [1]
    assert [s.name for s in store.sets()] == ["Night Owls"]
    assert [m.name for m in renamed.members] == ["Ana", "Ben", "Chloé"]


def test_rename_set_to_a_different_case_of_its_own_name(store, owls):
    assert rename_set(store, "Owls", "OWLS").name == "OWLS"
    assert store.find_set("owls").name == "OWLS"


def test_rename_set_refuses_another_sets_name_in_any_case(store, owls, clock):
    new_set(store, "Lions", ["Zed"], "classic", clock)
    message = refused(
        store, lambda: rename_set(store, "Owls", " lions "), "'Lions'", "already exists"
    )
    assert message == "a set called 'Lions' already exists"


@pytest.mark.parametrize(("name", "why"), BAD_NAMES)
def test_rename_set_refuses_a_bad_name(store, owls, name, why):
    refused(store, lambda: rename_set(store, "Owls", name), "set name", why)


def test_rename_set_keeps_a_name_of_the_longest_length(store, owls):
    long_name = "L" * NAME_MAX
    assert rename_set(store, "Owls", long_name).name == long_name
    assert Store(store.root).find_set(long_name).name == long_name


def test_rename_an_unknown_set(store, owls):
    refused(store, lambda: rename_set(store, "Lions", "Tigers"), "'Lions'", "'Owls'")


# archive_set --------------------------------------------------------------------------------


def test_archive_set_keeps_it_readable(store, owls, clock):
    meeting = start_or_resume(store, owls, clock)
    archived = archive_set(store, "owls")
    assert archived.archived is True
    assert [s.name for s in store.sets()] == ["Owls"]
    assert store.sets()[0].archived is True
    assert store.find_set("Owls").archived is True
    assert store.meeting("owls", 1) == meeting
    assert archive_set(store, "owls").archived is True  # twice is harmless


def test_a_new_set_is_not_archived(owls):
    assert owls.archived is False


def test_archive_an_unknown_set(store, owls):
    refused(store, lambda: archive_set(store, "Lions"), "no set called 'Lions'")


def test_an_archived_name_is_still_taken(store, owls, clock):
    archive_set(store, "Owls")
    with pytest.raises(AltuiError, match="already exists"):
        new_set(store, "owls", [], "classic", clock)
    new_set(store, "Lions", [], "classic", clock)
    refused(store, lambda: rename_set(store, "Lions", "OWLS"), "already exists")


# set_default_plan ---------------------------------------------------------------------------


def test_set_default_plan_to_a_shipped_plan(store, owls, clock):
    assert set_default_plan(store, "Owls", "quick").plan == "quick"
    assert store.find_set("Owls").plan == "quick"
    assert start_or_resume(store, store.find_set("Owls"), clock).plan == "quick"


def test_set_default_plan_to_a_plan_file(store, owls, tmp_path):
    path = tmp_path / "mine.toml"
    path.write_bytes(builtin_plans()["quick"].read_bytes())
    assert set_default_plan(store, "Owls", str(path)).plan == str(path.resolve())


def test_set_default_plan_refuses_an_unknown_plan(store, owls):
    refused(store, lambda: set_default_plan(store, "Owls", "nope"), "'nope'", "classic")


def test_set_default_plan_refuses_a_bad_plan_file(store, owls, tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('name = "Bad"\n[[steps]]\nname = "A"\nminutes = 0\n')
    refused(store, lambda: set_default_plan(store, "Owls", str(path)), str(path))
    assert store.find_set("Owls").plan == "classic"


# add_member ---------------------------------------------------------------------------------


def test_add_member_puts_them_last(store, owls):
    changed = add_member(store, "owls", "  Dev Patel ")
    assert [m.name for m in changed.members] == ["Ana", "Ben", "Chloé", "Dev Patel"]
    assert store.find_set("Owls") == changed
    assert len({m.id for m in changed.members}) == 4


def test_add_member_refuses_a_name_already_in_the_set(store, owls):
    message = refused(store, lambda: add_member(store, "Owls", " ana "))
    assert message == "a member called 'Ana' is already in 'Owls'"


def test_the_same_member_name_in_two_sets_is_fine(store, owls, clock):
    new_set(store, "Lions", ["Zed"], "classic", clock)
    assert [m.name for m in add_member(store, "Lions", "Ana").members] == ["Zed", "Ana"]


@pytest.mark.parametrize(("name", "why"), BAD_NAMES)
def test_add_member_refuses_a_bad_name(store, owls, name, why):
    message = refused(store, lambda: add_member(store, "Owls", name), "member name", why)
    assert len(message) < 200  # a huge name is not echoed back whole


def test_add_member_keeps_a_name_of_the_longest_length(store, owls):
    long_name = "M" * NAME_MAX
    add_member(store, "Owls", long_name)
    assert Store(store.root).find_set("Owls").member(long_name).name == long_name


def test_add_member_to_an_unknown_set(store, owls):
    refused(store, lambda: add_member(store, "Lions", "Zed"), "'Lions'")


# rename_member ------------------------------------------------------------------------------


def test_rename_member_keeps_their_id_and_place(store, owls):
    ben = owls.member("Ben")
    changed = rename_member(store, "Owls", "ben", " Ben Okafor ")
    assert [m.name for m in changed.members] == ["Ana", "Ben Okafor", "Chloé"]
    assert changed.member("Ben Okafor").id == ben.id
    assert changed.member("Ben") is None
    assert store.find_set("Owls") == changed


def test_rename_member_to_a_different_case_of_their_own_name(store, owls):
    changed = rename_member(store, "Owls", "Ana", "ANA")
    assert [m.name for m in changed.members] == ["ANA", "Ben", "Chloé"]


def test_rename_member_refuses_another_members_name(store, owls):
    message = refused(store, lambda: rename_member(store, "Owls", "Ana", "ben"))
    assert message == "a member called 'Ben' is already in 'Owls'"


def test_rename_an_unknown_member(store, owls):
    refused(
        store,
        lambda: rename_member(store, "Owls", "Zed", "Zoe"),
        "'Zed' is not a member of 'Owls'",
        "Ana, Ben, Chloé",
    )


@pytest.mark.parametrize(("name", "why"), BAD_NAMES)
def test_rename_member_refuses_a_bad_name(store, owls, name, why):
    refused(store, lambda: rename_member(store, "Owls", "Ana", name), "member name", why)


def test_a_renamed_member_keeps_the_old_name_in_past_meetings(store, owls, clock):
    first = start_or_resume(store, owls, clock, presenters=["Ana"])
    rename_member(store, "Owls", "Ana", "Ana Silva")
    assert [m.name for m in store.meeting("owls", first.number).presenters] == ["Ana"]


# remove_member ------------------------------------------------------------------------------


def test_remove_member(store, owls):
    changed = remove_member(store, "owls", "BEN")
    assert [m.name for m in changed.members] == ["Ana", "Chloé"]
    assert store.find_set("Owls") == changed


def test_remove_an_unknown_member(store, owls):
    refused(store, lambda: remove_member(store, "Owls", "Zed"), "'Zed'", "not a member")


def test_a_member_in_the_meeting_in_progress_is_removed_only_after_it(store, owls, clock):
    """Presenting or attending the meeting in progress: refused in one line, whatever becomes
    of their commitments; a member who sent apologies may go; after the meeting, anyone."""
    meeting = start_or_resume(store, owls, clock, presenters=["Ana"], apologies=["Chloé"])
    for name in ("Ana", "Ben"):
        for leaving in (None, Leaving.KEEP, Leaving.DROP):
            refused(
                store,
                lambda name=name, leaving=leaving: remove_member(store, "Owls", name, leaving),
                f"{name} is in meeting 1, which is in progress: remove them after it ends",
            )
    remove_member(store, "Owls", "Chloé")
    close(store, clock, meeting)
    assert [m.name for m in remove_member(store, "Owls", "Ana").members] == ["Ben"]


def test_remove_the_last_member_leaves_an_empty_set(store, owls):
    for name in ("Ana", "Ben", "Chloé"):
        remove_member(store, "Owls", name)
    assert store.find_set("Owls").members == []


def test_a_removed_member_stays_in_past_meetings(store, owls, clock):
    first, _ = hold(
        store, owls, clock, [commit("Ben", "Talk to the regional lead")], presenters=["Ana", "Ben"]
    )
    close(store, clock, first)

    remove_member(store, "Owls", "Ben", Leaving.KEEP)

    old = store.meeting("owls", 1)
    assert [m.name for m in old.presenters] == ["Ana", "Ben"]
    assert "Ben" in {s.presenter for s in old.steps}
    recap = render_recap(store.find_set("Owls"), old, store.items(old), [])
    assert "## Ben" in recap
    assert "| Ben | Talk to the regional lead | the next meeting |" in recap
    second = start_or_resume(store, store.find_set("Owls"), clock)
    assert [m.name for m in second.presenters] == ["Ana", "Chloé"]
    (commitment,) = open_commitments(store, "owls", second.number)
    assert commitment.owner == "Ben"


def test_a_removed_member_can_be_added_back_as_someone_new(store, owls):
    ben = owls.member("Ben")
    remove_member(store, "Owls", "Ben")
    again = add_member(store, "Owls", "Ben").member("Ben")
    assert again.id != ben.id


def test_a_new_set_may_take_a_renamed_sets_old_name(store, owls, clock):
    rename_set(store, "Owls", "Night Owls")
    again = new_set(store, "Owls", ["Zed"], "classic", clock)
    assert again.slug == "owls-2"
    # the name wins over the renamed set's folder name ("owls")
    assert add_member(store, "Owls", "Yan").slug == "owls-2"
    assert [m.name for m in store.find_set("owls").members] == ["Zed", "Yan"]
    assert [m.name for m in store.find_set("Night Owls").members] == ["Ana", "Ben", "Chloé"]
    assert store.find_set("owls-2") == store.find_set("OWLS")


# leaving with open commitments --------------------------------------------------------------


@pytest.fixture
def ben_committed(store, owls, clock):
    """Meeting 1 held and closed: Ben committed to two actions, Ana to one."""
    actions = [("Ben", "Talk to the lead"), ("Ben", "Write it up"), ("Ana", "Ask HR")]
    first, _ = hold(store, owls, clock, [commit(*a) for a in actions], presenters=["Ana", "Ben"])
    LiveMeeting(store, first, clock).close(None)  # as the console ends it: the index is written
    return owls


def test_leaving_with_open_commitments_needs_a_decision(store, ben_committed):
    refused(store, lambda: remove_member(store, "Owls", "Ben"), "2 open commitments")
    with pytest.raises(OpenCommitments) as caught:
        remove_member(store, "Owls", "Ben")
    assert str(caught.value) == (
        "Ben has 2 open commitments: say whether they are dropped or kept "
        "(they come back under 'Ben (left)')"
    )
    assert [c.action.text for c in commitments_of(store, "Owls", "Ben")] == [
        "Talk to the lead",
        "Write it up",
    ]


def test_dropped_commitments_close_when_the_member_leaves(store, ben_committed, clock):
    changed = remove_member(store, "Owls", "Ben", Leaving.DROP, clock.now())
    (left,) = changed.departures
    assert (left.member.name, left.before, len(left.dropped)) == ("Ben", 2, 2)
    assert [c.action.text for c in open_commitments(store, "owls", 2)] == ["Ask HR"]
    people = {p.name: p for p in follow_through(store, "owls")}
    assert (people["Ben"].open, people["Ben"].reviewed) == (0, 0)  # closed, not an outcome
    assert open_commitments(store, "owls", 1) == []  # meeting 1 itself is not rewritten


def test_kept_commitments_come_back_under_the_name_marked_left(store, ben_committed, clock):
    remove_member(store, "Owls", "Ben", Leaving.KEEP, clock.now())
    second = start_or_resume(store, store.find_set("Owls"), clock)
    assert [(c.owner, c.action.text) for c in under_review(store, second)] == [
        ("Ana", "Ask HR"),
        ("Ben (left)", "Talk to the lead"),
        ("Ben (left)", "Write it up"),
    ]
    assert {p.name: p.open for p in follow_through(store, "owls")}["Ben"] == 2


def test_a_member_without_open_commitments_just_leaves(store, ben_committed, clock):
    changed = remove_member(store, "Owls", "Chloé")
    assert [d.member.name for d in changed.departures] == ["Chloé"]
    assert changed.departures[0].dropped == []


# archived sets -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        lambda store: rename_set(store, "Owls", "Larks"),
        lambda store: set_default_plan(store, "Owls", "quick"),
        lambda store: add_member(store, "Owls", "Dev"),
        lambda store: rename_member(store, "Owls", "Ana", "Anna"),
        lambda store: remove_member(store, "Owls", "Ana"),
    ],
)
def test_an_archived_set_refuses_changes(store, owls, change):
    archive_set(store, "Owls")
    refused(store, lambda: change(store), "'Owls' is archived", "altui set unarchive Owls")


def test_an_archived_set_refuses_meetings_until_unarchived(store, owls, clock):
    archive_set(store, "Owls")
    refused(store, lambda: start_or_resume(store, store.find_set("Owls"), clock), "archived")
    again = unarchive_set(store, "Owls")
    assert again.archived is False
    assert start_or_resume(store, again, clock).number == 1
    assert add_member(store, "Owls", "Dev").member("Dev") is not None


def test_a_set_whose_meeting_is_open_cannot_be_archived(store, owls, clock):
    meeting = start_or_resume(store, owls, clock)
    lock = store.meeting_lock(meeting)
    lock.acquire()
    try:
        refused(store, lambda: archive_set(store, "Owls"), "meeting 1 of 'Owls' is open")
    finally:
        lock.release()
    assert archive_set(store, "Owls").archived is True  # not held: it may be archived


def test_a_set_without_members_cannot_start_a_meeting(store, clock):
    empty = new_set(store, "Empty", [], "classic", clock)
    refused(
        store,
        lambda: start_or_resume(store, empty, clock),
        "'Empty' has no members yet",
        "altui member add Empty NAME",
    )


# naming a member on the command line ---------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Chloé Martin", "Chloé Martin"),
        ("chloé", "Chloé Martin"),
        ("CHLOE\u0301", "Chloé Martin"),  # the accent typed as a combining mark
        ("  Ben ", "Ben"),
        ("Ana", "Ana"),  # a whole name beats a first name another member has
    ],
)
def test_a_member_is_named_by_whole_name_or_a_first_name_only_they_have(store, clock, typed, meant):
    the_set = new_set(store, "Owls", ["Ana", "Ana Silva", "Ben", "Chloé Martin"], "classic", clock)
    assert member_named(the_set, typed).name == meant


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("ana", "'ana' could be 'Ana Silva' or 'Ana Okafor' in 'Owls': give the whole name"),
        (
            "Martin",
            "'Martin' is not a member of 'Owls' (members: Ana Silva, Ana Okafor, Chloé Martin)",
        ),
        ("Chl", "'Chl' is not a member of 'Owls'"),
    ],
)
def test_a_name_meaning_nobody_or_several_is_refused_in_one_line(store, clock, typed, said):
    the_set = new_set(store, "Owls", ["Ana Silva", "Ana Okafor", "Chloé Martin"], "classic", clock)
    with pytest.raises(AltuiError) as refused:
        member_named(the_set, typed)
    assert str(refused.value).startswith(said)
