"""SPEC §3 (reading a registration email), §9/§10 header facts, on real-world `.eml` fixtures.

The fixtures are described in tests/fixtures/README.md. Behaviour that no fixture shows on its own
(date formats, key spellings, greetings) is tested on small hand-made messages built by `mail()`.
"""

from __future__ import annotations

import dataclasses
import email
import email.policy
from email.message import Message
from pathlib import Path

import pytest

from mailbot.parsing import DateRef, Email, ParticipantBlock, message_key, read

FIXTURES = Path(__file__).parent / "fixtures"
BOT = "anmalan@lansstyrelsen.example"


def parse(name: str) -> Email:
    return read((FIXTURES / name).read_bytes())


def mail(
    body: str,
    *,
    subject: str = "Anmälan",
    sender: str = "Anna Lindqvist <anna.lindqvist@huddinge.se>",
    headers: str = "",
    content_type: str = "text/plain; charset=utf-8",
) -> bytes:
    """A minimal message as a mail client would send it (CRLF, 8bit UTF-8 body)."""
    head = (
        f"From: {sender}\r\nTo: {BOT}\r\nSubject: {subject}\r\n"
        f"Message-ID: <handmade@test.example>\r\n{headers}"
        f"MIME-Version: 1.0\r\nContent-Type: {content_type}\r\n"
        "Content-Transfer-Encoding: 8bit\r\n\r\n"
    )
    return (head + body.replace("\n", "\r\n")).encode("utf-8")


def names(found: Email) -> list[str | None]:
    return [p.name for p in found.participants]


def emails(found: Email) -> list[str | None]:
    return [p.email for p in found.participants]


# --------------------------------------------------------------------------------------------
# Registrations: MIME shapes and charsets
# --------------------------------------------------------------------------------------------


def test_plain_registration_yields_its_participant_with_every_field() -> None:
    found = parse("register-one-plain.eml")

    assert tuple(dataclasses.replace(p, line="") for p in found.participants) == (
        ParticipantBlock(
            name="Maria Öberg",
            email="maria.oberg@huddinge.se",
            organisation="Huddinge kommun",
            title="Enhetschef, socialtjänsten",
            seminar="14 september",
            seminar_date=DateRef(month=9, day=14),
        ),
    )
    assert found.intent == "register"
    assert found.language is None
    assert found.organisation == "Huddinge kommun"
    assert found.message_id == "<8b1d0e2c-4f5a-4e8b-9c1d-2a3b4c5d6e7f@huddinge.se>"
    assert found.subject == "Anmälan till seminarium 14 september"
    assert found.problems == ()


def test_format_flowed_soft_line_breaks_are_joined() -> None:
    found = parse("register-format-flowed-long-notes.eml")

    assert found.participants[0].notes == (
        "Fatima är intresserad av samverkan kring unga i riskmiljöer och skulle gärna vilja "
        "prata med någon från polisen i Järva under eftermiddagen."
    )
    assert "öppna drogscener." in parse("register-one-plain.eml").text


def test_outlook_html_only_mail_yields_its_participants() -> None:
    found = parse("register-outlook-html-only.eml")

    assert names(found) == ["Fatima Hassan", "Åsa Källström"]
    assert emails(found) == ["fatima.hassan@botkyrka.se", "asa.kallstrom@botkyrka.se"]
    assert found.participants[0].title == "Fältsekreterare – Fältgruppen"


def test_empty_outlook_paragraph_is_a_blank_line_between_participants() -> None:
    found = parse("register-outlook-html-only.eml")

    assert "Befattning: Fältsekreterare – Fältgruppen\n\nNamn: Åsa Källström" in found.text
    assert "\xa0" not in found.text


def test_iso_8859_1_label_is_decoded_as_windows_1252() -> None:
    block = parse("register-qp-iso-8859-1.eml").participants[0]

    assert block.name == "Åsa Källström"
    assert block.title == "Enhetschef – öppenvård"  # 0x96 is an en dash in cp1252
    assert block.notes == "”Anhörigstöd” är hennes ansvarsområde"


def test_windows_1252_8bit_body_keeps_aao_and_typographic_quotes() -> None:
    found = parse("register-windows-1252-aao.eml")

    assert found.participants[0].name == "Jörgen Hägg"
    assert found.participants[0].title == "Gruppchef – brottsbekämpning, „Region Öst“"
    assert found.organisation == "Tullverket"  # "Myndighet:" is an organisation key


def test_base64_utf8_alternative_is_read_from_its_plain_part() -> None:
    found = parse("register-base64-utf8.eml")

    assert found.participants[0].name == "Björn Ståhl"
    assert found.participants[0].title == "Överläkare, Beroendecentrum Stockholm"
    assert found.organisation == "Region Stockholm"
    assert found.subject == "Anmälan till seminarium – Region Stockholm"


def test_encoded_word_headers_are_decoded() -> None:
    found = parse("register-encoded-word-headers.eml")

    assert found.sender is not None
    assert found.sender.display_name == "Åsa Öberg"
    assert found.subject == "Anmälan – seminarium om öppna drogscener i Stockholms län"


