"""Corpus cases of replies and forwards (SPEC §10), and mail that is no registration at all."""

from __future__ import annotations

import datetime as dt

from body import Blank, Items, Mail, P, Quote
from expect import (
    ANNA,
    BOK,
    HUD,
    HUD_TWO,
    KV,
    LISA,
    SDT,
    Case,
    b,
    booked,
)
from pieces import (
    CONFIRMATION,
    CONFIRMATION_SUBJECT,
    confirmation_quote,
    date,
    invitation,
    mvh,
    received,
    sig,
)

CASES: list[Case] = []


def add(case: Case) -> None:
    CASES.append(case)


# --------------------------------------------------------------------------- no registration

add(
    Case(
        "none-question-parking-huddinge",
        "outlook",
        Mail(
            "Lisa Berg",
            "lisa.berg@huddinge.se",
            "Fråga om parkering",
            date(29, 9, 12),
            (
                P("Hej,"),
                P(
                    "Finns det parkering i närheten av Regeringsgatan 66, eller rekommenderar ni kollektivtrafik?"
                ),
                mvh("Lisa"),
            ),
        ),
        "none",
        (("forwarded", None),),
        (),
        note="a question from an invited sender: to the organiser, no booking",
    )
)

add(
    Case(
        "none-english-question-slides-region",
        "gmail",
        Mail(
            "Simon Clarke",
            "simon.clarke@regionstockholm.se",
            "Question about the presentations",
            date(29, 15, 0),
            (
                P("Hi,"),
                P("Will the slides from the presentations be shared afterwards?"),
                P("Thanks,\nSimon"),
            ),
            lang="en",
        ),
        "none",
        (("forwarded", None),),
        (),
    )
)

add(
    Case(
        "none-not-invited-private-gmail",
        "gmail",
        Mail(
            "Kalle Svensson",
            "kalle.svensson1979@gmail.com",
            "Anmälan seminarium",
            date(24, 20, 0),
            (P("Hej!"), P("Jag vill anmäla mig till seminariet om öppna drogscener."), P("/Kalle")),
        ),
        "sender",
        (("rejected-not-invited", None),),
        (),
    )
)

add(
    Case(
        "none-uninvited-newsletter-no-reply",
        "outlook",
        Mail(
            "Nyhetsbrev Trygghetsforum",
            "info@trygghetsforum.example",
            "Nyhetsbrev augusti: trygghet i offentlig miljö",
            date(25, 6, 0),
            (
                P("Läs om höstens konferenser och nya rapporter om trygghet i offentlig miljö."),
                P("Avsluta prenumeration: svara med AVSLUTA."),
            ),
        ),
        "none",
        (("ignored", None),),
        (),
    )
)


# --------------------------------------------------------------------------- replies and forwards

add(
    Case(
        "reply-tack-to-confirmation-forwarded",
        "outlook",
        Mail(
            "Lisa Berg",
            "lisa.berg@huddinge.se",
            "SV: " + CONFIRMATION_SUBJECT,
            date(22, 10, 0),
            (P("Tack!"), P("/Lisa"), confirmation_quote("Lisa Berg", "lisa.berg@huddinge.se")),
            in_reply_to=CONFIRMATION,
        ),
        "none",
        (("forwarded", None),),
        (LISA, ANNA),
        setup=(HUD_TWO,),
        received=received(22, 10, 1),
        reply_to=LISA.email,
        note="a thank-you: to the organiser whole, no answer, nothing booked or cancelled",
    )
)

_ingrid = b("Ingrid Hedlund", "sodertalje.se", SDT)
add(
    Case(
        "reply-to-invitation-jag-kommer-garna",
        "outlook",
        Mail(
            "Ingrid Hedlund",
            "ingrid.hedlund@sodertalje.se",
            "SV: Inbjudan: Öppna drogscener i Stockholms läns utsatta områden – seminarieserie 13–15 september",
            date(16, 9, 0),
            (
                P("Hej Therese,"),
                P("Jag kommer gärna!"),
                mvh("Ingrid"),
                sig(
                    "Ingrid Hedlund",
                    "Avdelningschef",
                    "Södertälje kommun",
                    "08-523 010 00",
                    "ingrid.hedlund@sodertalje.se",
                ),
                invitation("socialkontoret@sodertalje.se"),
            ),
        ),
        "sender",
        booked(_ingrid),
        (_ingrid,),
        received=received(16, 9, 1),
        note="the quoted invitation names the organiser and a template block: only the sender is booked",
    )
)

