"""Twins of the blind-2 cases fixed on branch i9-fixD (groups C and B2 of the second blind
report): the same ideas in other words, that must keep working, and the near misses that must not
act.

- C, a seminar date per person in prose (§6): "X till den 14 september och Y till den 15
  september" books X on the actor's seminar and forwards Y's request; the date first ("Den 14
  september kommer X och den 15 september Y"), in two sentences, in English; one date for
  everyone ("Vi anmäler X och Y till den 15 september": both requests); a date of the actor's own
  seminar and a date of no seminar (both book the actor's seminar); and a date that cannot be
  tied to one person ("den ena … och den andra …"), which is asked about, no one booked.
- B2, "anmäla mig" from a function mailbox (`kansli@`, `registry@`, `socialtjansten@`) signed by
  a person: the signer is the writer, booked at the address their signature gives them, else
  asked for it; unsigned, asked; a person's own address whose display name shows their unit
  ("Berg Anna (Socialtjänsten)") is a person, booked as ever.
"""

from __future__ import annotations

from body import Mail, P
from expect import HUD, NAC, SOL, Case, b, booked
from pieces import date, mvh, sig

CASES: list[Case] = []


def add(case: Case) -> None:
    CASES.append(case)


def _nacka(
    sender: str, address: str, subject: str, text: str, minute: int, lang: str = "sv"
) -> Mail:
    first = sender.split()[0]
    return Mail(
        sender,
        address,
        subject,
        date(24, 9, minute),
        (
            P("Hello," if lang == "en" else "Hej!"),
            P(text),
            P(f"Kind regards\n{first}") if lang == "en" else mvh(first),
            sig(sender, "Enhetschef", "Nacka kommun", "08-718 80 00", address),
        ),
        lang=lang,
    )


# --------------------------------------------------------------------------- C: dates per person

_eva = b("Eva Strand", "nacka.se", NAC)
_omar = b("Omar Haddad", "nacka.se", NAC, "pending", "2022-09-13")
add(
    Case(
        "fixD-date-first-per-person-prose-nacka",
        "outlook",
        _nacka(
            "Lars Dahl",
            "lars.dahl@nacka.se",
            "Anmälan seminarier",
            "Den 14 september kommer Eva Strand (eva.strand@nacka.se) och den 13 september "
            "Omar Haddad (omar.haddad@nacka.se), som är bortrest den 14:e.",
            1,
        ),
        "prose",
        booked(_eva, _omar),
        (_eva, _omar),
        note="§6: the date stands before the person; Omar's 13th is another seminar (pending)",
    )
)

_kim = b("Kim Larsson", "nacka.se", NAC)
_ida = b("Ida Berg", "nacka.se", NAC, "pending", "2022-09-15")
add(
    Case(
        "fixD-two-sentences-two-dates-prose-nacka",
        "gmail",
        _nacka(
            "Maria Holm",
            "maria.holm@nacka.se",
            "Anmälan",
            "Jag anmäler Kim Larsson (kim.larsson@nacka.se) till seminariet den 14 september. "
            "Ida Berg (ida.berg@nacka.se) vill hellre komma den 15 september.",
            2,
        ),
        "prose",
        booked(_kim, _ida),
        (_kim, _ida),
        note="§6: each sentence's date is its own person's; Ida's 15th is a request (pending)",
    )
)

_mark = b("Mark Lee", "nacka.se", NAC, "pending", "2022-09-15")
_jane = b("Jane Hill", "nacka.se", NAC)
add(
    Case(
        "fixD-english-per-person-dates-prose-nacka",
        "owa",
        _nacka(
            "Lars Dahl",
            "lars.dahl@nacka.se",
            "Registration for the seminars",
            "Please register Mark Lee (mark.lee@nacka.se) for 15 September and Jane Hill "
            "(jane.hill@nacka.se) for the seminar on 14 September.",
            3,
            "en",
        ),
        "prose",
        booked(_mark, _jane),
        (_mark, _jane),
        note="§6 in English: Mark's 15th is another seminar (pending), Jane's is Nacka's own",
    )
)