def test_three_participants_keep_the_order_they_were_written_in() -> None:
    found = parse("register-three-participants.eml")

    assert names(found) == ["Johan Åkesson", "Lena Sjöström", "Erik Håkansson"]
    assert [p.title for p in found.participants] == [
        "Fältassistent",
        "Säkerhetssamordnare",
        "Områdeschef",
    ]


def test_repeated_key_without_blank_line_starts_the_next_participant() -> None:
    found = parse("register-five-participants-huddinge.eml")

    assert names(found) == [
        "Maria Öberg",
        "Johan Åkesson",
        "Lena Sjöström",
        "Erik Håkansson",
        "Sofia Bäckström",
    ]


def test_outlook_mailto_suffix_is_unwrapped_from_participant_addresses() -> None:
    found = parse("register-five-participants-huddinge.eml")

    # SPEC §3 (issue 9): the HTML part is read, so the plain part's `<mailto:…>` is not there.
    assert "<mailto:" not in found.text
    assert found.participants[0].email == "maria.oberg@huddinge.se"
    assert all(p.email_error is None for p in found.participants)


def test_signature_contact_card_with_e_post_line_is_not_a_participant() -> None:
    assert len(parse("register-five-participants-huddinge.eml").participants) == 5
    assert names(parse("register-outlook-signature-contact-lines.eml")) == ["Jonas Lärka"]
    assert parse("self-registration-contact-signature.eml").participants == ()


def test_english_keys_make_the_language_english() -> None:
    found = parse("register-english-keys.eml")

    assert found.language == "en"
    assert tuple(dataclasses.replace(p, line="") for p in found.participants) == (
        ParticipantBlock(
            name="David Wilson",
            email="david.wilson@regionstockholm.se",
            organisation="Region Stockholm",
            title="Public health strategist",
            seminar="September 14",
            seminar_date=DateRef(month=9, day=14),
        ),
    )


def test_names_typed_in_decomposed_unicode_are_composed() -> None:
    found = read(
        mail("Namn: A\u030asa O\u0308berg\n", sender="=?utf-8?q?A=CC=8Asa?= <a@huddinge.se>")
    )

    assert found.participants[0].name == "Åsa Öberg"
    assert found.sender is not None and found.sender.display_name == "Åsa"


def test_lf_only_file_reads_like_a_crlf_one() -> None:
    found = parse("register-lf-line-endings.eml")

    assert names(found) == ["Jörgen Hägg"]
    assert found.subject == "Anmälan"
    assert "\r" not in found.text


def test_bold_keys_and_bullets_in_html_are_read() -> None:
    found = parse("register-bold-keys-html.eml")

    assert names(found) == ["Ahmed Ali", "Linnéa Grönberg"]
    assert emails(found) == ["ahmed.ali@stockholm.se", "linnea.gronberg@stockholm.se"]
    assert found.organisation == "Rinkeby-Kista sdf"


def test_html_table_of_keys_and_values_is_read() -> None:
    found = parse("register-table-keys-html.eml")

    assert found.participants[0].name == "Kristina Ängqvist"
    assert found.participants[0].email == "kristina.angqvist@polisen.se"
    assert found.organisation == "LPO Järva"


def test_attachments_are_ignored() -> None:
    found = parse("nested-multipart-with-attachment.eml")

    assert names(found) == ["Lena Sjöström"]  # not "Ska Inte Räknas" from deltagare.txt
    assert found.problems == ()


def test_deadline_edge_message_is_an_ordinary_registration() -> None:
    found = parse("deadline-edge.eml")

    assert found.intent == "register"
    assert names(found) == ["Jonas Lärka"]


ALTERNATIVES = sorted(
    p.name for p in FIXTURES.glob("*.eml") if b"multipart/alternative" in p.read_bytes()
)


@pytest.mark.parametrize("name", ALTERNATIVES)
def test_html_alternative_gives_the_same_reading_as_the_plain_one(name: str) -> None:
    raw = (FIXTURES / name).read_bytes()
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    for part in msg.walk():
        if part.get_content_type() == "multipart/alternative":
            kept: list[Message | str] = [
                p for p in part.iter_parts() if p.get_content_type() != "text/plain"
            ]
            part.set_payload(kept)
    html_only = read(msg.as_bytes())

    plain = read(raw)
    assert html_only.participants == plain.participants
    assert (html_only.intent, html_only.organisation) == (plain.intent, plain.organisation)


# --------------------------------------------------------------------------------------------
# Only the author's own text
# --------------------------------------------------------------------------------------------


def test_signature_after_dash_dash_is_not_parsed() -> None:
    found = parse("register-with-signature.eml")

    assert names(found) == ["Kristina Ängqvist"]
    assert "Mikael" not in found.text


def test_quoted_reply_below_is_not_parsed() -> None:
    found = parse("register-quoted-reply-outlook-sv.eml")

    assert names(found) == ["Ahmed Ali"]  # not the "Förnamn Efternamn" example in the invitation
    assert "Therese Travis" not in found.text
    assert found.organisation == "Rinkeby-Kista stadsdelsförvaltning"