_gb = [
    b("Tove Lind", "sigtuna.se", "Sigtuna kommun"),
    b("Malin Ek", "sigtuna.se", "Sigtuna kommun"),
]
add(
    Case(
        "reply-to-invitation-gmail-with-blocks",
        "gmail",
        Mail(
            "Malin Ek",
            "malin.ek@sigtuna.se",
            "Re: Inbjudan: Öppna drogscener i Stockholms läns utsatta områden – seminarieserie 13–15 september",
            date(17, 13, 0),
            (
                P("Hej!"),
                P("Vi anmäler:"),
                P("Namn: Tove Lind\nE-post: tove.lind@sigtuna.se"),
                Blank(),
                P("Namn: Malin Ek\nE-post: malin.ek@sigtuna.se"),
                P("/Malin"),
                invitation("kommunen@sigtuna.se"),
            ),
        ),
        "key-block",
        booked(*_gb),
        tuple(_gb),
        received=received(17, 13, 1),
    )
)

add(
    Case(
        "reply-question-to-invitation-owa",
        "owa",
        Mail(
            "Jessica Lund",
            "jessica.lund@stockholm.se",
            "SV: Inbjudan: Öppna drogscener i Stockholms läns utsatta områden – seminarieserie 13–15 september",
            date(18, 10, 0),
            (
                P("Hej,"),
                P("Gäller inbjudan även våra fältassistenter i Bromma, eller bara chefer?"),
                P("Mvh Jessica Lund\nBromma stadsdelsförvaltning"),
                invitation("bromma@stockholm.se"),
            ),
        ),
        "none",
        (("forwarded", None),),
        (),
        received=received(18, 10, 1),
    )
)

_johan = b("Johan Åkesson", "huddinge.se", HUD)
add(
    Case(
        "fwd-colleagues-request-se-nedan-huddinge",
        "outlook",
        Mail(
            "Maria Lundgren",
            "maria.lundgren@huddinge.se",
            "VB: Seminariet 14 september",
            date(25, 11, 0),
            (
                P("Se nedan."),
                P("/Maria"),
                Quote(
                    "Johan Åkesson",
                    "johan.akesson@huddinge.se",
                    dt.datetime(2022, 8, 25, 10, 40),
                    "Maria Lundgren <maria.lundgren@huddinge.se>",
                    "Seminariet 14 september",
                    (
                        P("Hej Maria,"),
                        P(
                            "Jag vill gärna anmäla mig till seminariet den 14 september. Kan du skicka vidare?"
                        ),
                        P("Mvh Johan Åkesson\nFältassistent"),
                    ),
                    forward=True,
                ),
            ),
        ),
        "sender",
        booked(_johan),
        (_johan,),
        note="a same-actor colleague's request forwarded with 'se nedan': its author is registered",
    )
)

_fl = [b("Nadia Karimi", "huddinge.se", HUD), b("Elin Nyström", "huddinge.se", HUD)]
add(
    Case(
        "fwd-colleagues-list-owa-huddinge",
        "owa",
        Mail(
            "Maria Lundgren",
            "maria.lundgren@huddinge.se",
            "VB: Anmälan från socialtjänsten",
            date(26, 9, 0),
            (
                P("Anmäler enligt nedan."),
                P("Maria"),
                Quote(
                    "Nadia Karimi",
                    "nadia.karimi@huddinge.se",
                    dt.datetime(2022, 8, 26, 8, 12),
                    "Maria Lundgren <maria.lundgren@huddinge.se>",
                    "Anmälan från socialtjänsten",
                    (
                        P("Hej, vi från socialtjänsten vill gärna gå:"),
                        Items(
                            (
                                "Nadia Karimi, nadia.karimi@huddinge.se",
                                "Elin Nyström, elin.nystrom@huddinge.se",
                            )
                        ),
                        P("/Nadia"),
                    ),
                    forward=True,
                ),
            ),
        ),
        "list",
        booked(*_fl),
        tuple(_fl),
    )
)

