"""SPEC §3 and §10: only the author's own text names participants. Quoted replies, forwarded
parts, signatures, disclaimers and "Skickat från min iPhone" are kept apart, and a forward's
headers and its own author's text are read out. The bodies are in split_samples.py, shared
with benchmarks/split_compare.py, which measures quotequail and mail-parser-reply on them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from split_samples import SAMPLES, Sample

from mailbot.reading.html import rendered
from mailbot.reading.split import Split, split


def split_sample(sample: Sample) -> Split:
    if sample.html is not None:
        page = rendered(sample.html)
        return split(
            page.lines,
            quote_start=page.quote_start,
            subject=sample.subject,
            sender_name=sample.sender,
            sender_address=sample.address,
        )
    return split(
        sample.text.split("\n"),
        subject=sample.subject,
        sender_name=sample.sender,
        sender_address=sample.address,
    )


def non_blank(lines: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(line for line in lines if line)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda sample: sample.name)
def test_the_authors_own_text_is_what_a_reader_would_call_theirs(sample: Sample) -> None:
    assert non_blank(split_sample(sample).author) == sample.author


@pytest.mark.parametrize("sample", [s for s in SAMPLES if s.forward_from], ids=lambda s: s.name)
def test_a_forward_gives_its_headers_and_its_own_authors_text(sample: Sample) -> None:
    forwarded = split_sample(sample).forwarded
    assert forwarded is not None
    assert forwarded.sender == sample.forward_from
    assert forwarded.subject == sample.forward_subject
    assert non_blank(forwarded.author) == sample.forward_author


@pytest.mark.parametrize("sample", [s for s in SAMPLES if not s.forward_from], ids=lambda s: s.name)
def test_a_reply_quoting_a_mail_is_no_forward(sample: Sample) -> None:
    assert split_sample(sample).forwarded is None


def test_the_quoted_invitation_of_an_outlook_reply_is_kept_as_quoted() -> None:
    result = split_sample(SAMPLES[0])
    assert result.quoted[0] == "Från: Seminarier Länsstyrelsen <seminarier@lansstyrelsen.se>"
    assert "Lunds kommun" in result.signature


def test_the_swedish_disclaimer_and_the_signature_are_kept_apart() -> None:
    sample = next(s for s in SAMPLES if s.name == "sv-signature-and-disclaimer")
    result = split_sample(sample)
    assert result.signature[0] == "Med vänlig hälsning"
    assert result.disclaimer[0].startswith("Detta e-postmeddelande")
    assert len(result.disclaimer) == 2


def test_a_closing_block_is_no_signature_when_it_names_other_peoples_addresses() -> None:
    lines = ["Vi anmäler:", "", "Eva Ek", "eva.ek@lund.se", "Anna Berg", "anna.berg@lund.se"]
    result = split(lines, sender_name="Eva Ek", sender_address="eva.ek@lund.se")
    assert result.author == tuple(lines)


def test_a_signature_straight_under_the_text_with_a_phone_and_a_contact_person_is_the_signature() -> (
    None
):
    """Outlook puts the signature right under the last sentence; its "Kontaktperson vid
    frånvaro:" line names someone else's address, and that person is no participant."""
    lines = [
        "Tack för bekräftelsen! Vi ses den 14:e.",
        "Anna Lindqvist",
        "Samordnare, Socialtjänsten",
        "Huddinge kommun",
        "Kontaktperson vid frånvaro: Per Nord, per.nord@huddinge.se",
        "Tel: 08-535 300 00",
    ]
    result = split(lines, sender_name="Anna Lindqvist", sender_address="anna.lindqvist@huddinge.se")
    assert result.author == ("Tack för bekräftelsen! Vi ses den 14:e.",)
    assert result.signature == tuple(lines[1:])


def test_the_senders_name_under_a_sentence_with_no_phone_below_stays_the_authors() -> None:
    """No phone line: it may be the writer listing themself with a colleague."""
    lines = ["Vi kommer båda två.", "Eva Ek", "Per Nord, per.nord@lund.se"]
    result = split(lines, sender_name="Eva Ek", sender_address="eva.ek@lund.se")
    assert result.author == tuple(lines)


def test_a_closing_block_that_lists_a_colleague_without_a_role_is_still_no_signature() -> None:
    lines = ["Vi anmäler:", "", "Eva Ek", "Per Nord, per.nord@lund.se", "Tel: 08-123 456 78"]
    result = split(lines, sender_name="Eva Ek", sender_address="eva.ek@lund.se")
    assert result.author == tuple(lines)


def test_a_thank_you_that_goes_on_to_say_who_comes_is_not_a_signature() -> None:
    lines = ["Tack, jag kommer gärna med Per Ek per.ek@lund.se"]
    assert split(lines).author == tuple(lines)