def test_gmail_quote_with_wrapped_attribution_is_not_parsed() -> None:
    found = parse("register-quoted-gmail-en.eml")

    assert names(found) == ["Emma Johansson"]
    assert found.language == "en"
    assert "wrote:" not in found.text


def test_apple_mail_skrev_quote_is_not_parsed() -> None:
    found = parse("register-apple-mail-quoted-sv.eml")

    assert names(found) == ["Linnéa Grönberg"]
    assert "iPhone" not in found.text


@pytest.mark.parametrize(
    "name", ["forwarded-registration.eml", "forwarded-registration-outlook-sv.eml"]
)
def test_forwarded_message_is_not_the_authors_text(name: str) -> None:
    found = parse(name)

    assert found.participants == ()
    assert "Namn:" not in found.text


def test_from_line_without_a_sent_line_is_not_a_quote_header() -> None:
    found = read(
        mail(
            "Från: Huddinge kommun\nNamn: Maria Öberg\nE-post: maria.oberg@huddinge.se\n"
            "Datum: 14 september\n"
        )
    )

    assert names(found) == ["Maria Öberg"]


def test_e_post_line_right_after_a_name_is_never_a_quote_header() -> None:
    found = read(
        mail("Namn: Maria Öberg\nE-post: maria.oberg@huddinge.se\nÖvrigt: Som jag skrev:\n")
    )

    assert found.participants[0].notes == "Som jag skrev:"


def test_inline_quoted_lines_are_skipped_but_the_answers_between_them_are_read() -> None:
    found = read(
        mail("> Vilka kommer?\nNamn: Maria Öberg\n> Adress?\nE-post: maria.oberg@huddinge.se\n")
    )

    assert emails(found) == ["maria.oberg@huddinge.se"]
    assert ">" not in found.text


@pytest.mark.parametrize(
    "marker",
    [
        "-- ",
        "--",
        "-----Original Message-----",
        "-----Ursprungligt meddelande-----",
        "---------- Forwarded message ---------",
        "-------- Vidarebefordrat meddelande --------",
        "Begin forwarded message:",
        "On Mon, 22 Aug 2022 at 10:15, Therese Travis <therese.travis@lansstyrelsen.example> wrote:",
        "Den mån 22 aug. 2022 kl 10:15 skrev Therese Travis <therese.travis@lansstyrelsen.example>:",
        "Therese Travis skrev:",
        "From: Therese Travis\nSent: Monday, August 22, 2022 10:15 AM\nTo: Anna",
        "Från: Therese Travis\nSkickat: den 22 augusti 2022 10:15\nTill: Anna",
        "*From:* Therese Travis\n*Date:* Mon, 22 Aug 2022\n*Subject:* Inbjudan",
        "Skickat från min iPhone",
    ],
)
def test_nothing_below_a_quote_or_signature_marker_is_parsed(marker: str) -> None:
    body = f"Namn: Maria Öberg\nE-post: maria.oberg@huddinge.se\n\n{marker}\n\nNamn: Förnamn\n"

    assert names(read(mail(body))) == ["Maria Öberg"]


def test_valediction_ends_the_authors_text() -> None:
    found = read(
        mail("Hej!\n\nAnmäler mig.\n\nMed vänliga hälsningar\nAnna\nE-post: anna@huddinge.se\n")
    )

    assert found.participants == ()
    assert found.text == "Hej!\n\nAnmäler mig."


# --------------------------------------------------------------------------------------------
# Self-registration, actors and senders (SPEC §3, §4)
# --------------------------------------------------------------------------------------------


def test_self_registration_without_block_has_no_participants_and_the_display_name() -> None:
    found = parse("self-registration-no-block.eml")

    assert found.participants == ()
    assert found.intent == "register"
    assert found.sender is not None
    assert found.sender.display_name == "Karin Ek"
    assert found.sender.address == "karin.ek@tullverket.se"


def test_self_registration_without_display_name_has_an_empty_name() -> None:
    found = parse("self-registration-no-display-name.eml")

    assert found.participants == ()
    assert found.sender is not None
    assert found.sender.display_name == ""
    assert found.sender.domain == "botkyrka.se"


def test_organisation_line_outside_blocks_names_the_district() -> None:
    found = parse("shared-domain-rinkeby-kista.eml")

    assert found.organisation == "Rinkeby-Kista stadsdelsförvaltning"
    assert names(found) == ["Ahmed Ali", "Linnéa Grönberg"]  # the lone line is no participant
    assert found.sender is not None
    assert found.sender.domain == "stockholm.se"


def test_shared_domain_without_organisation_leaves_it_unknown() -> None:
    found = parse("shared-domain-ambiguous.eml")

    assert found.organisation is None
    assert found.sender is not None
    assert found.sender.domain == "stockholm.se"


def test_police_area_organisation_is_read_from_the_html_blocks() -> None:
    found = parse("shared-domain-police-jarva.eml")

    assert found.organisation == "Lokalpolisområde Järva"
    assert [p.organisation for p in found.participants] == ["Lokalpolisområde Järva"] * 2
    assert found.sender is not None
    assert found.sender.display_name == "Sjögren Mikael"