_fi = [b("Anna Lindgren", "botkyrka.se", BOK), b("Per Åström", "botkyrka.se", BOK)]
add(
    Case(
        "fwd-invitation-with-names-on-top-botkyrka",
        "outlook",
        Mail(
            "Åsa Källström",
            "asa.kallstrom@botkyrka.se",
            "VB: Inbjudan: Öppna drogscener i Stockholms läns utsatta områden – seminarieserie 13–15 september",
            date(20, 9, 30),
            (
                P("Hej,"),
                P("Vi anmäler:"),
                P(
                    "Anna Lindgren, anna.lindgren@botkyrka.se, enhetschef\nPer Åström, per.astrom@botkyrka.se, fältsekreterare"
                ),
                mvh("Åsa"),
                invitation("kommunledningen@botkyrka.se", forward=True),
            ),
        ),
        "line",
        booked(*_fi),
        tuple(_fi),
        received=received(20, 9, 31),
        note="the forwarded invitation names the organiser: only the names on top are booked",
    )
)

_fg = [
    b("Hanna Lind", "sollentuna.se", "Sollentuna kommun"),
    b("Ola Svedberg", "sollentuna.se", "Sollentuna kommun"),
]
add(
    Case(
        "fwd-gmail-vidarebefordrat-meddelande-sollentuna",
        "gmail",
        Mail(
            "Rasmus Kjellberg",
            "rasmus.kjellberg@sollentuna.se",
            "Fwd: Anmälan till seminariet",
            date(27, 10, 0),
            (
                P("Anmäler enligt nedan /Rasmus"),
                Quote(
                    "Hanna Lind",
                    "hanna.lind@sollentuna.se",
                    dt.datetime(2022, 8, 27, 9, 2),
                    "Rasmus Kjellberg <rasmus.kjellberg@sollentuna.se>",
                    "Anmälan till seminariet",
                    (
                        P("Hej Rasmus!"),
                        P("Namn: Hanna Lind\nE-post: hanna.lind@sollentuna.se"),
                        Blank(),
                        P("Namn: Ola Svedberg\nE-post: ola.svedberg@sollentuna.se"),
                        P("Hanna"),
                    ),
                    forward=True,
                ),
            ),
        ),
        "key-block",
        booked(*_fg),
        tuple(_fg),
    )
)

add(
    Case(
        "fwd-other-actors-mail-se-nedan-to-organiser",
        "outlook",
        Mail(
            "Maria Lundgren",
            "maria.lundgren@huddinge.se",
            "VB: Deltagare",
            date(28, 9, 0),
            (
                P("Se nedan."),
                Quote(
                    "Fatima Hassan",
                    "fatima.hassan@botkyrka.se",
                    dt.datetime(2022, 8, 27, 16, 0),
                    "Maria Lundgren <maria.lundgren@huddinge.se>",
                    "Deltagare",
                    (
                        P("Hej Maria, kan du anmäla oss också?"),
                        Items(
                            (
                                "Fatima Hassan, fatima.hassan@botkyrka.se",
                                "Emir Kovač, emir.kovac@botkyrka.se",
                            )
                        ),
                        P("/Fatima"),
                    ),
                    forward=True,
                ),
            ),
        ),
        "none",
        (("forwarded", None),),
        (),
        note="the forwarded part is Botkyrka's, not Huddinge's: book no one; the organiser decides",
    )
)