_tove = b("Tove Ek", "nacka.se", NAC, "pending", "2022-09-15")
_ali = b("Ali Nasser", "nacka.se", NAC, "pending", "2022-09-15")
add(
    Case(
        "fixD-one-date-for-both-prose-nacka",
        "outlook",
        _nacka(
            "Lars Dahl",
            "lars.dahl@nacka.se",
            "Anmälan",
            "Vi anmäler Tove Ek (tove.ek@nacka.se) och Ali Nasser (ali.nasser@nacka.se) "
            "till seminariet den 15 september.",
            4,
        ),
        "prose",
        booked(_tove, _ali),
        (_tove, _ali),
        note="§6: one date written for both: both ask for the 15th (pending, forwarded)",
    )
)

_nils = b("Nils Öberg", "nacka.se", NAC)
_sara = b("Sara Lund", "nacka.se", NAC)
add(
    Case(
        "fixD-own-date-and-no-seminars-date-prose-nacka",
        "apple",
        _nacka(
            "Maria Holm",
            "maria.holm@nacka.se",
            "Anmälan",
            "Jag anmäler Nils Öberg (nils.oberg@nacka.se) till den 14 september och Sara Lund "
            "(sara.lund@nacka.se) till den 20 september.",
            5,
        ),
        "prose",
        booked(_nils, _sara),
        (_nils, _sara),
        note="§6: the actor's own date, and a date that is no seminar's, both book Nacka's 14th",
    )
)

add(
    Case(
        "fixD-two-dates-not-tied-to-anyone-asks-nacka",
        "outlook",
        _nacka(
            "Lars Dahl",
            "lars.dahl@nacka.se",
            "Anmälan två personer",
            "Jag anmäler Peter Nord (peter.nord@nacka.se) och Sofia Åberg "
            "(sofia.aberg@nacka.se), den ena till den 14 september och den andra till den 15 "
            "september.",
            6,
        ),
        "prose",
        (("needs-info", "peter.nord@nacka.se"), ("needs-info", "sofia.aberg@nacka.se")),
        (),
        ask=True,
        note="§6: two dates, two people, and the text does not say whose is whose: asked",
    )
)


# --------------------------------------------------------------------------- B2: function mailboxes

_eva_lund = b("Eva Lund", "solna.se", SOL)
add(
    Case(
        "fixD-shared-mailbox-kansli-signer-address-in-signature-solna",
        "outlook",
        Mail(
            "Kansliet Socialförvaltningen",
            "kansli.sof@solna.se",
            "Seminariet 14 september",
            date(24, 10, 5),
            (
                P("Hej,"),
                P("Jag vill gärna anmäla mig till seminariet."),
                P(
                    "Med vänlig hälsning\nEva Lund\nHandläggare\nTel: 08-746 10 00\neva.lund@solna.se"
                ),
            ),
        ),
        "sender",
        booked(_eva_lund),
        (_eva_lund,),
        note="'mig' is the signer, who writes from the unit's shared mailbox; her own address is in her signature",
    )
)

add(
    Case(
        "fixD-shared-mailbox-registry-english-signed-asks-tullverket",
        "gmail",
        Mail(
            "Tullverket Registry",
            "registry@tullverket.se",
            "Registration for the seminar",
            date(24, 10, 10),
            (
                P("Hello,"),
                P("I would like to register for the seminar on open drug scenes."),
                P("Best regards,\nMark Evans\nCustoms Officer"),
            ),
            lang="en",
        ),
        "sender",
        (("needs-info", None),),
        (),
        ask=True,
        note="the writer is Mark Evans, not the registry's mailbox; his own address is written nowhere: asked",
    )
)

add(
    Case(
        "fixD-shared-mailbox-unsigned-asks-huddinge",
        "owa",
        Mail(
            "Socialtjänsten Huddinge",
            "socialtjansten@huddinge.se",
            "Anmälan",
            date(24, 10, 15),
            (P("Hej!"), P("Jag vill anmäla mig till seminariet den 14 september.")),
        ),
        "sender",
        (("needs-info", None),),
        (),
        ask=True,
        note="'mig' from a shared mailbox with no one signed: who comes is unknown, asked",
    )
)

_anna_berg = b("Anna Berg", "huddinge.se", HUD)
add(
    Case(
        "fixD-person-display-name-with-unit-self-registers-huddinge",
        "outlook",
        Mail(
            "Berg Anna (Socialtjänsten)",
            "anna.berg@huddinge.se",
            "Anmälan till seminariet",
            date(24, 10, 20),
            (P("Hej!"), P("Jag vill anmäla mig till seminariet."), P("Mvh\nAnna Berg")),
        ),
        "sender",
        booked(_anna_berg),
        (_anna_berg,),
        note="a person's own address whose display name shows her unit: she is booked",
    )
)