def test_subdomain_sender_keeps_its_full_lower_case_domain() -> None:
    found = parse("subdomain-sender.eml")

    assert found.sender is not None
    assert found.sender.domain == "socialtjansten.huddinge.se"
    assert found.sender.address == "Erik.Hakansson@socialtjansten.huddinge.se"
    assert found.sender.key == "erik.hakansson@socialtjansten.huddinge.se"


@pytest.mark.parametrize(
    ("name", "domain"),
    [
        ("lookalike-domain-evil-huddinge.eml", "evil-huddinge.se"),
        ("lookalike-domain-huddinge-se-evil-com.eml", "huddinge.se.evil.com"),
        ("display-name-domain-trick.eml", "evil.example"),
    ],
)
def test_sender_domain_comes_from_the_address_not_display_name_or_reply_to(
    name: str, domain: str
) -> None:
    found = parse(name)

    assert found.sender is not None
    assert found.sender.domain == domain


def test_not_invited_sender_is_read_like_any_other() -> None:
    found = parse("not-invited-gmail.eml")

    assert found.sender is not None
    assert found.sender.domain == "gmail.com"
    assert names(found) == ["Kalle Svensson"]


# --------------------------------------------------------------------------------------------
# Intent: cancel, substitute
# --------------------------------------------------------------------------------------------


def test_cancel_word_in_the_subject_means_cancel() -> None:
    found = parse("cancel-by-subject.eml")

    assert found.intent == "cancel"
    assert emails(found) == ["maria.oberg@huddinge.se"]


def test_cancel_word_in_the_line_after_the_greeting_means_cancel() -> None:
    found = parse("cancel-by-first-line.eml")

    assert found.subject == "Seminariet 14 september"
    assert found.intent == "cancel"
    assert emails(found) == ["johan.akesson@huddinge.se"]


def test_cancellation_without_a_block_has_no_participants() -> None:
    found = parse("cancel-own-no-block.eml")

    assert found.intent == "cancel"
    assert found.participants == ()


def test_english_cancellation_in_the_first_line_means_cancel() -> None:
    assert parse("cancel-english-first-line.eml").intent == "cancel"


@pytest.mark.parametrize(
    ("body", "intent"),
    [
        ("Hej,\n\nJag vill avanmäla Maria Öberg.\n", "cancel"),
        ("Hej!\nAvbokning av en plats\n", "cancel"),
        ("Hej, vi lämnar återbud för Maria.\n", "cancel"),
        ("God morgon,\nVi vill unregister one person\n", "cancel"),
        ("Hej,\n\nHär är vår anmälan.\n\nÅterbud kommer senare om det behövs.\n", "register"),
        ("Namn: Maria Öberg\nÖvrigt: cancel if full\n", "register"),
    ],
)
def test_only_subject_and_opening_line_say_cancel(body: str, intent: str) -> None:
    assert read(mail(body)).intent == intent


def test_avanmalan_prefix_in_subject_means_cancel() -> None:
    assert read(mail("Namn: Maria Öberg\n", subject="AVANMÄLAN: Maria")).intent == "cancel"


def test_substitution_block_normalises_the_replaced_address() -> None:
    found = parse("substitute-ersatter.eml")

    assert found.intent == "substitute"
    block = found.participants[0]
    assert (block.name, block.email) == ("Sofia Bäckström", "sofia.backstrom@huddinge.se")
    assert block.replaces == "Maria.Oberg@huddinge.se"
    assert block.replaces_key == "maria.oberg@huddinge.se"


def test_a_replaces_key_makes_a_substitution_whatever_the_subject_says() -> None:
    # SPEC §3 (issue 9): `Ersätter` is a substitution; the subject's "återbud" is its half.
    body = "Namn: Sofia Bäckström\nE-post: sofia@huddinge.se\nErsätter: maria@huddinge.se\n"

    assert read(mail(body, subject="Återbud och ersättare")).intent == "substitute"


