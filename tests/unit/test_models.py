"""Pure tests of the vocabulary: typed lines, names, slugs and member lookup."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from altui.models import NAME_MAX, ItemKind, Member, Set, clean_name, parse_entry, slugify


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("?who else knows", ItemKind.QUESTION),
        ("!call the supplier", ItemKind.ACTION),
        ("*listening works", ItemKind.LEARNING),
        ("#only for me", ItemKind.PRIVATE),
    ],
)
def test_prefix_sets_kind_and_is_stripped(typed, kind):
    got_kind, text = parse_entry(typed, ItemKind.NOTE)
    assert got_kind is kind
    assert text == typed[1:]


def test_prefix_strips_following_spaces_and_leading_spaces():
    assert parse_entry("  ?   who else knows  ", ItemKind.NOTE) == (
        ItemKind.QUESTION,
        "who else knows",
    )


def test_no_prefix_uses_the_default_kind():
    assert parse_entry("  plain words ", ItemKind.LEARNING) == (ItemKind.LEARNING, "plain words")
    assert parse_entry("what? really!", ItemKind.NOTE) == (ItemKind.NOTE, "what? really!")


def test_only_the_first_prefix_counts():
    assert parse_entry("?!both", ItemKind.NOTE) == (ItemKind.QUESTION, "!both")


@pytest.mark.parametrize("typed", ["", "   ", "\t\n"])
def test_empty_or_whitespace_gives_empty_text_and_default_kind(typed):
    assert parse_entry(typed, ItemKind.ISSUE) == (ItemKind.ISSUE, "")


def test_prefix_alone_gives_empty_text():
    assert parse_entry(" ! ", ItemKind.NOTE) == (ItemKind.ACTION, "")


def test_clean_name_trims():
    assert clean_name("  Ana Silva \t") == "Ana Silva"


@pytest.mark.parametrize("value", ["", "   ", "\n\t"])
def test_clean_name_refuses_empty(value):
    with pytest.raises(ValueError, match="empty"):
        clean_name(value)


@pytest.mark.parametrize("value", ["Ana\x1b[31m", "A\x00B", "tab\tinside", "del\x7f"])
def test_clean_name_refuses_control_characters(value):
    with pytest.raises(ValueError, match="control"):
        clean_name(value)


def test_clean_name_length_limit():
    assert clean_name("x" * NAME_MAX) == "x" * NAME_MAX
    assert clean_name(" " + "y" * NAME_MAX + " ") == "y" * NAME_MAX
    with pytest.raises(ValueError, match=str(NAME_MAX)):
        clean_name("x" * (NAME_MAX + 1))


def test_member_name_is_cleaned_by_the_model():
    assert Member(name="  Dev Patel ").name == "Dev Patel"
    with pytest.raises(ValueError):
        Member(name="   ")


def test_slugify_punctuation_and_case():
    assert slugify("Team Tiger") == "team-tiger"
    assert slugify("  R&D -- Leaders!! 2026 ") == "r-d-leaders-2026"
    assert slugify("a/b\\c..d") == "a-b-c-d"


def test_slugify_keeps_accented_letters_as_plain_ascii():
    assert slugify("Chloé Martin") == "chloe-martin"
    assert slugify("Équipe Café") == "equipe-cafe"


def test_slugify_is_always_ascii_and_folder_safe():
    for name in ["Chloé Martin", "日本チーム", "../../etc", "Ομάδα Α"]:
        slug = slugify(name)
        assert slug.isascii()
        assert "/" not in slug and "." not in slug
        assert slug == slug.strip("-")
        assert slug


@pytest.mark.parametrize("name", ["", "   ", "!!!", "日本"])
def test_slugify_empty_result_becomes_set(name):
    assert slugify(name) == "set"


def test_slugify_is_cut_to_forty_without_trailing_dash():
    slug = slugify("word " * 20)
    assert len(slug) <= 40
    assert not slug.endswith("-")
    assert slug.startswith("word-word")


def _a_set(*names):
    return Set(
        name="Team Tiger",
        slug="team-tiger",
        members=[Member(name=n) for n in names],
        created=datetime(2026, 1, 1, tzinfo=UTC),
    )


def test_set_member_lookup_is_case_insensitive():
    the_set = _a_set("Ana Silva", "Ben Okafor", "Chloé Martin")
    found = the_set.member("  aNA sILVA ")
    assert found is not None
    assert found is the_set.members[0]
    chloe = the_set.member("CHLOÉ MARTIN")
    assert chloe is not None and chloe.name == "Chloé Martin"


def test_set_member_unknown_is_none():
    assert _a_set("Ana Silva").member("Ana") is None
    assert _a_set().member("Ana Silva") is None