_ft = [b("Oskar Lind", "kriminalvarden.se", KV)]
add(
    Case(
        "fwd-thunderbird-own-text-names-participant",
        "thunderbird",
        Mail(
            "Camilla Strand",
            "camilla.strand@kriminalvarden.se",
            "Fwd: Registration",
            date(29, 10, 0),
            (
                P(
                    "Hi, please register Oskar Lind (oskar.lind@kriminalvarden.se). The list below is out of date."
                ),
                P("Camilla"),
                Quote(
                    "Emma Johansson",
                    "emma.johansson@kriminalvarden.se",
                    dt.datetime(2022, 8, 20, 10, 0),
                    "Camilla Strand <camilla.strand@kriminalvarden.se>",
                    "Registration",
                    (
                        P("Names for the seminar:"),
                        P(
                            "Emma Johansson <emma.johansson@kriminalvarden.se>\nMats Hellström <mats.hellstrom@kriminalvarden.se>"
                        ),
                    ),
                    forward=True,
                ),
            ),
            lang="en",
        ),
        "prose",
        booked(*_ft),
        tuple(_ft),
        note="the forwarder's own text names the participant: the forwarded list is not read",
    )
)

_aq = b("Emil Borg", "stockholm.se", "Skarpnäck stadsdelsförvaltning")
add(
    Case(
        "reply-apple-template-block-in-quote-not-booked",
        "apple",
        Mail(
            "Emil Borg",
            "emil.borg@stockholm.se",
            "Re: Inbjudan: Öppna drogscener i Stockholms läns utsatta områden – seminarieserie 13–15 september",
            date(19, 14, 0),
            (
                P("Hej!"),
                P(
                    "Jag anmäler mig. Jag arbetar som fältassistent på Skarpnäcks stadsdelsförvaltning."
                ),
                P("Emil"),
                invitation("skarpnack@stockholm.se"),
            ),
        ),
        "sender",
        booked(_aq),
        (_aq,),
        received=received(19, 14, 1),
        note="stockholm.se is shared: Skarpnäck is named in a sentence",
    )
)

_ap = [b("Hamid Nouri", "stockholm.se", "Skärholmen stadsdelsförvaltning")]
add(
    Case(
        "fwd-iphone-colleagues-request-skarholmen",
        "iphone",
        Mail(
            "Frida Ek",
            "frida.ek@stockholm.se",
            "Fwd: Seminariet om öppna drogscener",
            date(29, 12, 15),
            (
                P("Se nedan, Hamid vill gärna gå. Vi är från Skärholmens stadsdelsförvaltning."),
                Blank(),
                P("Skickat från min iPhone"),
                Quote(
                    "Hamid Nouri",
                    "hamid.nouri@stockholm.se",
                    dt.datetime(2022, 8, 29, 11, 50),
                    "Frida Ek <frida.ek@stockholm.se>",
                    "Seminariet om öppna drogscener",
                    (
                        P("Hej Frida,"),
                        P("Kan du anmäla mig till seminariet? Jag kommer gärna."),
                        P("/Hamid"),
                    ),
                    forward=True,
                ),
            ),
        ),
        "sender",
        booked(*_ap),
        tuple(_ap),
        note="a same-actor colleague's request forwarded from an iPhone ('Början av vidarebefordrat brev')",
    )
)

_op = [b("Stefan Åkerlund", "norrtalje.se", "Norrtälje kommun")]
add(
    Case(
        "reply-outlook-plain-text-ursprungligt-meddelande",
        "outlook:plain-text",
        Mail(
            "Stefan Åkerlund",
            "stefan.akerlund@norrtalje.se",
            "SV: Inbjudan: Öppna drogscener i Stockholms läns utsatta områden – seminarieserie 13–15 september",
            date(17, 8, 45),
            (
                P("Hej,"),
                P("Jag anmäler mig till seminariet den 15 september."),
                P("Stefan Åkerlund\nEnhetschef, Norrtälje kommun"),
                invitation("socialforvaltningen@norrtalje.se"),
            ),
        ),
        "sender",
        booked(*_op),
        tuple(_op),
        note="Outlook in plain-text mode: the quote starts with -----Ursprungligt meddelande-----",
    )
)