# --------------------------------------------------------------------------------------------
# Participant blocks: keys, addresses, dates
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "field", "value"),
    [
        ("Namn: Åsa Öberg", "name", "Åsa Öberg"),
        ("Name: Åsa Öberg", "name", "Åsa Öberg"),
        ("Deltagare: Åsa Öberg", "name", "Åsa Öberg"),
        ("Participant: Åsa Öberg", "name", "Åsa Öberg"),
        ("Deltagare 2: Åsa Öberg", "name", "Åsa Öberg"),
        ("NAMN: Åsa Öberg", "name", "Åsa Öberg"),
        ("*Namn:* Åsa Öberg", "name", "Åsa Öberg"),
        ("**Namn:** Åsa Öberg", "name", "Åsa Öberg"),
        ("- Namn: Åsa Öberg", "name", "Åsa Öberg"),
        ("• Namn: Åsa Öberg", "name", "Åsa Öberg"),
        ("Namn : Åsa Öberg", "name", "Åsa Öberg"),
        ("Namn:\xa0Åsa\xa0Öberg", "name", "Åsa Öberg"),
        ("E-post: asa@huddinge.se", "email", "asa@huddinge.se"),
        ("Epost: asa@huddinge.se", "email", "asa@huddinge.se"),
        ("e-POST: asa@huddinge.se", "email", "asa@huddinge.se"),
        ("E-postadress: asa@huddinge.se", "email", "asa@huddinge.se"),
        ("Mejl: asa@huddinge.se", "email", "asa@huddinge.se"),
        ("Mail: asa@huddinge.se", "email", "asa@huddinge.se"),
        ("E-mail: asa@huddinge.se", "email", "asa@huddinge.se"),
        ("Email: asa@huddinge.se", "email", "asa@huddinge.se"),
        ("E-mailadress: asa@huddinge.se", "email", "asa@huddinge.se"),
        ("Organisation: Huddinge kommun", "organisation", "Huddinge kommun"),
        ("Organization: Huddinge kommun", "organisation", "Huddinge kommun"),
        ("Myndighet: Tullverket", "organisation", "Tullverket"),
        ("Förvaltning: Socialförvaltningen", "organisation", "Socialförvaltningen"),
        ("Kommun: Huddinge", "organisation", "Huddinge"),
        ("Befattning: Enhetschef", "title", "Enhetschef"),
        ("Titel: Enhetschef", "title", "Enhetschef"),
        ("Roll: Enhetschef", "title", "Enhetschef"),
        ("Title: Unit manager", "title", "Unit manager"),
        ("Role: Unit manager", "title", "Unit manager"),
        ("Datum: 14 september", "seminar", "14 september"),
        ("Seminarium: 14 september", "seminar", "14 september"),
        ("Seminar: 14 september", "seminar", "14 september"),
        ("Date: September 14", "seminar", "September 14"),
        ("Ersätter: maria@huddinge.se", "replaces", "maria@huddinge.se"),
        ("Replaces: maria@huddinge.se", "replaces", "maria@huddinge.se"),
        ("Övrigt: Vegetarian", "notes", "Vegetarian"),
        ("Kommentar: Vegetarian", "notes", "Vegetarian"),
        ("Notes: Vegetarian", "notes", "Vegetarian"),
        ("Comment: Vegetarian", "notes", "Vegetarian"),
    ],
)
def test_every_key_spelling_fills_its_field(line: str, field: str, value: str) -> None:
    body = f"{line}\nNamn: Platshållare\n" if field != "name" else f"{line}\n"
    found = read(mail(body))

    assert getattr(found.participants[0], field) == value


@pytest.mark.parametrize(
    "written",
    [
        "anna.berg@huddinge.se",
        "Anna Berg <anna.berg@huddinge.se>",
        "<mailto:anna.berg@huddinge.se>",
        "mailto:anna.berg@huddinge.se",
        "anna.berg@huddinge.se<mailto:anna.berg@huddinge.se>",
        "[anna.berg@huddinge.se](mailto:anna.berg@huddinge.se)",
        "anna.berg@HUDDINGE.SE.",
    ],
)
def test_participant_address_is_unwrapped_and_normalised(written: str) -> None:
    block = read(mail(f"Namn: Anna Berg\nE-post: {written}\n")).participants[0]

    assert (block.email, block.email_error) == ("anna.berg@huddinge.se", None)


def test_invalid_participant_address_keeps_the_raw_text_and_the_reason() -> None:
    found = parse("invalid-participant-email.eml")

    first, second, third = found.participants
    assert (first.email, first.email_key) == ("jonas.larka@botkyrka", None)
    assert first.email_error is not None and "period" in first.email_error
    assert second.email == "fatima.hassan(at)botkyrka.se"
    assert second.email_error is not None and "@" in second.email_error
    assert (third.email, third.email_error) == ("asa.kallstrom@botkyrka.se", None)


def test_two_addresses_in_one_field_are_asked_about_not_booked() -> None:
    found = read(mail("Namn: Par\nE-post: a@huddinge.se; b@huddinge.se\n"))

    assert found.participants == ()
    assert [u.line for u in found.unclear] == ["Namn: Par\nE-post: a@huddinge.se; b@huddinge.se"]


def test_the_same_person_twice_is_read_once() -> None:
    found = parse("duplicate-participant-twice.eml")

    assert emails(found) == ["Maria.Oberg@huddinge.se"]


def test_block_with_only_an_organisation_is_not_a_participant() -> None:
    found = read(mail("Organisation: Botkyrka kommun\nDatum: 14 september\n\nNamn: Per\n"))

    assert names(found) == ["Per"]
    assert found.organisation == "Botkyrka kommun"


