"""Page furniture is removed line by line; article prose never is."""

from __future__ import annotations

import pytest

from tacitus import Cleaner, RawDocument
from tacitus.ingest.boilerplate import load_rules, repeated_short_lines

RULES = load_rules()


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Close", "ui"),
        ("Share this article", "ui"),
        ("Share | Facebook | Twitter | Email", "ui"),
        ("Subscribe to our newsletter", "ui"),
        (
            "Please enter your username or email address. You will receive a link to create a "
            "new password via email.",
            "ui",
        ),
        ("Advertisement", "ui"),
        ("© 2025 Example Media Ltd. All rights reserved.", "ui"),
        ("Read more: Why the summit matters", "ui"),
        ("5 min read", "ui"),
        ("Related stories", "ui"),
        ("Photo: Xi Jinping and Vladimir Putin in Moscow. (Sputnik/Pool)", "caption"),
        ("(Photo by Alexander Nemenov/AFP via Getty Images)", "caption"),
        ("Home > World > Europe", "navigation"),
        ("News | Politics | Business | Opinion | Video", "navigation"),
    ],
)
def test_furniture(line: str, kind: str) -> None:
    assert RULES.classify(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "Political Signalling and Strategic Symmetry",
        "Xi decided to continue with his visit even after having Ukrainian drone attacks in Moscow.",
        "The ministers will meet again in Geneva next month, the spokesperson said.",
        # Long prose that mentions a photo agency or uses slashes is still prose.
        "A photo released by Getty Images showed the leaders shaking hands in the Kremlin hall.",
        "The deal covers oil/gas/grain exports and was signed by both foreign ministers in Ankara.",
        "Share prices in Moscow rose after the announcement of the talks.",
        "Close allies of the president said the talks would resume within weeks.",
    ],
)
def test_prose_is_kept(line: str) -> None:
    assert RULES.classify(line) is None


def test_repeated_short_lines_only() -> None:
    lines = ["NIICE", "A long sentence that ends here.", "NIICE", "Heading", "Fine."] * 1
    assert repeated_short_lines([*lines, "Fine."]) == {"niice"}


def test_clean_removes_furniture_but_keeps_headings_and_prose() -> None:
    text = "\n".join(
        [
            "Home > World > Asia",
            "Ministers Meet in Jakarta",
            "By Jane Doe",
            "Updated on: March 3, 2025 at 9:00 am",
            "",
            "JAKARTA (Reuters) - Foreign ministers of ASEAN met on Monday to discuss the crisis.",
            "Photo: The ministers pose for a picture. (Reuters)",
            "Regional Stakes",
            "The meeting ended with a joint statement calling for restraint by all parties.",
            "Share this article",
            "Example Times",
            "Example Times",
        ]
    )
    doc = Cleaner.default().clean(RawDocument("a.txt", "a.txt", text.encode()))
    assert doc.text.splitlines() == [
        "Ministers Meet in Jakarta",
        "",
        "JAKARTA (Reuters) - Foreign ministers of ASEAN met on Monday to discuss the crisis.",
        "Regional Stakes",
        "The meeting ended with a joint statement calling for restraint by all parties.",
    ]
    assert doc.title == "Ministers Meet in Jakarta"
    assert doc.author == "Jane Doe"
    assert doc.agency == "Reuters"
    assert str(doc.published) == "2025-03-03"
    assert sorted({r.reason for r in doc.removed}) == [
        "byline",
        "caption",
        "date line",
        "navigation",
        "repeated line",
        "ui",
    ]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Also read: China, Russia sign energy deals", "ui"),
        ("Follow us on Google News", "ui"),
        ("Tags: China, Russia, Diplomacy", "ui"),
        ("(Reporting by Guy Faulconbridge; Editing by Mark Trevelyan)", "credit"),
        (
            "(This story has not been edited by our staff and is auto-generated from a "
            "syndicated feed.)",
            "credit",
        ),
        ("Disclaimer: The views expressed are the author's own.", "credit"),
    ],
)
def test_links_and_credits(line: str, kind: str) -> None:
    assert RULES.classify(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "Watchers of Russian politics said the visit was carefully choreographed by the Kremlin.",
        "Related talks between the two delegations continued on Friday in Geneva, officials said.",
    ],
)
def test_prose_starting_like_a_link_is_kept(line: str) -> None:
    assert RULES.classify(line) is None


def test_related_stories_block_is_removed_up_to_the_blank_line() -> None:
    text = "\n".join(
        [
            "Ministers met in Oslo on Monday and agreed to meet again in June, officials said.",
            "",
            "Related stories",
            "China and Russia mark 75 years of ties",
            "What the parade says about Moscow's allies",
            "",
            "The talks will resume in June, the Norwegian foreign ministry said in a statement.",
        ]
    )
    doc = Cleaner.default().clean(RawDocument("r.txt", "r.txt", text.encode()))
    assert "75 years" not in doc.text
    assert "parade" not in doc.text
    assert doc.text.endswith("said in a statement.")
    assert [r.reason for r in doc.removed] == ["links", "links", "links"]


def test_repeated_site_name_becomes_the_outlet() -> None:
    text = "Talks held in Oslo ended on Monday with a statement, officials said.\nThe Eurasia Ledger\nThe Eurasia Ledger\n"
    doc = Cleaner.default().clean(RawDocument("s.txt", "s.txt", text.encode()))
    assert doc.outlet == "The Eurasia Ledger"
