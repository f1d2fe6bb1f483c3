"""Corpus cases written blind (issue 9, branch i9-blind): mails a user would send that nobody on
the team wrote, by someone who has not read mailbot's readers. Each expectation was decided from
the SPEC before the bot was run, and is kept as written even where the bot reads it otherwise:
prose that gives addresses on a later line, hyphenated and double surnames, "von", initials,
upper-case addresses and keys, numbered and English keys, key blocks with fields that are not
people (Specialkost, Referens, Fakturaadress), mobile one-liners, changes that are neither a
booking nor a cancellation (a new address, a spelling, diets, parking, thanks), swaps and
cancellations in new words, Outlook meeting responses, out-of-office replies, a read receipt,
attachments that cannot be read, English and mixed mails, and precision traps (a contact person
in the signature, a forwarded earlier registration, colleagues in Cc, "om det finns plats").
"""

from __future__ import annotations

import datetime as dt

from body import Attachment, Blank, Items, Mail, P, Quote, Sig
from cases_wording import EMMA, MATS
from expect import (
    ANNA,
    BOK,
    BOT_TWO,
    HAN,
    HAN_FIVE,
    HUD,
    HUD_TWO,
    JAR,
    KV,
    KV_TWO,
    LISA,
    NAC,
    REG,
    TULL,
    Booking,
    Case,
    b,
    booked,
    st,
)
from pieces import (
    CONFIRMATION,
    CONFIRMATION_SUBJECT,
    INVITATION_SUBJECT,
    KOMMUN_DISCLAIMER,
    PDF,
    POLICE_DISCLAIMER,
    STATE_DISCLAIMER,
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


_FH = b("Fatima Hassan", "botkyrka.se", BOK)
_JL = b("Jonas Lärka", "botkyrka.se", BOK)
_HAN5 = [
    b("Pernilla Wikström", "haninge.se", HAN),
    b("Yusuf Demir", "haninge.se", HAN),
    b("Maja Forsberg", "haninge.se", HAN),
    b("Patrik Öhman", "haninge.se", HAN),
    b("Ulla Gustafsson", "haninge.se", HAN, "waitlisted"),
]
SUN = "Sundbyberg stad"
SOLL = "Sollentuna kommun"

# --------------------------------------------------------------------------- prose

_sun = [
    b("Anna Berg", "sundbyberg.se", SUN),
    b("Per Lund", "sundbyberg.se", SUN),
    b("Eva Ek", "sundbyberg.se", SUN),
]
add(
    Case(
        "blind-prose-vi-blir-tre-adresser-nedan-sundbyberg",
        "outlook",
        Mail(
            "Marie Tollén",
            "marie.tollen@sundbyberg.se",
            "Anmälan till seminariet 13 september",
            date(24, 10, 12),
            (
                P("Hej Therese!"),
                P(
                    "Vi blir tre från socialtjänsten: Anna Berg (anna.berg@sundbyberg.se), Per Lund "
                    "och Eva Ek, adresser nedan."
                ),
                P("per.lund@sundbyberg.se\neva.ek@sundbyberg.se"),
                mvh("Marie"),
                sig(
                    "Marie Tollén",
                    "Enhetschef, Socialtjänsten",
                    "Sundbybergs stad",
                    "08-706 80 00",
                    "marie.tollen@sundbyberg.se",
                ),
                KOMMUN_DISCLAIMER,
            ),
        ),
        "prose",
        booked(*_sun),
        tuple(_sun),
        note="the two bare addresses below are Per's and Eva's (their names are the local parts); the writer does not come",
    )
)

_nac = [b("Kerstin Wallin", "nacka.se", NAC), b("Ahmed Farah", "nacka.se", NAC)]
add(
    Case(
        "blind-prose-fran-oss-kommer-adresser-resp-nacka",
        "gmail",
        Mail(
            "Lars Dahl",
            "lars.dahl@nacka.se",
            "Seminarium öppna drogscener",
            date(25, 13, 40),
            (
                P("Hej,"),
                P(
                    "Från oss kommer Kerstin Wallin och Ahmed Farah. Deras mejladresser är "
                    "kerstin.wallin@nacka.se resp. ahmed.farah@nacka.se."
                ),
                P("Hälsningar\nLars Dahl\nNacka kommun"),
            ),
        ),
        "prose",
        booked(*_nac),
        tuple(_nac),
        note="'resp.' pairs the addresses with the names in order",
    )
)

_ty = [
    b("Lena Ström", "tyreso.se", "Tyresö kommun"),
    b("Bo Ek", "tyreso.se", "Tyresö kommun"),
    b("Kristin Åberg", "tyreso.se", "Tyresö kommun"),
]
add(
    Case(
        "blind-prose-titles-before-names-samt-jag-sjalv-tyreso",
        "owa",
        Mail(
            "Kristin Åberg",
            "kristin.aberg@tyreso.se",
            "Anmälan seminarium 15 september",
            date(26, 9, 5),
            (
                P("Hej!"),
                P(
                    "Följande personer från oss deltar: enhetschef Lena Ström (lena.strom@tyreso.se), "
                    "samordnare Bo Ek (bo.ek@tyreso.se) samt jag själv."
                ),
                P("Vänliga hälsningar\nKristin Åberg\nSocialchef, Tyresö kommun"),
            ),
        ),
        "prose",
        booked(*_ty),
        tuple(_ty),
        note="the titles before the names are titles, not part of the names; 'samt jag själv' counts the writer",
    )
)

_nora = b("Nora Lind", "tullverket.se", TULL)
add(
    Case(
        "blind-prose-angle-address-in-sentence-tullverket",
        "thunderbird",
        Mail(
            "Jörgen Hägg",
            "jorgen.hagg@tullverket.se",
            "Anmälan kollega",
            date(24, 15, 20),
            (
                P("Hej,"),
                P(
                    "Jag vill anmäla min kollega Nora Lind <nora.lind@tullverket.se> som arbetar på "
                    "brottsbekämpningen i Stockholm. Själv har jag redan fått en plats via chefen."
                ),
                Sig(("Jörgen Hägg", "Tullinspektör", "Tullverket", "Tel: 0771-520 520")),
            ),
        ),
        "prose",
        booked(_nora),
        (_nora,),
        note="only the colleague; the writer is not counted",
    )
)

# --------------------------------------------------------------------------- names and addresses

_bok = [
    b("Anna-Karin Svensson Lindgren", "botkyrka.se", BOK),
    b("Carl von Essen", "botkyrka.se", BOK),
]
add(
    Case(
        "blind-kb-hyphen-double-surname-von-specialkost-botkyrka",
        "outlook",
        Mail(
            "Petra Lind",
            "petra.lind@botkyrka.se",
            "Anmälan Botkyrka kommun",
            date(24, 11, 0),
            (
                P("Hej,"),
                P("Här kommer våra anmälningar."),
                P(
                    "Namn: Anna-Karin Svensson Lindgren\nE-post: anna-karin.svensson.lindgren@botkyrka.se\n"
                    "Befattning: Verksamhetschef\nSpecialkost: Laktosfri\nAllergier: Nötter"
                ),
                Blank(),
                P(
                    "Namn: Carl von Essen\nE-post: carl.von.essen@botkyrka.se\nBefattning: Säkerhetssamordnare\n"
                    "Specialkost: Ingen\nAllergier: -"
                ),
                mvh("Petra"),
                KOMMUN_DISCLAIMER,
            ),
        ),
        "key-block",
        booked(*_bok),
        tuple(_bok),
    )
)

_sol = [
    Booking("anna.berg@solna.se", "A. Berg", "Solna stad"),
    Booking("jonas.ek@solna.se", "Jonas Ek", "Solna stad"),
]
add(
    Case(
        "blind-line-initial-and-upper-case-addresses-solna",
        "outlook",
        Mail(
            "Henrik Söderberg",
            "henrik.soderberg@solna.se",
            "Anmälan",
            date(25, 8, 30),
            (
                P("Hej,"),
                P("Anmäler följande två till seminariet:"),
                P("A. Berg <ANNA.BERG@SOLNA.SE>\nJonas Ek <Jonas.Ek@solna.se>"),
                mvh("Henrik"),
            ),
        ),
        "line",
        booked(*_sol),
        tuple(_sol),
        note="names kept as written ('A. Berg'); addresses compared case-folded",
    )
)

_lid = [b("Per Nordlund", "lidingo.se", "Lidingö stad")]
add(
    Case(
        "blind-kb-upper-case-keys-and-address-lidingo",
        "outlook",
        Mail(
            "Per Nordlund",
            "per.nordlund@lidingo.se",
            "ANMÄLAN SEMINARIUM",
            date(26, 14, 10),
            (
                P("NAMN: Per Nordlund\nE-POST: PER.NORDLUND@LIDINGO.SE\nBEFATTNING: Fältassistent"),
                P("/Per"),
            ),
        ),
        "key-block",
        booked(*_lid),
        tuple(_lid),
    )
)

_nour = b("Nour Al-Hassan", "botkyrka.se", BOK)
add(
    Case(
        "blind-sender-hyphenated-efternamn-fornamn-display-botkyrka",
        "outlook",
        Mail(
            "Al-Hassan Nour",
            "nour.al-hassan@botkyrka.se",
            "Anmälan seminarium 14 september",
            date(25, 10, 45),
            (P("Hej!"), P("Jag anmäler mig till seminariet."), mvh("Nour")),
        ),
        "sender",
        booked(_nour),
        (_nour,),
        note="display name in Efternamn Förnamn order with a hyphenated surname; the local part shows the other order",
    )
)

# --------------------------------------------------------------------------- key blocks with more fields

_jar = [b("Sofia Ahl", "jarfalla.se", JAR), b("Martin Kask", "jarfalla.se", JAR)]
add(
    Case(
        "blind-kb-deltagare-1-2-numbered-keys-jarfalla",
        "owa",
        Mail(
            "Eva Dahlberg",
            "eva.dahlberg@jarfalla.se",
            "Anmälan till seminarium 14/9",
            date(24, 13, 15),
            (
                P("Hej,"),
                P("Vi anmäler två deltagare från Järfälla kommun:"),
                P("Deltagare 1: Sofia Ahl\nE-post: sofia.ahl@jarfalla.se\nBefattning: Enhetschef"),
                P(
                    "Deltagare 2: Martin Kask\nE-post: martin.kask@jarfalla.se\nBefattning: Fältsekreterare"
                ),
                P("Vänliga hälsningar\nEva Dahlberg"),
            ),
        ),
        "key-block",
        booked(*_jar),
        tuple(_jar),
    )
)

_reg = [b("David Okoye", "regionstockholm.se", REG)]
add(
    Case(
        "blind-kb-english-attendee-full-name-email-address-region",
        "gmail",
        Mail(
            "Grace Lindberg",
            "grace.lindberg@regionstockholm.se",
            "Registration – seminar on open drug scenes",
            date(25, 16, 0),
            (
                P("Hello,"),
                P("Please find our registration below."),
                P(
                    "Attendee 1\nFull name: David Okoye\nE-mail address: david.okoye@regionstockholm.se\n"
                    "Job title: Addiction physician"
                ),
                P("Best regards,\nGrace Lindberg\nRegion Stockholm"),
            ),
            lang="en",
        ),
        "key-block",
        booked(*_reg),
        tuple(_reg),
        note="English keys not in the SPEC's list ('Full name', 'E-mail address'); the writer does not come",
    )
)

_han = [b("Johan Ekdahl", "haninge.se", HAN)]
add(
    Case(
        "blind-kb-referens-fakturaadress-orgnr-not-people-haninge",
        "outlook",
        Mail(
            "Tobias Fredriksson",
            "tobias.fredriksson@haninge.se",
            "Anmälan Haninge",
            date(25, 9, 20),
            (
                P("Hej,"),
                P(
                    "Namn: Johan Ekdahl\nE-post: johan.ekdahl@haninge.se\nBefattning: Socialsekreterare\n"
                    "Telefon: 08-606 70 00\nOrt: Handen"
                ),
                Blank(),
                P(
                    "Fakturaadress: Haninge kommun, Box 201, 136 81 Haninge\nReferens: Marie Holm\n"
                    "Organisationsnummer: 212000-0159"
                ),
                mvh("Tobias"),
            ),
        ),
        "key-block",
        booked(*_han),
        tuple(_han),
        note="the invoicing block names a reference person, no participant",
    )
)

# --------------------------------------------------------------------------- mobile clients

_kalle = b("Karl Nyström", "nacka.se", NAC)
add(
    Case(
        "blind-outlook-ios-one-liner-anmaler-mig-nacka",
        "owa",
        Mail(
            "Karl Nyström",
            "karl.nystrom@nacka.se",
            "Seminarium 14/9",
            date(26, 7, 12),
            (P("Anmäler mig! /Kalle"), Blank(), P("Skickat från Outlook för iOS")),
        ),
        "sender",
        booked(_kalle),
        (_kalle,),
        note="'Kalle' is Karl's nickname: the name comes from the From display name",
    )
)

_sanna = b("Sanna Ali", "sollentuna.se", SOLL)
add(
    Case(
        "blind-samsung-top-posted-jag-kommer-invitation-quoted-sollentuna",
        "apple",
        Mail(
            "Sanna Ali",
            "sanna.ali@sollentuna.se",
            "SV: " + INVITATION_SUBJECT,
            date(23, 18, 2),
            (
                P("Jag kommer! Mvh Sanna"),
                Blank(),
                P("Skickat från min Galaxy"),
                invitation("sanna.ali@sollentuna.se"),
            ),
        ),
        "sender",
        booked(_sanna),
        (_sanna,),
        note="the template block in the quoted invitation is never booked",
    )
)

_var = [b("Jenny Falk", "varmdo.se", "Värmdö kommun"), b("Olle Berg", "varmdo.se", "Värmdö kommun")]
add(
    Case(
        "blind-outlook-android-two-colleagues-top-posted-varmdo",
        "owa",
        Mail(
            "Oskar Lindahl",
            "oskar.lindahl@varmdo.se",
            "SV: " + INVITATION_SUBJECT,
            date(24, 21, 30),
            (
                P(
                    "Hej! Anmäler Jenny Falk jenny.falk@varmdo.se och Olle Berg olle.berg@varmdo.se "
                    "från oss. Jag själv kan inte."
                ),
                P("Skickat från Outlook för Android"),
                invitation("oskar.lindahl@varmdo.se"),
            ),
        ),
        "prose",
        booked(*_var),
        tuple(_var),
    )
)

# --------------------------------------------------------------------------- changes that book and cancel no one

add(
    Case(
        "blind-change-new-address-for-registered-person-huddinge",
        "outlook",
        Mail(
            "Maria Lundgren",
            "maria.lundgren@huddinge.se",
            "Ändrad e-postadress",
            date(26, 10, 0),
            (
                P("Hej,"),
                P(
                    "Anna Lindqvist har bytt efternamn och heter nu Anna Sandén. Hennes nya adress är "
                    "anna.sanden@huddinge.se, kan ni uppdatera anmälan?"
                ),
                mvh("Maria"),
            ),
        ),
        "none",
        (("forwarded", None),),
        (LISA, ANNA),
        setup=(HUD_TWO,),
        received=received(26, 10, 1),
        note="a change of an existing booking: for the organiser; no new booking for the new address",
    )
)

add(
    Case(
        "blind-change-name-spelling-correction-botkyrka",
        "gmail",
        Mail(
            "Åsa Källström",
            "asa.kallstrom@botkyrka.se",
            "Rättelse anmälan",
            date(26, 11, 30),
            (
                P("Hej!"),
                P(
                    "Liten rättelse till vår anmälan: Jonas efternamn stavas Lärkå, inte Lärka. "
                    "Adressen är densamma."
                ),
                P("Mvh Åsa"),
            ),
        ),
        "none",
        (("forwarded", None),),
        (_FH, _JL),
        setup=(BOT_TWO,),
        received=received(26, 11, 31),
        note="a correction for the organiser, nothing to book or cancel",
    )
)

add(
    Case(
        "blind-change-dietary-info-afterwards-kriminalvarden",
        "thunderbird",
        Mail(
            "Camilla Strand",
            "camilla.strand@kriminalvarden.se",
            "Specialkost",
            date(27, 9, 10),
            (
                P("Hej,"),
                P(
                    "Glömde skriva i anmälan att Mats Hellström är vegan och att Emma Johansson "
                    "inte tål gluten."
                ),
                P("Hälsningar\nCamilla"),
                STATE_DISCLAIMER,
            ),
        ),
        "none",
        (("forwarded", None),),
        (EMMA, MATS),
        setup=(KV_TWO,),
        received=received(27, 9, 11),
        note="dietary information about booked people: for the organiser",
    )
)

add(
    Case(
        "blind-change-english-parking-question-reply-to-confirmation",
        "outlook",
        Mail(
            "Emma Johansson",
            "emma.johansson@kriminalvarden.se",
            "RE: " + CONFIRMATION_SUBJECT,
            date(27, 14, 0),
            (
                P("Hi,"),
                P("Thanks! Is there any parking nearby, or should I take the subway?"),
                P("Best,\nEmma"),
                confirmation_quote("Emma Johansson", "emma.johansson@kriminalvarden.se"),
            ),
            lang="en",
            in_reply_to=CONFIRMATION,
        ),
        "none",
        (("forwarded", None),),
        (EMMA, MATS),
        setup=(KV_TWO,),
        received=received(27, 14, 1),
        reply_to=EMMA.email,
        note="a question in a reply: to the organiser, no answer",
    )
)

add(
    Case(
        "blind-change-tack-for-bekraftelsen-signature-contact-person",
        "outlook",
        Mail(
            "Anna Lindqvist",
            "anna.lindqvist@huddinge.se",
            "SV: " + CONFIRMATION_SUBJECT,
            date(23, 8, 0),
            (
                P("Tack för bekräftelsen! Vi ses den 14:e."),
                Sig(
                    (
                        "Anna Lindqvist",
                        "Samordnare, Socialtjänsten",
                        "Huddinge kommun",
                        "Kontaktperson vid frånvaro: Per Nord, per.nord@huddinge.se",
                        "Tel: 08-535 300 00",
                    )
                ),
                confirmation_quote("Anna Lindqvist", "anna.lindqvist@huddinge.se"),
            ),
            in_reply_to=CONFIRMATION,
        ),
        "none",
        (("forwarded", None),),
        (LISA, ANNA),
        setup=(HUD_TWO,),
        received=received(23, 8, 1),
        reply_to=ANNA.email,
        note="a thank-you; the contact person in the signature is not registered",
    )
)

# --------------------------------------------------------------------------- cancellations and swaps

_karin = b("Karin Ström", "huddinge.se", HUD)
add(
    Case(
        "blind-subst-far-forhinder-ersatts-av-huddinge",
        "owa",
        Mail(
            "Maria Lundgren",
            "maria.lundgren@huddinge.se",
            "Ändring deltagare",
            date(29, 9, 0),
            (
                P("Hej!"),
                P(
                    "Lisa Berg har fått förhinder, hon ersätts av Karin Ström (karin.strom@huddinge.se), "
                    "utredare på socialtjänsten."
                ),
                P("Tack på förhand!\nMaria"),
            ),
        ),
        "prose",
        (("substituted", _karin.email), ("cancelled", LISA.email)),
        (st(LISA, "cancelled"), ANNA, _karin),
        setup=(HUD_TWO,),
        received=received(29, 9, 1),
    )
)

add(
    Case(
        "blind-cancel-lamna-aterbud-for-named-colleague-huddinge",
        "outlook",
        Mail(
            "Maria Lundgren",
            "maria.lundgren@huddinge.se",
            "Seminariet 14 september",
            date(30, 15, 30),
            (
                P("Hej Therese,"),
                P("Vi måste tyvärr lämna återbud för Anna Lindqvist."),
                mvh("Maria"),
                KOMMUN_DISCLAIMER,
            ),
        ),
        "none",
        (("cancelled", ANNA.email),),
        (LISA, st(ANNA, "cancelled")),
        setup=(HUD_TWO,),
        received=received(30, 15, 31),
    )
)

_per = b("Per Sundin", "kriminalvarden.se", KV)
add(
    Case(
        "blind-subst-kommer-istallet-for-mig-kriminalvarden",
        "thunderbird",
        Mail(
            "Emma Johansson",
            "emma.johansson@kriminalvarden.se",
            "Byte",
            date(29, 13, 45),
            (
                P("Hej,"),
                P(
                    "Jag kan inte komma den 14:e, Per Sundin kommer istället för mig. Hans adress är "
                    "per.sundin@kriminalvarden.se."
                ),
                P("Hälsningar\nEmma"),
            ),
        ),
        "prose",
        (("substituted", _per.email), ("cancelled", EMMA.email)),
        (st(EMMA, "cancelled"), MATS, _per),
        setup=(KV_TWO,),
        received=received(29, 13, 46),
    )
)

add(
    Case(
        "blind-cancel-two-named-people-promotes-haninge",
        "outlook",
        Mail(
            "Tobias Fredriksson",
            "tobias.fredriksson@haninge.se",
            "Återbud",
            date(31, 8, 15),
            (
                P("Hej,"),
                P("Återbud för Maja Forsberg och Patrik Öhman, de är tyvärr upptagna den dagen."),
                mvh("Tobias"),
            ),
        ),
        "none",
        (
            ("cancelled", _HAN5[2].email),
            ("cancelled", _HAN5[3].email),
            ("promoted", _HAN5[4].email),
        ),
        (
            _HAN5[0],
            _HAN5[1],
            st(_HAN5[2], "cancelled"),
            st(_HAN5[3], "cancelled"),
            st(_HAN5[4], "confirmed"),
        ),
        setup=(HAN_FIVE,),
        received=received(31, 8, 16),
        note="two named cancellations free two seats; the one waiting is promoted",
    )
)

add(
    Case(
        "blind-cancel-other-actors-participant-by-name-asks",
        "gmail",
        Mail(
            "Åsa Källström",
            "asa.kallstrom@botkyrka.se",
            "Återbud Lisa Berg",
            date(30, 10, 10),
            (
                P("Hej,"),
                P("Lisa Berg på Huddinge bad mig meddela att hon inte kan komma."),
                P("Mvh Åsa"),
            ),
        ),
        "none",
        (("needs-info", None),),
        (LISA, ANNA),
        ask=True,
        setup=(HUD_TWO,),
        received=received(30, 10, 11),
        note="§3: a name is matched against the sender's own actor's registrations; no match: needs-info (Lisa is Huddinge's)",
    )
)

_rebecca = b("Rebecca Holt", "kriminalvarden.se", KV)
add(
    Case(
        "blind-subst-english-take-his-seat-kriminalvarden",
        "owa",
        Mail(
            "Camilla Strand",
            "camilla.strand@kriminalvarden.se",
            "Change of participant",
            date(30, 9, 40),
            (
                P("Hi Therese,"),
                P(
                    "Mats Hellström can no longer attend. His colleague Rebecca Holt "
                    "(rebecca.holt@kriminalvarden.se) will take his seat."
                ),
                P("Kind regards,\nCamilla Strand"),
            ),
            lang="en",
        ),
        "prose",
        (("substituted", _rebecca.email), ("cancelled", MATS.email)),
        (EMMA, st(MATS, "cancelled"), _rebecca),
        setup=(KV_TWO,),
        received=received(30, 9, 41),
    )
)

add(
    Case(
        "blind-cancel-subject-only-iphone-huddinge",
        "iphone",
        Mail(
            "Anna Lindqvist",
            "anna.lindqvist@huddinge.se",
            "Avanmälan",
            date(1, 6, 50, 9),
            (P("Skickat från min iPhone"),),
        ),
        "none",
        (("cancelled", ANNA.email),),
        (LISA, st(ANNA, "cancelled")),
        setup=(HUD_TWO,),
        received=received(1, 6, 51, 9),
        note="'Avanmälan' in the subject, no one named: the sender herself",
    )
)

# --------------------------------------------------------------------------- conditions and doubts

add(
    Case(
        "blind-vet-inte-om-jag-kan-komma-nacka",
        "outlook",
        Mail(
            "Jonas Wikman",
            "jonas.wikman@nacka.se",
            "Seminariet i september",
            date(24, 16, 30),
            (
                P("Hej,"),
                P(
                    "Jag vet inte om jag kan komma än, det beror på schemat. Kan jag återkomma nästa vecka?"
                ),
                mvh("Jonas"),
            ),
        ),
        "none",
        (("forwarded", None),),
        (),
        note="undecided: not a registration; a question for the organiser",
    )
)

_maria_s = b("Maria Sjöholm", "sollentuna.se", SOLL)
add(
    Case(
        "blind-om-det-finns-plats-annars-inte-seats-free-sollentuna",
        "gmail",
        Mail(
            "Maria Sjöholm",
            "maria.sjoholm@sollentuna.se",
            "Anmälan",
            date(25, 12, 0),
            (P("Hej!"), P("Anmäl mig om det finns plats kvar, annars inte."), P("/Maria Sjöholm")),
        ),
        "sender",
        booked(_maria_s),
        (_maria_s,),
        note="Sollentuna has free seats, so the condition holds: booked",
    )
)

add(
    Case(
        "blind-om-det-finns-plats-annars-inte-actor-full-haninge",
        "outlook",
        Mail(
            "Sven Nylund",
            "sven.nylund@haninge.se",
            "Anmälan",
            date(26, 12, 0),
            (
                P("Hej!"),
                P("Anmäl mig om det finns plats kvar, annars struntar vi i det."),
                mvh("Sven"),
            ),
        ),
        "sender",
        (("needs-info", None),),
        tuple(_HAN5),
        ask=True,
        setup=(HAN_FIVE,),
        received=received(26, 12, 1),
        note="Haninge is full: he does not want the waitlist ('annars inte'), so no waitlist booking; tell him and ask",
    )
)

# --------------------------------------------------------------------------- calendar, auto-replies, receipts

_ICS_ACCEPT = (
    "BEGIN:VCALENDAR\nMETHOD:REPLY\nPRODID:Microsoft Exchange Server 2010\nVERSION:2.0\n"
    "BEGIN:VEVENT\nATTENDEE;PARTSTAT=ACCEPTED;CN=Lisa Berg:mailto:lisa.berg@huddinge.se\n"
    "COMMENT;LANGUAGE=sv-SE:\\n\nSUMMARY;LANGUAGE=sv-SE:Accepterat: Öppna drogscener i Stockholms läns "
    "utsatta områden\nDTSTART:20220914T110000Z\nDTEND:20220914T143000Z\n"
    "UID:seminar-2022-09-14@anmalan.lansstyrelsen.example\nCLASS:PUBLIC\nPRIORITY:5\n"
    "DTSTAMP:20220822T101500Z\nTRANSP:OPAQUE\nSEQUENCE:0\nLOCATION;LANGUAGE=sv-SE:Länsstyrelsen "
    "Stockholm\\, Regeringsgatan 66\nEND:VEVENT\nEND:VCALENDAR\n"
)
add(
    Case(
        "blind-outlook-meeting-accepted-registered-huddinge",
        "outlook:meeting-response",
        Mail(
            "Lisa Berg",
            "lisa.berg@huddinge.se",
            "Accepterat: Öppna drogscener i Stockholms läns utsatta områden",
            date(22, 10, 15),
            (),
            in_reply_to=CONFIRMATION,
        ),
        "none",
        (("forwarded", None),),
        (LISA, ANNA),
        setup=(HUD_TWO,),
        received=received(22, 10, 16),
        reply_to=LISA.email,
        extra={"ics": _ICS_ACCEPT},
        note="Outlook's Accept of the confirmation's calendar item: a reply with nothing to act on (§10), no second booking",
    )
)

_ICS_DECLINE = (
    _ICS_ACCEPT.replace("PARTSTAT=ACCEPTED", "PARTSTAT=DECLINED")
    .replace(
        "CN=Lisa Berg:mailto:lisa.berg@huddinge.se",
        "CN=Emma Johansson:mailto:emma.johansson@kriminalvarden.se",
    )
    .replace("Accepterat:", "Avböjt:")
    .replace("COMMENT;LANGUAGE=sv-SE:\\n", "COMMENT;LANGUAGE=sv-SE:Jag kan tyvärr inte komma.\\n")
)
add(
    Case(
        "blind-outlook-meeting-declined-with-comment-kriminalvarden",
        "outlook:meeting-response",
        Mail(
            "Emma Johansson",
            "emma.johansson@kriminalvarden.se",
            "Avböjt: Öppna drogscener i Stockholms läns utsatta områden",
            date(2, 8, 5, 9),
            (P("Jag kan tyvärr inte komma."),),
            in_reply_to=CONFIRMATION,
        ),
        "none",
        (("cancelled", EMMA.email),),
        (st(EMMA, "cancelled"), MATS),
        setup=(KV_TWO,),
        received=received(2, 8, 6, 9),
        reply_to=EMMA.email,
        extra={"ics": _ICS_DECLINE},
        note="a declined meeting response whose comment says she cannot come: cancels the confirmation's participant",
    )
)

_OOF_BODY = (
    P("Hej!"),
    P(
        "Jag är på semester till och med den 28 augusti och läser inte min e-post. Vid brådskande "
        "ärenden kontakta min kollega Per Nord, per.nord@huddinge.se, 08-535 300 00."
    ),
    P("Med vänlig hälsning\nAnna Lindqvist"),
)
add(
    Case(
        "blind-out-of-office-auto-submitted-reply-to-confirmation",
        "outlook",
        Mail(
            "Anna Lindqvist",
            "anna.lindqvist@huddinge.se",
            "Automatiskt svar: " + CONFIRMATION_SUBJECT,
            date(22, 9, 16),
            _OOF_BODY,
            in_reply_to=CONFIRMATION,
            headers=("Auto-Submitted: auto-replied", "X-Auto-Response-Suppress: All"),
        ),
        "none",
        (("ignored", None),),
        (LISA, ANNA),
        setup=(HUD_TWO,),
        received=received(22, 9, 17),
        reply_to=ANNA.email,
        note="an out-of-office (Auto-Submitted): recorded, never answered (§10); the colleague is not booked",
    )
)

add(
    Case(
        "blind-out-of-office-without-auto-submitted-huddinge",
        "outlook",
        Mail(
            "Anna Lindqvist",
            "anna.lindqvist@huddinge.se",
            "Autosvar: " + CONFIRMATION_SUBJECT,
            date(22, 9, 20),
            _OOF_BODY,
        ),
        "none",
        (("forwarded", None),),
        (LISA, ANNA),
        setup=(HUD_TWO,),
        received=received(22, 9, 21),
        note="an old system's out-of-office without Auto-Submitted or In-Reply-To: no registration, the colleague named for urgent matters is never booked",
    )
)

add(
    Case(
        "blind-read-receipt-of-confirmation",
        "outlook:read-receipt",
        Mail(
            "Lisa Berg",
            "lisa.berg@huddinge.se",
            "Läst: " + CONFIRMATION_SUBJECT,
            date(22, 9, 40),
            (
                P(
                    "Ditt meddelande\n\n    Till: Lisa Berg\n    Ämne: "
                    + CONFIRMATION_SUBJECT
                    + "\n    Skickat: den 22 augusti 2022 09:15\n\nlästes den 22 augusti 2022 09:40."
                ),
            ),
            in_reply_to=CONFIRMATION,
        ),
        "none",
        (("ignored", None),),
        (LISA, ANNA),
        setup=(HUD_TWO,),
        received=received(22, 9, 41),
        reply_to=LISA.email,
        extra={"read_by": "lisa.berg@huddinge.se"},
        note="a read receipt (multipart/report, disposition-notification): no reply, nothing booked (§10)",
    )
)

# --------------------------------------------------------------------------- attachments that cannot be read

_DOCX = Attachment(
    "Deltagare seminarium.docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00word/document.xml" + b"\x00" * 64,
)
add(
    Case(
        "blind-att-docx-only-names-inside-nacka",
        "outlook",
        Mail(
            "Göran Sjöberg",
            "goran.sjoberg@nacka.se",
            "Anmälan seminarium 14 september",
            date(25, 14, 20),
            (P("Hej!"), P("Bifogar anmälan för våra deltagare."), mvh("Göran")),
            attachments=(_DOCX,),
        ),
        "attachment",
        (("needs-info", None),),
        (),
        ask=True,
        note="the participants are in a Word file the bot does not read: ask; never book the sender",
    )
)

_JPG = Attachment(
    "IMG_4512.jpg",
    "image/jpeg",
    b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00H\x00H\x00\x00" + b"\x00" * 48 + b"\xff\xd9",
)
add(
    Case(
        "blind-att-photo-of-list-iphone-varmdo",
        "iphone",
        Mail(
            "Oskar Lindahl",
            "oskar.lindahl@varmdo.se",
            "Anmälan",
            date(26, 19, 5),
            (P("Här är listan på de som kommer från oss"), Blank(), P("Skickat från min iPhone")),
            attachments=(_JPG,),
        ),
        "attachment",
        (("needs-info", None),),
        (),
        ask=True,
        note="a photo of a list: ask for the names and addresses; the sender is not one of them by anything written",
    )
)

add(
    Case(
        "blind-att-pdf-anmalningsblankett-only-tullverket",
        "outlook",
        Mail(
            "Karin Ek",
            "karin.ek@tullverket.se",
            "Anmälan Tullverket",
            date(25, 8, 50),
            (P("Hej,"), P("Se bifogad anmälningsblankett med våra tre deltagare."), mvh("Karin")),
            attachments=(
                Attachment("Anmalningsblankett_Tullverket.pdf", "application/pdf", PDF.data),
            ),
        ),
        "attachment",
        (("needs-info", None),),
        (),
        ask=True,
        note="the participants are only in a PDF, which is not read: ask",
    )
)

# --------------------------------------------------------------------------- English and mixed

_tull = [b("Lina Park", "tullverket.se", TULL), b("Tomas Berglund", "tullverket.se", TULL)]
add(
    Case(
        "blind-english-line-en-dash-separator-tullverket",
        "gmail",
        Mail(
            "Sam Okafor",
            "sam.okafor@tullverket.se",
            "Registration for the seminar on 14 September",
            date(24, 10, 0),
            (
                P("Hello Therese,"),
                P("We would like to register the following officers:"),
                P(
                    "Lina Park – lina.park@tullverket.se\nTomas Berglund – tomas.berglund@tullverket.se"
                ),
                P("Best regards,\nSam Okafor\nSwedish Customs"),
            ),
            lang="en",
        ),
        "line",
        booked(*_tull),
        tuple(_tull),
    )
)

_tom = b("Tom Walker", "regionstockholm.se", REG)
add(
    Case(
        "blind-mixed-swedish-subject-english-body-region",
        "outlook",
        Mail(
            "Tom Walker",
            "tom.walker@regionstockholm.se",
            "Anmälan seminarium 14/9",
            date(25, 15, 5),
            (
                P("Hi,"),
                P("I would like to sign up for the seminar. Sorry, my Swedish is not good yet."),
                P("Best regards,\nTom Walker\nBeroendecentrum, Region Stockholm"),
            ),
        ),
        "sender",
        booked(_tom),
        (_tom,),
        note="§3: replies in English only for English keys or an English subject; the subject is Swedish, so Swedish",
    )
)

_jarva = b("Linnea Holm", "polisen.se", "Lokalpolisområde Järva")
add(
    Case(
        "blind-english-myself-and-colleague-without-address-police-jarva",
        "outlook",
        Mail(
            "Linnea Holm",
            "linnea.holm@polisen.se",
            "Registration open drug scenes seminar",
            date(26, 8, 40),
            (
                P("Hi,"),
                P("I'd like to register myself and my colleague Ali Rezaei for the seminar."),
                P("Regards,"),
                Sig(
                    (
                        "Linnea Holm",
                        "Community police officer",
                        "Lokalpolisområde Järva",
                        "Polisregion Stockholm",
                    )
                ),
                POLICE_DISCLAIMER,
            ),
            lang="en",
        ),
        "sender",
        (("confirmed", _jarva.email), ("needs-info", None)),
        (_jarva,),
        ask=True,
        note="the writer booked (LPO Järva from the signature); the colleague has no address: asked for",
    )
)

# --------------------------------------------------------------------------- precision traps

_lars = b("Lars Eriksson", "sodertalje.se", "Södertälje kommun")
add(
    Case(
        "blind-signature-kontaktperson-address-not-booked-sodertalje",
        "outlook",
        Mail(
            "Lars Eriksson",
            "lars.eriksson@sodertalje.se",
            "Anmälan till seminariet",
            date(24, 9, 0),
            (
                P("Hej,"),
                P("Jag anmäler mig till seminariet den 14 september."),
                mvh("Lars"),
                Sig(
                    (
                        "Lars Eriksson",
                        "Områdeschef",
                        "Södertälje kommun",
                        "Kontaktperson: Mona Eriksson, mona.eriksson@sodertalje.se",
                        "Tel: 08-523 010 00",
                    )
                ),
            ),
        ),
        "sender",
        booked(_lars),
        (_lars,),
        note="the contact person in the signature is not a participant",
    )
)

_erik = b("Erik Holm", "botkyrka.se", BOK)
add(
    Case(
        "blind-fwd-earlier-registration-of-someone-else-plus-me-botkyrka",
        "outlook",
        Mail(
            "Erik Holm",
            "erik.holm@botkyrka.se",
            "VB: Anmälan seminarium",
            date(26, 13, 0),
            (
                P("Hej,"),
                P("Amina har redan anmält sig (se nedan). Jag vill också anmäla mig."),
                mvh("Erik"),
                Quote(
                    "Amina Yusuf",
                    "amina.yusuf@botkyrka.se",
                    dt.datetime(2022, 8, 25, 9, 0),
                    "anmalan@lansstyrelsen.example",
                    "Anmälan seminarium",
                    (
                        P("Hej!"),
                        P(
                            "Namn: Amina Yusuf\nE-post: amina.yusuf@botkyrka.se\nBefattning: Fältsekreterare"
                        ),
                        P("/Amina"),
                    ),
                    forward=True,
                ),
            ),
        ),
        "sender",
        booked(_erik),
        (_erik,),
        note="the forwarder's own text says who comes (himself); the forwarded earlier registration is not read",
    )
)

_sod = b("Hanna Lilja", "stockholm.se", "Södermalm stadsdelsförvaltning")
add(
    Case(
        "blind-cc-colleagues-not-registered-sodermalm",
        "owa",
        Mail(
            "Hanna Lilja",
            "hanna.lilja@stockholm.se",
            "Anmälan seminarium",
            date(25, 11, 11),
            (
                P("Hej!"),
                P("Jag anmäler mig till seminariet. Kopierar mina kollegor för kännedom."),
                P("Hälsningar\nHanna Lilja\nSocialsekreterare, Södermalms stadsdelsförvaltning"),
            ),
            headers=(
                "Cc: =?utf-8?q?Mats_=C3=96r?= <mats.or@stockholm.se>, Leila Amini <leila.amini@stockholm.se>",
            ),
        ),
        "sender",
        booked(_sod),
        (_sod,),
        note="colleagues in Cc for information are not registered; Södermalm from the signature",
    )
)

_farsta = b("Jessica Lund", "stockholm.se", "Farsta stadsdelsförvaltning")
add(
    Case(
        "blind-jag-och-kollega-name-only-farsta",
        "gmail",
        Mail(
            "Jessica Lund",
            "jessica.lund@stockholm.se",
            "SV: " + INVITATION_SUBJECT,
            date(24, 14, 45),
            (
                P("Hej,"),
                P("Vi kommer att vara två: jag och Kim Sjöberg."),
                P("Hälsningar\nJessica Lund\nFarsta stadsdelsförvaltning"),
                invitation("jessica.lund@stockholm.se"),
            ),
        ),
        "sender",
        (("confirmed", _farsta.email), ("needs-info", None)),
        (_farsta,),
        ask=True,
        note="'jag och' counts the writer (Farsta sdf, 13 September); Kim has no address: asked for",
    )
)

_kun = [
    b("Hanna Berglöf", "stockholm.se", "Kungsholmen stadsdelsförvaltning"),
    b("Mats Örn", "stockholm.se", "Kungsholmen stadsdelsförvaltning"),
]
add(
    Case(
        "blind-owa-numbered-list-with-diet-kungsholmen",
        "owa",
        Mail(
            "Sara Wiik",
            "sara.wiik@stockholm.se",
            "Anmälan Kungsholmens stadsdelsförvaltning",
            date(25, 9, 30),
            (
                P("Hej,"),
                P("Anmäler följande två:"),
                Items(
                    (
                        "Hanna Berglöf, hanna.berglof@stockholm.se – vegetarian",
                        "Mats Örn, mats.orn@stockholm.se – glutenfri",
                    ),
                    numbered=True,
                ),
                P("Hälsningar\nSara"),
            ),
        ),
        "list",
        booked(*_kun),
        tuple(_kun),
        note="the diet after the dash is a note, not part of the name",
    )
)

add(
    Case(
        "blind-duplicate-mixed-case-address-huddinge",
        "outlook",
        Mail(
            "Maria Lundgren",
            "maria.lundgren@huddinge.se",
            "Anmälan igen",
            date(27, 10, 30),
            (
                P("Hej, jag är osäker på om min första anmälan kom fram, så jag skickar igen:"),
                P("NAMN: Lisa Berg\nE-POST: Lisa.Berg@Huddinge.se"),
                mvh("Maria"),
            ),
        ),
        "key-block",
        (("duplicate", LISA.email),),
        (LISA, ANNA),
        setup=(HUD_TWO,),
        received=received(27, 10, 31),
        note="§5: the same address in another case is a duplicate, no second seat",
    )
)

_jar_en = b("Viktor Holmström", "jarfalla.se", JAR)
add(
    Case(
        "blind-mailto-in-prose-from-colleague-reply-gmail-jarfalla",
        "gmail",
        Mail(
            "Leila Rahimi",
            "leila.rahimi@jarfalla.se",
            "Anmälan – Järfälla",
            date(24, 11, 20),
            (
                P("Hej!"),
                P(
                    "Jag kan tyvärr inte själv men skickar min kollega Viktor Holmström i stället, "
                    "han nås på viktor.holmstrom@jarfalla.se."
                ),
                P("Hälsningar\nLeila"),
            ),
        ),
        "prose",
        booked(_jar_en),
        (_jar_en,),
        note="nobody was booked before, so 'i stället' is no swap: the colleague is registered, the writer is not",
    )
)