def test_other_seminar_date_is_parsed_from_the_datum_key() -> None:
    block = parse("other-seminar-requested.eml").participants[0]

    assert block.seminar == "15/9"
    assert block.seminar_date == DateRef(month=9, day=15)
    assert block.notes == "Kan inte den 14:e, går det bra att komma dagen efter?"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2022-09-14", DateRef(9, 14, 2022)),
        ("14 september", DateRef(9, 14)),
        ("14 sep", DateRef(9, 14)),
        ("14 sept.", DateRef(9, 14)),
        ("14 september 2022", DateRef(9, 14, 2022)),
        ("den 14 september", DateRef(9, 14)),
        ("onsdag 14 september kl. 13.00", DateRef(9, 14)),
        ("14:e september", DateRef(9, 14)),
        ("14/9", DateRef(9, 14)),
        ("14/9 2022", DateRef(9, 14, 2022)),
        ("14/9-22", DateRef(9, 14, 2022)),
        ("14.9", DateRef(9, 14)),
        ("14.9.2022", DateRef(9, 14, 2022)),
        ("September 14", DateRef(9, 14)),
        ("September 14, 2022", DateRef(9, 14, 2022)),
        ("Sept 14th", DateRef(9, 14)),
        ("14th September", DateRef(9, 14)),
        ("13 oktober", DateRef(10, 13)),
        ("1 maj", DateRef(5, 1)),
        ("seminarium 2", None),
        ("nästa vecka", None),
        ("31/2", None),
    ],
)
def test_seminar_dates_are_read_as_people_write_them(
    written: str, expected: DateRef | None
) -> None:
    block = read(mail(f"Namn: Maria Öberg\nDatum: {written}\n")).participants[0]

    assert block.seminar == written
    assert block.seminar_date == expected


@pytest.mark.parametrize(
    ("body", "subject", "language"),
    [
        ("Name: Anna\nEmail: a@huddinge.se\nBefattning: Chef\n", "Anmälan", "en"),
        ("Namn: Anna\nE-post: a@huddinge.se\nTitle: Manager\n", "Registration", None),
        ("Organisation: Huddinge\nMail: a@huddinge.se\n", "Seminar registration", "en"),
        ("Organisation: Huddinge\nMail: a@huddinge.se\n", "Seminarium", None),
        ("Hi, please register me.\n", "Registration for the seminar", "en"),
    ],
)
def test_reply_language_follows_the_keys_then_the_subject(
    body: str, subject: str, language: str | None
) -> None:
    assert read(mail(body, subject=subject)).language == language


# --------------------------------------------------------------------------------------------
# Messages that get no reply (SPEC §10): the facts are read, the decision is not made here
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "field", "value"),
    [
        ("no-reply-auto-submitted.eml", "auto_submitted", "auto-replied"),
        ("no-reply-precedence-bulk.eml", "precedence", "bulk"),
        ("no-reply-list-header.eml", "has_list_headers", True),
        (
            "no-reply-x-auto-response-suppress.eml",
            "x_auto_response_suppress",
            "DR, RN, NRN, OOF, AutoReply",
        ),
        ("no-reply-return-path-empty.eml", "return_path", "<>"),
        ("no-reply-mailer-daemon.eml", "return_path", "<>"),
        ("out-of-office-exchange-sv.eml", "auto_submitted", "auto-generated"),
        ("out-of-office-exchange-sv.eml", "x_auto_response_suppress", "All"),
        ("out-of-office-exchange-en.eml", "x_auto_response_suppress", "All"),
        ("register-one-plain.eml", "return_path", "<anna.lindqvist@huddinge.se>"),
        ("register-one-plain.eml", "has_list_headers", False),
        ("register-one-plain.eml", "auto_submitted", None),
    ],
)
def test_loop_prevention_headers_are_read_as_written(name: str, field: str, value: object) -> None:
    assert getattr(parse(name), field) == value


@pytest.mark.parametrize(
    ("name", "address"),
    [
        ("no-reply-mailer-daemon.eml", "MAILER-DAEMON@mail.huddinge.se"),
        ("no-reply-noreply-sender.eml", "noreply@botkyrka.se"),
        ("no-reply-own-address.eml", BOT),
        ("no-reply-list-header.eml", "andt-natverket@lists.botkyrka.se"),
    ],
)
def test_system_and_own_senders_are_read_as_their_from_address(name: str, address: str) -> None:
    found = parse(name)

    assert found.sender is not None
    assert found.sender.address == address


def test_missing_return_path_is_none_not_empty() -> None:
    assert parse("self-registration-no-block.eml").return_path is None


def test_delivery_report_names_the_returned_message_and_the_failed_recipient() -> None:
    found = parse("bounce-dsn-of-confirmation.eml")

    assert found.report is not None
    assert found.report.original_message_id == "<mailbot-reply-0001@lansstyrelsen.example>"
    assert found.report.final_recipients == ("maria.oberg@huddinge.se",)
    assert found.report.action == "failed"
    assert found.message_id == "<20220826074641.4MCAjD1Tc2z9sc@mail.huddinge.se>"


def test_exchange_report_with_returned_headers_only_names_the_message() -> None:
    found = parse("bounce-dsn-exchange-headers-only.eml")

    assert found.report is not None
    assert found.report.original_message_id == "<mailbot-reply-0006@lansstyrelsen.example>"
    assert found.report.final_recipients == ("jorgen.hagg@tullverket.se",)
    assert found.report.action == "failed"