def test_a_sentence_ending_in_skrev_is_not_an_attribution() -> None:
    lines = ["Som jag skrev:", "Anna Berg, anna.berg@lund.se"]
    assert split(lines).author == tuple(lines)


def test_an_original_message_under_a_forwarding_subject_is_a_forward() -> None:
    lines = [
        "Se nedan.",
        "-----Original Message-----",
        "From: Lisa Berg <lisa.berg@lund.se>",
        "Sent: den 1 december 2026 16:02",
        "To: Eva Ek",
        "Subject: Anmälan",
        "",
        "Anmäl mig: lisa.berg@lund.se",
    ]
    forwarded = split(lines, subject="VB: Anmälan").forwarded
    assert forwarded is not None and forwarded.author == ("Anmäl mig: lisa.berg@lund.se",)
    assert split(lines, subject="SV: Anmälan").forwarded is None


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "",
                "> x",
                "-- ",
                "Mvh Eva",
                "Från: A <a@b.se>",
                "Skickat: idag",
                "Till: B",
                "Ämne: C",
                "---------- Forwarded message ---------",
                "Den 2 dec skrev A <a@b.se>:",
                "Anna Berg, anna@b.se",
                "Skickat från min iPhone",
                "Detta e-postmeddelande är konfidentiellt och avsett för mottagaren.",
                "Eva Ek",
                "/Eva",
            ]
        )
        | st.text(max_size=40),
        max_size=30,
    ),
    st.sampled_from(["", "VB: x", "SV: x"]),
    st.none() | st.integers(min_value=-3, max_value=40),
)
def test_every_line_ends_up_in_exactly_one_part_and_splitting_is_deterministic(
    lines: list[str], subject: str, quote_start: int | None
) -> None:
    result = split(lines, subject=subject, sender_name="Eva Ek", quote_start=quote_start)
    assert result == split(lines, subject=subject, sender_name="Eva Ek", quote_start=quote_start)
    own = {line.strip() for line in result.author}
    assert not any(line.startswith(">") for line in own)


def test_a_thousand_nested_forwards_are_split_without_recursion_errors() -> None:
    block = ["---------- Forwarded message ---------", "From: A <a@b.se>", "Subject: x", ""]
    result = split(["Se nedan.", *block * 1000, "Anna"])
    assert result.author == ("Se nedan.",)
    depth, forwarded = 0, result.forwarded
    while forwarded is not None:
        depth, last, forwarded = depth + 1, forwarded, forwarded.forwarded
    assert depth == 4
    assert last.quoted[-1] == "Anna"  # below the deepest forward read, the rest stays quoted


LINE = st.sampled_from(
    [
        "",
        "> Anna Berg, anna@b.se",
        "-- ",
        "Mvh Eva",
        "Från: A <a@b.se>",
        "Skickat: idag",
        "Till: B",
        "Ämne: C",
        "-----Ursprungligt meddelande-----",
        "Början av vidarebefordrat meddelande:",
        "On Mon, X <x@y.se> wrote:",
        "Per Ek, per.ek@lund.se",
        "PS. Lisa Holm lisa@b.se",
        "Eva Ek",
        "Tack!",
    ]
) | st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=30)


@settings(max_examples=300, deadline=None)
@given(st.lists(LINE, max_size=40), st.sampled_from(["", "VB: x", "SV: x", "Fwd: y"]))
def test_the_author_text_only_ever_holds_lines_from_before_the_quote(
    lines: list[str], subject: str
) -> None:
    result = split(lines, subject=subject, sender_name="Eva Ek", sender_address="eva.ek@lund.se")
    end = len(lines) if result.rest_start is None else result.rest_start
    before = {line.replace("\xa0", " ").strip() for line in lines[:end]}
    assert all(line in before for line in result.author if line)
    assert "-- " not in result.author
    assert not any(line.startswith(">") for line in result.author)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<p>",
                "</p>",
                "<blockquote>",
                "<div class=gmail_quote>",
                "<div id=divRplyFwdMsg>",
                "<br>",
                "&nbsp;",
                "Från: A <a@b.se>",
                "Skickat: x",
                "Till: y",
                "-- ",
                "Mvh",
                "Anna Berg anna@b.se",
                "<table><tr><td>x</td><td>y@z.se</td></tr></table>",
                "<li>",
            ]
        ),
        max_size=60,
    ).map("".join),
    st.sampled_from(["", "VB: x", "SV: x"]),
)
def test_any_html_body_renders_and_splits_without_crashing(html: str, subject: str) -> None:
    page = rendered(html)
    result = split(page.lines, quote_start=page.quote_start, subject=subject)
    assert result.rest_start is None or result.rest_start <= len(page.lines)