def _read_receipt(content_type: str) -> bytes:
    return (
        "From: Lisa Berg <lisa.berg@huddinge.se>\r\n"
        "Subject: =?utf-8?q?L=C3=A4st=3A_Bekr=C3=A4ftelse?=\r\n"
        "Message-ID: <mdn-1@huddinge.se>\r\n"
        f'Content-Type: {content_type}; boundary="b"\r\n\r\n'
        "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nDitt meddelande lästes.\r\n"
        "--b\r\nContent-Type: message/disposition-notification\r\n\r\n"
        "Final-Recipient: rfc822;lisa.berg@huddinge.se\r\n"
        "Original-Message-ID: <mailbot-reply-0001@lansstyrelsen.example>\r\n"
        "Disposition: automatic-action/MDN-sent-automatically; displayed\r\n"
        "--b--\r\n"
    ).encode()


@pytest.mark.parametrize(
    "content_type",
    [
        "multipart/report; report-type=disposition-notification",
        'multipart/report; report-type="Disposition-Notification"',
        "multipart/report",  # the type left out: its status part still says it
    ],
)
def test_a_read_receipt_is_read_as_a_read_receipt_not_as_a_delivery_failure(
    content_type: str,
) -> None:
    found = read(_read_receipt(content_type))

    assert found.report is not None
    assert found.report.read_receipt
    assert found.report.action is None


def test_a_delivery_status_notification_is_no_read_receipt() -> None:
    found = parse("bounce-dsn-of-confirmation.eml")

    assert found.report is not None
    assert found.report.report_type == "delivery-status"
    assert not found.report.read_receipt


def test_ordinary_mail_has_no_report() -> None:
    assert parse("register-one-plain.eml").report is None


def test_out_of_office_reply_keeps_its_subject_and_thread() -> None:
    sv = parse("out-of-office-exchange-sv.eml")
    en = parse("out-of-office-exchange-en.eml")

    assert sv.subject.startswith("Automatiskt svar: Bekräftelse")
    assert sv.in_reply_to == ("<mailbot-reply-0002@lansstyrelsen.example>",)
    assert sv.participants == ()  # the OOF's "Telefon/E-post" lines are a contact card
    assert en.subject.startswith("Automatic reply: Confirmation")


def test_reply_to_a_bot_message_has_no_block_and_names_the_bot_message() -> None:
    found = parse("reply-to-bot-sv.eml")

    assert found.participants == ()  # the quoted confirmation's "Namn:" is not read
    assert found.subject == "SV: Bekräftelse: anmälan till seminarium 14 september"
    assert found.in_reply_to == ("<mailbot-reply-0003@lansstyrelsen.example>",)
    assert found.references[-1] == "<mailbot-reply-0003@lansstyrelsen.example>"
    assert found.text == "Tack! Finns det parkering i närheten?"  # "/Maria" is the signature


def test_reply_to_someone_else_has_no_block() -> None:
    found = parse("reply-re-subject-no-block.eml")

    assert found.participants == ()
    assert found.subject == "Re: Seminariet om öppna drogscener"
    assert "skrev" not in found.text


# --------------------------------------------------------------------------------------------
# Headers as written, authentication, hostile and broken input
# --------------------------------------------------------------------------------------------


def test_long_outlook_message_ids_are_kept_verbatim() -> None:
    found = parse("outlook-long-message-id.eml")

    assert found.message_id == (
        "<AM0PR09MB1234567890ABCDEF1234567890ABCDEF@AM0PR09MB1234.eurprd09.prod.outlook.com>"
    )
    assert found.in_reply_to == ("<mailbot-reply-0008@lansstyrelsen.example>",)
    assert found.references == (
        "<mailbot-reply-0008@lansstyrelsen.example>",
        "<AM0PR09MB1234567890ABCDEF1234567890ABCDE0@AM0PR09MB1234.eurprd09.prod.outlook.com>",
        "<[a1b2c3d4].1@[e5f6a7b8].OUTLOOK.COM>",
    )


def test_outlook_bracket_message_id_that_breaks_the_policy_is_read() -> None:
    found = parse("outlook-bracket-message-id.eml")  # cpython #94306: IndexError via msg[...]

    assert found.message_id == "<[4e5f6a7b-8c9d].1@[AM0PR09MB1234].OUTLOOK.COM>"
    assert found.in_reply_to == ("<[0a1b2c3d-4e5f].1@[AM0PR09MB1234].OUTLOOK.COM>",)
    assert found.problems == ()


def test_authentication_results_are_kept_topmost_first_and_unfolded() -> None:
    found = parse("auth-results-dmarc-pass.eml")

    top, lower = found.authentication_results
    assert top.startswith("mx.lansstyrelsen.example;\tdkim=pass")
    assert top.endswith("dmarc=pass (p=quarantine dis=none) header.from=huddinge.se")
    assert "\n" not in top and "\r" not in top
    assert lower == "mx.lansstyrelsen.example; dmarc=pass header.from=huddinge.se"


def test_m365_authentication_results_without_authserv_id_are_kept_verbatim() -> None:
    found = parse("auth-results-m365-no-authserv-id.eml")

    assert found.authentication_results == (
        "spf=pass (sender IP is 40.107.20.101) smtp.mailfrom=botkyrka.se; dkim=pass (signature "
        "was verified) header.d=botkyrka.se;dmarc=pass action=none header.from=botkyrka.se;"
        "compauth=pass reason=100",
    )


def test_encoded_line_breaks_never_reach_names_or_subject() -> None:
    found = parse("header-injection-name.eml")

    assert found.sender is not None
    assert found.sender.address == "eva.ek@huddinge.se"
    values = [found.subject, found.sender.display_name]
    for block in found.participants:
        values += [v for v in (block.name, block.email, block.title) if v]
    assert all(not any(c in v for c in "\r\n\x00") for v in values)
    assert names(found) == ["Eva Ek"]
    assert found.participants[0].title == "Handläggare"
    assert emails(found) == ["eva.ek@huddinge.se"]


def test_unknown_8bit_charset_holding_utf8_is_read_without_a_problem() -> None:
    found = parse("unknown-charset.eml")

    assert names(found) == ["Björn Ståhl"]
    assert found.problems == ()


def test_unknown_charset_with_other_bytes_decodes_with_replacements_and_says_so() -> None:
    found = parse("unknown-charset-latin1-bytes.eml")

    assert found.participants[0].name == "J\ufffdrgen H\ufffdgg"
    assert found.participants[0].email == "jorgen.hagg@tullverket.se"
    assert any("x-foo" in p for p in found.problems)


def test_damaged_base64_is_reported_and_what_decodes_is_read() -> None:
    found = parse("bad-base64.eml")

    assert found.problems
    assert found.sender is not None
    assert found.message_id == "<bad-base64.20220827@huddinge.se>"


def test_missing_from_header_is_a_problem_not_an_exception() -> None:
    found = parse("no-from-header.eml")

    assert found.sender is None
    assert found.problems == ("no From header",)
    assert found.message_id == "<no-from.20220827@unknown.invalid>"


def test_garbage_bytes_give_an_email_with_problems() -> None:
    raw = (FIXTURES / "garbage-bytes.eml").read_bytes()
    found = read(raw)

    assert found.sender is None
    assert found.problems
    assert found.size == len(raw)


def test_message_nested_too_deep_to_parse_still_keeps_its_message_id() -> None:
    depth = 3000
    raw = b"From: a@huddinge.se\r\nMessage-ID: <deep@huddinge.se>\r\n"
    raw += b"".join(
        b'Content-Type: multipart/mixed; boundary="b%d"\r\n\r\n--b%d\r\n' % (i, i)
        for i in range(depth)
    )
    raw += b"Content-Type: text/plain\r\n\r\nNamn: Anna\r\n"

    found = read(raw)

    assert found.message_id == "<deep@huddinge.se>"
    assert found.size == len(raw)


def test_size_is_the_raw_length() -> None:
    raw = (FIXTURES / "register-one-plain.eml").read_bytes()

    assert read(raw).size == len(raw)


def test_message_key_is_the_message_id_else_a_digest_of_the_bytes() -> None:
    assert message_key(b"x", "<a@b>") == "<a@b>"
    assert message_key(b"x", None) == message_key(b"x", None)
    assert message_key(b"x", None).startswith("sha256:")
    assert message_key(b"x", None) != message_key(b"y", None)


def test_bare_message_id_without_brackets_gets_them() -> None:
    raw = mail("Namn: A\n").replace(b"<handmade@test.example>", b"handmade@test.example")

    assert read(raw).message_id == "<handmade@test.example>"


def test_reply_to_is_never_the_sender() -> None:
    raw = mail("Namn: A\n", sender="x@evil.example", headers="Reply-To: anna@huddinge.se\r\n")

    found = read(raw)
    assert found.sender is not None
    assert found.sender.address == "x@evil.example"


def test_reading_asks_the_deliverability_check_about_each_normalised_address() -> None:
    asked: list[str] = []

    def deliverable(address: str) -> str | None:
        asked.append(address)
        return None

    found = read(mail("Namn: A\nE-post: a@Lansstyrelsen.example\n"), deliverable=deliverable)

    assert found.participants[0].email == "a@lansstyrelsen.example"
    assert asked == ["anna.lindqvist@huddinge.se", "a@lansstyrelsen.example"]


def test_a_participant_address_the_deliverability_check_refuses_is_invalid_with_its_reason() -> (
    None
):
    def deliverable(address: str) -> str | None:
        return (
            "The domain name nowhere.example does not accept email."
            if "nowhere" in address
            else None
        )

    found = read(
        mail("Namn: A\nE-post: a@nowhere.example\n\nNamn: B\nE-post: b@huddinge.se\n"),
        deliverable=deliverable,
    )

    first, second = found.participants
    assert first.email_error == "The domain name nowhere.example does not accept email."
    assert first.email_key is None
    assert second.email == "b@huddinge.se" and second.email_error is None


def test_a_from_address_the_deliverability_check_refuses_leaves_no_sender() -> None:
    found = read(mail("Namn: A\n"), deliverable=lambda address: "no mail server")

    assert found.sender is None
    assert any("no mail server" in problem for problem in found.problems)
