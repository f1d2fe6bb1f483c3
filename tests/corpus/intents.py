"""Corpus cases by intent and situation: prose, the sender alone or excluded, mail that is no
registration, cancellations, substitutions, several intents, replies and forwards, shared
domains, and a date that asks for another seminar."""

from __future__ import annotations

from expect import Booking, Case, b, booked
from clients import BOT, BOT_NAME, Blank, Items, Mail, P, Quote, Sig, Table
from pieces import (
    KOMMUN_DISCLAIMER,
    POLICE_DISCLAIMER,
    STATE_DISCLAIMER,
    date,
    invitation,
    mvh,
    received,
    sig,
)

HUD = "Huddinge kommun"
BOT_K = "Botkyrka kommun"
NAC = "Nacka kommun"
HAN = "Haninge kommun"
JAR = "Järfälla kommun"
REG = "Region Stockholm"
TULL = "Tullverket"
KV = "Kriminalvården"
SDT = "Södertälje kommun"

# judge.py puts the Message-ID of the bot's confirmation to `reply_to` in place of this one.
CONFIRMATION = "<confirmation-of-reply-to@corpus.invalid>"
CONFIRMATION_SUBJECT = "Bekräftelse: Öppna drogscener i Stockholms läns utsatta områden"

CASES: list[Case] = []


def add(case: Case) -> None:
    CASES.append(case)


def confirmation_quote(name: str, email: str) -> Quote:
    return Quote(
        BOT_NAME,
        BOT,
        "den 22 augusti 2022 09:15",
        "Monday, August 22, 2022 9:15 AM",
        f"{name} <{email}>",
        CONFIRMATION_SUBJECT,
        (
            P(f"Hej {name}!"),
            P("Du är anmäld till seminariet. Välkommen!"),
            P("Seminarium: Öppna drogscener i Stockholms läns utsatta områden\nDatum: onsdag 14 september 2022\nTid: 13.00–16.30\nPlats: Länsstyrelsen Stockholm, Regeringsgatan 66, plan 4, lokal Grand"),
            P(f"Namn: {name}\nE-post: {email}"),
            P("Vill du avanmäla dig, svara på detta mejl och skriv att du inte kan komma."),
            P("Therese Travis\nProjektledare, Samverkan Stockholmsregionen"),
        ),
    )


# setup states other cases start from (defined in forms.py)
HUD_TWO = "kb-outlook-two-blocks-huddinge"  # Lisa Berg, Anna Lindqvist
BOT_TWO = "kb-values-on-next-line-botkyrka"  # Fatima Hassan, Jonas Lärka
HAN_FIVE = "kb-five-blocks-haninge-waitlist"  # four confirmed, Ulla Gustafsson waiting
KV_TWO = "kb-thunderbird-kriminalvarden"  # Emma Johansson, Mats Hellström
LISA = b("Lisa Berg", "huddinge.se", HUD)
ANNA = b("Anna Lindqvist", "huddinge.se", HUD)


def st(x: Booking, status: str) -> Booking:
    return Booking(x.email, x.name, x.actor, status, x.seminar)


# --------------------------------------------------------------------------- prose

_jp = [b("Kalle Karlsson", "jarfalla.se", JAR), b("Eva Dahlberg", "jarfalla.se", JAR)]
add(
    Case(
        "prose-jag-och-min-kollega-jarfalla",
        "outlook",
        Mail(
            "Eva Dahlberg",
            "eva.dahlberg@jarfalla.se",
            "Anmälan till seminarium om öppna drogscener",
            date(22, 10, 12),
            (
                P("Hej Therese!"),
                Blank(),
                P("Jag vill anmäla mig själv och min kollega Kalle Karlsson (kalle.karlsson@jarfalla.se) till seminariet den 14 september. Kalle är fältassistent och jag arbetar som områdessamordnare i Jakobsberg."),
                Blank(),
                mvh("Eva"),
                sig("Eva Dahlberg", "Områdessamordnare", "Järfälla kommun", "08-580 285 00", "eva.dahlberg@jarfalla.se"),
            ),
        ),
        "prose",
        (("confirmed", _jp[1].email), ("confirmed", _jp[0].email)),
        (_jp[1], _jp[0]),
        note="the sender says 'mig själv' and names one colleague with an address",
    )
)

_rp = [b("Simon Clarke", "regionstockholm.se", REG), b("Emma Wilson", "regionstockholm.se", REG)]
add(
    Case(
        "prose-english-myself-and-colleague-region",
        "gmail",
        Mail(
            "Simon Clarke",
            "simon.clarke@regionstockholm.se",
            "Seminar on open drug scenes – registration",
            date(23, 9, 5),
            (
                P("Dear Therese,"),
                P("I would like to register myself and my colleague Emma Wilson (emma.wilson@regionstockholm.se) for the seminar on 14 September."),
                P("Best regards,\nSimon Clarke\nRegion Stockholm"),
            ),
            lang="en",
        ),
        "prose",
        booked(*_rp),
        tuple(_rp),
    )
)

_np = [b("Helena Björklund", "nacka.se", NAC)]
add(
    Case(
        "prose-only-the-colleague-nacka",
        "outlook",
        Mail(
            "Göran Sjöberg",
            "goran.sjoberg@nacka.se",
            "Anmälan",
            date(24, 13, 40),
            (
                P("Hej,"),
                P("Jag anmäler min kollega Helena Björklund, helena.bjorklund@nacka.se, som är enhetschef för fältverksamheten i Fisksätra."),
                mvh("Göran"),
                sig("Göran Sjöberg", "Säkerhetssamordnare", "Nacka kommun", "08-718 80 00", "goran.sjoberg@nacka.se"),
            ),
        ),
        "prose",
        booked(*_np),
        tuple(_np),
        note="the sender registers a colleague and says nothing of coming: the sender is not booked",
    )
)

_sp = [b("Rasmus Kjellberg", "sollentuna.se", "Sollentuna kommun")]
add(
    Case(
        "prose-colleague-without-address-sollentuna",
        "owa",
        Mail(
            "Rasmus Kjellberg",
            "rasmus.kjellberg@sollentuna.se",
            "Anmälan seminarium",
            date(25, 9, 50),
            (P("Hej!"), P("Jag och min kollega Per Holm kommer gärna på seminariet."), P("Mvh Rasmus Kjellberg\nSollentuna kommun")),
        ),
        "prose",
        (*booked(*_sp), ("needs-info", None)),
        tuple(_sp),
        ask=True,
        note="Per Holm has no address: book the sender, ask for Per's address",
    )
)

_tp = [b("Lena Sjöström", "tullverket.se", TULL), b("Nils Wästberg", "tullverket.se", TULL)]
add(
    Case(
        "prose-two-colleagues-in-a-sentence-tullverket",
        "thunderbird",
        Mail(
            "Karin Ek",
            "karin.ek@tullverket.se",
            "Anmälan Tullverket",
            date(26, 14, 2),
            (
                P("Hej,"),
                P("Från Tullverket kommer Lena Sjöström (lena.sjostrom@tullverket.se) och Nils Wästberg (nils.wastberg@tullverket.se). Jag själv har tyvärr förhinder."),
                P("Hälsningar\nKarin"),
                Sig(("Karin Ek", "Sektionschef", "Tullverket")),
            ),
        ),
        "prose",
        booked(*_tp),
        tuple(_tp),
    )
)

# --------------------------------------------------------------------------- the sender alone

_s1 = b("Amir Hosseini", "botkyrka.se", BOT_K)
add(
    Case(
        "sender-jag-anmaler-mig-botkyrka",
        "outlook",
        Mail(
            "Amir Hosseini",
            "amir.hosseini@botkyrka.se",
            "Anmälan till seminariet den 14 september",
            date(22, 8, 30),
            (
                P("Hej!"),
                P("Jag anmäler mig till seminariet om öppna drogscener."),
                mvh("Amir"),
                sig("Amir Hosseini", "Fältsekreterare", "Botkyrka kommun", "08-530 610 00", "amir.hosseini@botkyrka.se", "Munkhättevägen 45, 147 85 Tumba"),
                KOMMUN_DISCLAIMER,
            ),
        ),
        "sender",
        booked(_s1),
        (_s1,),
    )
)

_s2 = b("Oliver Grant", "kriminalvarden.se", KV)
add(
    Case(
        "sender-english-id-like-to-attend-kriminalvarden",
        "gmail",
        Mail(
            "Oliver Grant",
            "oliver.grant@kriminalvarden.se",
            "Registration – seminar 14 September",
            date(22, 12, 0),
            (P("Hello,"), P("I'd like to attend the seminar on open drug scenes."), P("Thanks,\nOliver Grant\nProbation officer, Swedish Prison and Probation Service"), STATE_DISCLAIMER),
            lang="en",
        ),
        "sender",
        booked(_s2),
        (_s2,),
    )
)

_s3 = b("Jörgen Hägg", "tullverket.se", TULL)
add(
    Case(
        "sender-iphone-kommer-garna-tullverket",
        "iphone",
        Mail("Jörgen Hägg", "jorgen.hagg@tullverket.se", "Anmälan", date(23, 22, 10), (P("Hej! Jag kommer gärna."), Blank(), P("Skickat från min iPhone"))),
        "sender",
        booked(_s3),
        (_s3,),
    )
)

_s4 = b("Johan Persson", "huddinge.se", HUD)
add(
    Case(
        "sender-efternamn-fornamn-display-name-huddinge",
        "outlook",
        Mail(
            "Persson Johan",
            "johan.persson@huddinge.se",
            "Anmälan seminarium öppna drogscener",
            date(24, 7, 58),
            (P("Hej,"), P("Jag anmäler mig härmed till seminariet."), P("Mvh\nJohan Persson\nEnhetschef, Huddinge kommun")),
        ),
        "sender",
        booked(_s4),
        (_s4,),
        note="the From display name is 'Persson Johan'; the address shows the order: book 'Johan Persson'",
    )
)

add(
    Case(
        "sender-no-display-name-sigtuna",
        "thunderbird",
        Mail("", "g.sjoberg@sigtuna.se", "Anmälan", date(25, 10, 10), (P("Hej,"), P("Jag vill anmäla mig till seminariet."), P("Mvh Göran"))),
        "sender",
        (("needs-info", None),),
        (),
        ask=True,
        note="no display name and only a first name: ask for the name",
    )
)

_s5 = b("Cecilia Roos", "solna.se", "Solna stad")
add(
    Case(
        "sender-subject-only-solna",
        "outlook",
        Mail(
            "Cecilia Roos",
            "cecilia.roos@solna.se",
            "Anmälan till seminariet om öppna drogscener 14/9",
            date(26, 11, 45),
            (Blank(), sig("Cecilia Roos", "Enhetschef, Socialförvaltningen", "Solna stad", "08-746 10 00", "cecilia.roos@solna.se")),
        ),
        "sender",
        booked(_s5),
        (_s5,),
        note="the subject alone says 'Anmälan'; the body is only the signature",
    )
)

_s6 = b("Mats Lundin", "sundbyberg.se", "Sundbyberg stad")
add(
    Case(
        "sender-finns-det-plats-thunderbird-sundbyberg",
        "thunderbird",
        Mail("Mats Lundin", "mats.lundin@sundbyberg.se", "Seminariet 13 september", date(27, 9, 19), (P("Hej,"), P("Finns det fortfarande plats? I så fall vill jag gärna komma."), P("Hälsningar\nMats Lundin\nSundbybergs stad"))),
        "sender",
        booked(_s6),
        (_s6,),
    )
)

_s7 = b("Jenny Sjödin", "upplandsvasby.se", "Upplands Väsby kommun")
add(
    Case(
        "sender-owa-delta-upplands-vasby",
        "owa",
        Mail("Jenny Sjödin", "jenny.sjodin@upplandsvasby.se", "Seminarium öppna drogscener", date(28, 10, 5), (P("Hej!"), P("Jag skulle vilja delta på seminariet den 15 september."), P("Vänliga hälsningar\nJenny Sjödin"))),
        "sender",
        booked(_s7),
        (_s7,),
    )
)

add(
    Case(
        "sender-after-deadline-varmdo",
        "outlook",
        Mail("Oskar Lindahl", "oskar.lindahl@varmdo.se", "Sen anmälan", date(5, 8, 12, 9), (P("Hej,"), P("Jag vet att sista dagen har passerat men vill gärna anmäla mig om det går."), P("Mvh Oskar Lindahl\nVärmdö kommun"))),
        "sender",
        (("rejected-closed", None),),
        (),
        received=received(5, 8, 12, 9),
    )
)

add(
    Case(
        "sender-registers-again-duplicate-botkyrka",
        "outlook",
        Mail("Amir Hosseini", "amir.hosseini@botkyrka.se", "Anmälan igen", date(25, 8, 0), (P("Hej,"), P("Jag anmälde mig förra veckan men fick ingen bekräftelse, så jag anmäler mig igen."), mvh("Amir"))),
        "sender",
        (("duplicate", _s1.email),),
        (_s1,),
        setup=("sender-jag-anmaler-mig-botkyrka",),
    )
)

# --------------------------------------------------------------------------- the sender excluded

_e1 = [b("Johan Åkesson", "huddinge.se", HUD), b("Nadia Karimi", "huddinge.se", HUD)]
add(
    Case(
        "excluded-jag-anmaler-mina-kollegor-huddinge",
        "outlook",
        Mail(
            "Maria Lundgren",
            "maria.lundgren@huddinge.se",
            "Anmälan",
            date(26, 8, 8),
            (
                P("Hej,"),
                P("Jag anmäler mina kollegor:"),
                P("Namn: Johan Åkesson\nE-post: johan.akesson@huddinge.se"),
                Blank(),
                P("Namn: Nadia Karimi\nE-post: nadia.karimi@huddinge.se"),
                mvh("Maria"),
            ),
        ),
        "key-block",
        booked(*_e1),
        tuple(_e1),
    )
)

_e2 = [b("Helena Björk", "regionstockholm.se", REG), b("Anders Nord", "regionstockholm.se", REG)]
add(
    Case(
        "excluded-english-not-attending-myself-region",
        "outlook",
        Mail(
            "Björn Ståhl",
            "bjorn.stahl@regionstockholm.se",
            "Registration for the seminar",
            date(27, 14, 0),
            (P("Hi,"), P("I will not be attending myself, but please register:"), P("Helena Björk <helena.bjork@regionstockholm.se>\nAnders Nord <anders.nord@regionstockholm.se>"), P("Best regards\nBjörn")),
            lang="en",
        ),
        "line",
        booked(*_e2),
        tuple(_e2),
    )
)

_e3 = [b("Erik Sandberg", "nacka.se", NAC), b("Åsa Öhrn", "nacka.se", NAC)]
add(
    Case(
        "excluded-sjalv-kommer-jag-inte-table-nacka",
        "outlook",
        Mail(
            "Göran Sjöberg",
            "goran.sjoberg@nacka.se",
            "Anmälan till seminarium",
            date(28, 8, 15),
            (P("Hej,"), P("Själv kommer jag inte, men dessa två från oss går:"), Table((("Namn", "E-post"), ("Erik Sandberg", "erik.sandberg@nacka.se"), ("Åsa Öhrn", "asa.ohrn@nacka.se"))), mvh("Göran")),
        ),
        "table",
        booked(*_e3),
        tuple(_e3),
    )
)

# --------------------------------------------------------------------------- no registration

add(
    Case(
        "none-question-parking-huddinge",
        "outlook",
        Mail("Lisa Berg", "lisa.berg@huddinge.se", "Fråga om parkering", date(29, 9, 12), (P("Hej,"), P("Finns det parkering i närheten av Regeringsgatan 66, eller rekommenderar ni kollektivtrafik?"), mvh("Lisa"))),
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
        Mail("Simon Clarke", "simon.clarke@regionstockholm.se", "Question about the presentations", date(29, 15, 0), (P("Hi,"), P("Will the slides from the presentations be shared afterwards?"), P("Thanks,\nSimon")), lang="en"),
        "none",
        (("forwarded", None),),
        (),
    )
)

add(
    Case(
        "none-not-invited-private-gmail",
        "gmail",
        Mail("Kalle Svensson", "kalle.svensson1979@gmail.com", "Anmälan seminarium", date(24, 20, 0), (P("Hej!"), P("Jag vill anmäla mig till seminariet om öppna drogscener."), P("/Kalle"))),
        "sender",
        (("rejected-not-invited", None),),
        (),
    )
)

add(
    Case(
        "none-uninvited-newsletter-no-reply",
        "outlook",
        Mail("Nyhetsbrev Trygghetsforum", "info@trygghetsforum.example", "Nyhetsbrev augusti: trygghet i offentlig miljö", date(25, 6, 0), (P("Läs om höstens konferenser och nya rapporter om trygghet i offentlig miljö."), P("Avsluta prenumeration: svara med AVSLUTA."))),
        "none",
        (("ignored", None),),
        (),
    )
)

# --------------------------------------------------------------------------- cancellations

add(
    Case(
        "cancel-aterbud-name-in-subject-huddinge",
        "outlook",
        Mail("Maria Lundgren", "maria.lundgren@huddinge.se", "Återbud – Lisa Berg", date(29, 8, 20), (P("Hej,"), P("Lisa har tyvärr fått förhinder."), mvh("Maria"), KOMMUN_DISCLAIMER)),
        "none",
        (("cancelled", LISA.email),),
        (st(LISA, "cancelled"), ANNA),
        setup=(HUD_TWO,),
        received=received(29, 8, 21),
        note="the coordinator cancels Lisa Berg by name: not herself",
    )
)

_own = b("Amir Hosseini", "botkyrka.se", BOT_K)
add(
    Case(
        "cancel-kan-inte-komma-stryk-mig-botkyrka",
        "iphone",
        Mail("Amir Hosseini", "amir.hosseini@botkyrka.se", "Seminariet", date(30, 7, 30), (P("Hej, jag kan inte komma ändå, stryk mig från listan."), Blank(), P("Skickat från min iPhone"))),
        "sender",
        (("cancelled", _own.email),),
        (st(_own, "cancelled"),),
        setup=("sender-jag-anmaler-mig-botkyrka",),
        received=received(30, 7, 31),
    )
)

add(
    Case(
        "cancel-english-please-cancel-my-registration",
        "gmail",
        Mail("Oliver Grant", "oliver.grant@kriminalvarden.se", "Cancellation", date(31, 10, 0), (P("Hello,"), P("Unfortunately I have to attend another meeting. Please cancel my registration."), P("Regards,\nOliver")), lang="en"),
        "sender",
        (("cancelled", _s2.email),),
        (st(_s2, "cancelled"),),
        setup=("sender-english-id-like-to-attend-kriminalvarden",),
        received=received(31, 10, 1),
    )
)

_fh = b("Fatima Hassan", "botkyrka.se", BOT_K)
_jl = b("Jonas Lärka", "botkyrka.se", BOT_K)
add(
    Case(
        "cancel-by-address-in-text-botkyrka",
        "outlook",
        Mail("Åsa Källström", "asa.kallstrom@botkyrka.se", "Avbokning", date(31, 11, 0), (P("Hej,"), P("Vänligen avboka fatima.hassan@botkyrka.se från seminariet."), P("Mvh Åsa"))),
        "none",
        (("cancelled", _fh.email),),
        (st(_fh, "cancelled"), _jl),
        setup=(BOT_TWO,),
        received=received(31, 11, 1),
    )
)

add(
    Case(
        "cancel-name-matches-no-one-huddinge",
        "outlook",
        Mail("Maria Lundgren", "maria.lundgren@huddinge.se", "Återbud", date(30, 9, 0), (P("Hej,"), P("Återbud för Karl Nilsson, han är sjuk."), mvh("Maria"))),
        "none",
        (("needs-info", None),),
        (LISA, ANNA),
        ask=True,
        setup=(HUD_TWO,),
        received=received(30, 9, 1),
        note="no Karl Nilsson is registered for Huddinge: ask, cancel no one (not the sender)",
    )
)

add(
    Case(
        "cancel-not-registered-stryk-mig-nacka",
        "outlook",
        Mail("Göran Sjöberg", "goran.sjoberg@nacka.se", "Stryk mig", date(30, 9, 30), (P("Hej,"), P("Stryk mig från deltagarlistan, tack."), mvh("Göran"))),
        "sender",
        (("needs-info", None),),
        (),
        ask=True,
        note="the sender is not registered: tell them so",
    )
)

_han5 = [
    b("Pernilla Wikström", "haninge.se", HAN),
    b("Yusuf Demir", "haninge.se", HAN),
    b("Maja Forsberg", "haninge.se", HAN),
    b("Patrik Öhman", "haninge.se", HAN),
    b("Ulla Gustafsson", "haninge.se", HAN, "waitlisted"),
]
add(
    Case(
        "cancel-frees-seat-promotes-haninge",
        "outlook",
        Mail("Tobias Fredriksson", "tobias.fredriksson@haninge.se", "Avanmälan Yusuf Demir", date(31, 13, 0), (P("Hej,"), P("Yusuf Demir kan tyvärr inte delta. Ulla som står som reserv kan ta hans plats."), mvh("Tobias"))),
        "none",
        (("cancelled", _han5[1].email), ("promoted", _han5[4].email)),
        (_han5[0], st(_han5[1], "cancelled"), _han5[2], _han5[3], st(_han5[4], "confirmed")),
        setup=(HAN_FIVE,),
        received=received(31, 13, 1),
    )
)

add(
    Case(
        "cancel-other-actors-participant-refused",
        "outlook",
        Mail("Åsa Källström", "asa.kallstrom@botkyrka.se", "Avboka", date(31, 14, 0), (P("Hej,"), P("Avboka lisa.berg@huddinge.se, hon kan inte komma."), P("Mvh Åsa"))),
        "none",
        (("rejected-not-allowed", LISA.email),),
        (LISA, ANNA),
        setup=(HUD_TWO,),
        received=received(31, 14, 1),
        note="a Botkyrka sender may not cancel a Huddinge participant",
    )
)

add(
    Case(
        "cancel-reply-to-own-confirmation-iphone",
        "iphone",
        Mail(
            "Anna Lindqvist",
            "anna.lindqvist@huddinge.se",
            "Sv: " + CONFIRMATION_SUBJECT,
            date(1, 7, 40, 9),
            (P("Kan tyvärr inte komma ändå."), Blank(), P("Skickat från min iPhone"), confirmation_quote("Anna Lindqvist", "anna.lindqvist@huddinge.se")),
            in_reply_to=CONFIRMATION,
        ),
        "none",
        (("cancelled", ANNA.email),),
        (LISA, st(ANNA, "cancelled")),
        setup=(HUD_TWO,),
        received=received(1, 7, 41, 9),
        reply_to=ANNA.email,
    )
)

add(
    Case(
        "cancel-coordinator-replies-to-confirmation",
        "outlook",
        Mail(
            "Maria Lundgren",
            "maria.lundgren@huddinge.se",
            "SV: " + CONFIRMATION_SUBJECT,
            date(1, 9, 0, 9),
            (P("Hej,"), P("Hon kan inte komma, tyvärr."), P("/Maria"), confirmation_quote("Lisa Berg", "lisa.berg@huddinge.se")),
            in_reply_to=CONFIRMATION,
        ),
        "none",
        (("cancelled", LISA.email),),
        (st(LISA, "cancelled"), ANNA),
        setup=(HUD_TWO,),
        received=received(1, 9, 1, 9),
        reply_to=LISA.email,
        note="the coordinator (Cc on Lisa's confirmation) answers it: that confirmation's participant is cancelled",
    )
)

_emma = b("Emma Johansson", "kriminalvarden.se", KV)
_mats = b("Mats Hellström", "kriminalvarden.se", KV)
add(
    Case(
        "cancel-english-after-deadline-before-start",
        "outlook",
        Mail("Emma Johansson", "emma.johansson@kriminalvarden.se", "Cancellation – seminar 14 September", date(10, 9, 0, 9), (P("Hi,"), P("I'm afraid I can't attend after all. Please remove me from the list."), P("Kind regards,\nEmma")), lang="en"),
        "sender",
        (("cancelled", _emma.email),),
        (st(_emma, "cancelled"), _mats),
        setup=(KV_TWO,),
        received=received(10, 9, 1, 9),
        note="cancellations are accepted after the deadline until the seminar starts",
    )
)

# --------------------------------------------------------------------------- substitutions

_per = b("Per Persson", "huddinge.se", HUD)
add(
    Case(
        "subst-anna-kan-inte-per-gar-istallet",
        "outlook",
        Mail("Maria Lundgren", "maria.lundgren@huddinge.se", "Ändring av deltagare", date(30, 10, 0), (P("Hej,"), P("Anna kan inte, Per Persson går i stället: per.persson@huddinge.se"), mvh("Maria"))),
        "prose",
        (("substituted", _per.email), ("cancelled", ANNA.email)),
        (LISA, st(ANNA, "cancelled"), _per),
        setup=(HUD_TWO,),
        received=received(30, 10, 1),
    )
)

_omar = b("Omar Haddad", "huddinge.se", HUD)
add(
    Case(
        "subst-lisa-ersatts-av-omar",
        "gmail",
        Mail("Maria Lundgren", "maria.lundgren@huddinge.se", "Byte av deltagare", date(30, 11, 0), (P("Hej!"), P("Lisa ersätts av Omar Haddad, omar.haddad@huddinge.se, fältassistent."), P("Hälsningar Maria"))),
        "prose",
        (("substituted", _omar.email), ("cancelled", LISA.email)),
        (st(LISA, "cancelled"), ANNA, _omar),
        setup=(HUD_TWO,),
        received=received(30, 11, 1),
    )
)

_lina = b("Lina Sandström", "botkyrka.se", BOT_K)
add(
    Case(
        "subst-ersatter-key-botkyrka",
        "outlook",
        Mail("Åsa Källström", "asa.kallstrom@botkyrka.se", "Byte av deltagare", date(31, 8, 0), (P("Hej,"), P("Namn: Lina Sandström\nE-post: lina.sandstrom@botkyrka.se\nBefattning: Utredare\nErsätter: jonas.larka@botkyrka.se"), mvh("Åsa"))),
        "key-block",
        (("substituted", _lina.email), ("cancelled", _jl.email)),
        (_fh, st(_jl, "cancelled"), _lina),
        setup=(BOT_TWO,),
        received=received(31, 8, 1),
    )
)

_oskar = b("Oskar Lind", "kriminalvarden.se", KV)
add(
    Case(
        "subst-english-instead-kriminalvarden",
        "owa",
        Mail("Camilla Strand", "camilla.strand@kriminalvarden.se", "Change of participant", date(31, 9, 30), (P("Hello,"), P("Mats Hellström cannot attend. Oskar Lind (oskar.lind@kriminalvarden.se) will attend instead."), P("Kind regards\nCamilla")), lang="en"),
        "prose",
        (("substituted", _oskar.email), ("cancelled", _mats.email)),
        (_emma, st(_mats, "cancelled"), _oskar),
        setup=(KV_TWO,),
        received=received(31, 9, 31),
    )
)

_ny = b("Sven Ny", "haninge.se", HAN)
add(
    Case(
        "subst-when-actor-full-haninge",
        "outlook",
        Mail("Tobias Fredriksson", "tobias.fredriksson@haninge.se", "Byte av deltagare – Haninge", date(1, 10, 0, 9), (P("Hej,"), P("Namn: Sven Ny\nE-post: sven.ny@haninge.se\nErsätter: maja.forsberg@haninge.se"), mvh("Tobias"))),
        "key-block",
        (("substituted", _ny.email), ("cancelled", _han5[2].email)),
        (_han5[0], _han5[1], st(_han5[2], "cancelled"), _han5[3], _han5[4], _ny),
        setup=(HAN_FIVE,),
        received=received(1, 10, 1, 9),
        note="a substitute takes the seat even though the actor is full; the waitlisted one stays waiting",
    )
)

# --------------------------------------------------------------------------- several intents

_nils = b("Nils Wästberg", "huddinge.se", HUD)
add(
    Case(
        "multi-cancel-and-register-huddinge",
        "outlook",
        Mail(
            "Maria Lundgren",
            "maria.lundgren@huddinge.se",
            "Ändringar i vår anmälan",
            date(31, 15, 0),
            (P("Hej,"), P("Lisa Berg kan tyvärr inte komma, stryk henne."), P("Vi vill också anmäla Nils Wästberg, nils.wastberg@huddinge.se, samordnare."), mvh("Maria")),
        ),
        "prose",
        (("cancelled", LISA.email), ("confirmed", _nils.email)),
        (st(LISA, "cancelled"), ANNA, _nils),
        setup=(HUD_TWO,),
        received=received(31, 15, 1),
    )
)

_ebba = b("Ebba Lund", "kriminalvarden.se", KV)
add(
    Case(
        "multi-english-cancel-and-add-kriminalvarden",
        "gmail",
        Mail(
            "Camilla Strand",
            "camilla.strand@kriminalvarden.se",
            "Changes to our registration",
            date(1, 11, 0, 9),
            (P("Hi,"), P("Please cancel emma.johansson@kriminalvarden.se."), P("Please also register Ebba Lund <ebba.lund@kriminalvarden.se>."), P("Thanks,\nCamilla")),
            lang="en",
        ),
        "line",
        (("cancelled", _emma.email), ("confirmed", _ebba.email)),
        (st(_emma, "cancelled"), _mats, _ebba),
        setup=(KV_TWO,),
        received=received(1, 11, 1, 9),
    )
)

# --------------------------------------------------------------------------- replies and forwards

add(
    Case(
        "reply-tack-to-confirmation-forwarded",
        "outlook",
        Mail("Lisa Berg", "lisa.berg@huddinge.se", "SV: " + CONFIRMATION_SUBJECT, date(22, 10, 0), (P("Tack!"), P("/Lisa"), confirmation_quote("Lisa Berg", "lisa.berg@huddinge.se")), in_reply_to=CONFIRMATION),
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
            (P("Hej Therese,"), P("Jag kommer gärna!"), mvh("Ingrid"), sig("Ingrid Hedlund", "Avdelningschef", "Södertälje kommun", "08-523 010 00", "ingrid.hedlund@sodertalje.se"), invitation("socialkontoret@sodertalje.se")),
        ),
        "sender",
        booked(_ingrid),
        (_ingrid,),
        received=received(16, 9, 1),
        note="the quoted invitation names the organiser and a template block: only the sender is booked",
    )
)

_gb = [b("Tove Lind", "sigtuna.se", "Sigtuna kommun"), b("Malin Ek", "sigtuna.se", "Sigtuna kommun")]
add(
    Case(
        "reply-to-invitation-gmail-with-blocks",
        "gmail",
        Mail(
            "Malin Ek",
            "malin.ek@sigtuna.se",
            "Re: Inbjudan: Öppna drogscener i Stockholms läns utsatta områden – seminarieserie 13–15 september",
            date(17, 13, 0),
            (P("Hej!"), P("Vi anmäler:"), P("Namn: Tove Lind\nE-post: tove.lind@sigtuna.se"), Blank(), P("Namn: Malin Ek\nE-post: malin.ek@sigtuna.se"), P("/Malin"), invitation("kommunen@sigtuna.se")),
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
            (P("Hej,"), P("Gäller inbjudan även våra fältassistenter i Bromma, eller bara chefer?"), P("Mvh Jessica Lund\nBromma stadsdelsförvaltning"), invitation("bromma@stockholm.se")),
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
                    "den 25 augusti 2022 10:40",
                    "Thursday, August 25, 2022 10:40 AM",
                    "Maria Lundgren <maria.lundgren@huddinge.se>",
                    "Seminariet 14 september",
                    (P("Hej Maria,"), P("Jag vill gärna anmäla mig till seminariet den 14 september. Kan du skicka vidare?"), P("Mvh Johan Åkesson\nFältassistent")),
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
                    "den 26 augusti 2022 08:12",
                    "Friday, August 26, 2022 8:12 AM",
                    "Maria Lundgren <maria.lundgren@huddinge.se>",
                    "Anmälan från socialtjänsten",
                    (P("Hej, vi från socialtjänsten vill gärna gå:"), Items(("Nadia Karimi, nadia.karimi@huddinge.se", "Elin Nyström, elin.nystrom@huddinge.se")), P("/Nadia")),
                    forward=True,
                ),
            ),
        ),
        "list",
        booked(*_fl),
        tuple(_fl),
    )
)

_fi = [b("Anna Lindgren", "botkyrka.se", BOT_K), b("Per Åström", "botkyrka.se", BOT_K)]
add(
    Case(
        "fwd-invitation-with-names-on-top-botkyrka",
        "outlook",
        Mail(
            "Åsa Källström",
            "asa.kallstrom@botkyrka.se",
            "VB: Inbjudan: Öppna drogscener i Stockholms läns utsatta områden – seminarieserie 13–15 september",
            date(20, 9, 30),
            (P("Hej,"), P("Vi anmäler:"), P("Anna Lindgren, anna.lindgren@botkyrka.se, enhetschef\nPer Åström, per.astrom@botkyrka.se, fältsekreterare"), mvh("Åsa"), invitation("kommunledningen@botkyrka.se", forward=True)),
        ),
        "line",
        booked(*_fi),
        tuple(_fi),
        received=received(20, 9, 31),
        note="the forwarded invitation names the organiser: only the names on top are booked",
    )
)

_fg = [b("Hanna Lind", "sollentuna.se", "Sollentuna kommun"), b("Ola Svedberg", "sollentuna.se", "Sollentuna kommun")]
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
                    "lör 27 aug. 2022 kl 09:02",
                    "Sat, Aug 27, 2022 at 9:02 AM",
                    "Rasmus Kjellberg <rasmus.kjellberg@sollentuna.se>",
                    "Anmälan till seminariet",
                    (P("Hej Rasmus!"), P("Namn: Hanna Lind\nE-post: hanna.lind@sollentuna.se"), Blank(), P("Namn: Ola Svedberg\nE-post: ola.svedberg@sollentuna.se"), P("Hanna")),
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
        "fwd-other-actors-mail-se-nedan-asks",
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
                    "den 27 augusti 2022 16:00",
                    "Saturday, August 27, 2022 4:00 PM",
                    "Maria Lundgren <maria.lundgren@huddinge.se>",
                    "Deltagare",
                    (P("Hej Maria, kan du anmäla oss också?"), Items(("Fatima Hassan, fatima.hassan@botkyrka.se", "Emir Kovač, emir.kovac@botkyrka.se")), P("/Fatima")),
                    forward=True,
                ),
            ),
        ),
        "none",
        (("needs-info", None),),
        (),
        ask=True,
        note="the forwarded part is Botkyrka's, not Huddinge's: book no one under Huddinge; ask",
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
                P("Hi, please register Oskar Lind (oskar.lind@kriminalvarden.se). The list below is out of date."),
                P("Camilla"),
                Quote(
                    "Emma Johansson",
                    "emma.johansson@kriminalvarden.se",
                    "2022-08-20 kl. 10:00",
                    "8/20/22 10:00",
                    "Camilla Strand <camilla.strand@kriminalvarden.se>",
                    "Registration",
                    (P("Names for the seminar:"), P("Emma Johansson <emma.johansson@kriminalvarden.se>\nMats Hellström <mats.hellstrom@kriminalvarden.se>")),
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
            (P("Hej!"), P("Jag anmäler mig. Jag arbetar som fältassistent på Skarpnäcks stadsdelsförvaltning."), P("Emil"), invitation("skarpnack@stockholm.se")),
        ),
        "sender",
        booked(_aq),
        (_aq,),
        received=received(19, 14, 1),
        note="stockholm.se is shared: Skarpnäck is named in a sentence",
    )
)

# --------------------------------------------------------------------------- shared domains

_ps = [b("Ida Falk", "polisen.se", "Lokalpolisområde Södertälje"), b("Rikard Bergh", "polisen.se", "Lokalpolisområde Södertälje")]
add(
    Case(
        "shared-police-in-subject-sodertalje",
        "outlook",
        Mail(
            "Falk Ida",
            "ida.falk@polisen.se",
            "Anmälan LPO Södertälje – seminarium 15 september",
            date(23, 13, 0),
            (P("Hej,"), P("Namn: Ida Falk\nE-post: ida.falk@polisen.se\nBefattning: Kommunpolis"), Blank(), P("Namn: Rikard Bergh\nE-post: rikard.bergh@polisen.se\nBefattning: Gruppchef"), P("Mvh Ida"), POLICE_DISCLAIMER),
        ),
        "key-block",
        booked(*_ps),
        tuple(_ps),
    )
)

_pj = [b("Kristoffer Alm", "polisen.se", "Lokalpolisområde Järva"), b("Leo Andersson", "polisen.se", "Lokalpolisområde Järva")]
add(
    Case(
        "shared-police-in-signature-jarva",
        "outlook",
        Mail(
            "Alm Kristoffer",
            "kristoffer.alm@polisen.se",
            "Anmälan seminarium öppna drogscener",
            date(24, 10, 0),
            (P("Hej,"), P("Vi anmäler:"), Items(("Kristoffer Alm, kristoffer.alm@polisen.se", "Leo Andersson, leo.andersson@polisen.se")), Blank(), P("Med vänlig hälsning"), Sig(("Kristoffer Alm", "Kommunpolis", "Lokalpolisområde Järva", "Polisregion Stockholm", "Tel: 010-563 00 00")), POLICE_DISCLAIMER),
        ),
        "list",
        booked(*_pj),
        tuple(_pj),
        note="the signature names both 'Lokalpolisområde Järva' and 'Polisregion Stockholm': the longest matching alias, Järva, is the local area",
    )
)

_ph = [b("Sara Holm", "polisen.se", "Lokalpolisområde Huddinge")]
add(
    Case(
        "shared-police-in-a-sentence-huddinge",
        "gmail",
        Mail("Sara Holm", "sara.holm@polisen.se", "Anmälan", date(25, 14, 0), (P("Hej!"), P("Jag arbetar på lokalpolisområde Huddinge och vill anmäla mig till seminariet."), P("/Sara"))),
        "sender",
        booked(*_ph),
        tuple(_ph),
    )
)

add(
    Case(
        "shared-police-nowhere-asks",
        "outlook",
        Mail("Jonas Ek", "jonas.ek@polisen.se", "Anmälan", date(26, 10, 0), (P("Hej,"), P("Namn: Jonas Ek\nE-post: jonas.ek@polisen.se\nBefattning: Kommunpolis"), P("Mvh Jonas"), POLICE_DISCLAIMER)),
        "key-block",
        (("needs-info", None),),
        (),
        ask=True,
        note="polisen.se with no local police area named anywhere: ask which",
    )
)

_ss = [b("Amal Yusuf", "stockholm.se", "Spånga-Tensta stadsdelsförvaltning")]
add(
    Case(
        "shared-stockholm-in-subject-spanga-tensta",
        "owa",
        Mail("Amal Yusuf", "amal.yusuf@stockholm.se", "Anmälan från Spånga-Tensta stadsdelsförvaltning", date(22, 13, 0), (P("Hej,"), P("Jag vill anmäla mig till seminariet den 14 september."), P("Mvh Amal"))),
        "sender",
        booked(*_ss),
        tuple(_ss),
    )
)

_sh = [b("Ture Lindqvist", "stockholm.se", "Hägersten-Älvsjö stadsdelsförvaltning"), b("Zeynep Kaya", "stockholm.se", "Hägersten-Älvsjö stadsdelsförvaltning")]
add(
    Case(
        "shared-stockholm-in-signature-hagersten-alvsjo",
        "outlook",
        Mail(
            "Ture Lindqvist",
            "ture.lindqvist@stockholm.se",
            "Anmälan seminarium 15/9",
            date(23, 8, 0),
            (P("Hej,"), P("Ture Lindqvist; ture.lindqvist@stockholm.se; enhetschef\nZeynep Kaya; zeynep.kaya@stockholm.se; fältassistent"), Blank(), mvh("Ture"), sig("Ture Lindqvist", "Enhetschef", "Hägersten-Älvsjö stadsdelsförvaltning, Stockholms stad", "08-508 20 000", "ture.lindqvist@stockholm.se")),
        ),
        "line",
        booked(*_sh),
        tuple(_sh),
    )
)

_sk = [b("Hamid Nouri", "stockholm.se", "Skärholmen stadsdelsförvaltning"), b("Frida Ek", "stockholm.se", "Skärholmen stadsdelsförvaltning")]
add(
    Case(
        "shared-stockholm-in-a-sentence-skarholmen",
        "gmail",
        Mail("Hamid Nouri", "hamid.nouri@stockholm.se", "Anmälan", date(24, 9, 0), (P("Hej,"), P("Vi på Skärholmens stadsdelsförvaltning anmäler oss två:"), Items(("Hamid Nouri, hamid.nouri@stockholm.se", "Frida Ek, frida.ek@stockholm.se")), P("Hälsningar Hamid"))),
        "list",
        booked(*_sk),
        tuple(_sk),
    )
)

add(
    Case(
        "shared-stockholm-nowhere-asks",
        "outlook",
        Mail("Lena Ström", "lena.strom@stockholm.se", "Anmälan", date(25, 9, 0), (P("Hej,"), P("Jag vill anmäla mig till seminariet."), P("Mvh Lena Ström\nStockholms stad"))),
        "sender",
        (("needs-info", None),),
        (),
        ask=True,
    )
)

add(
    Case(
        "shared-stockholm-tie-asks",
        "outlook",
        Mail("Karl Berg", "karl.berg@stockholm.se", "Anmälan Bromma och Kungsholmen", date(26, 9, 0), (P("Hej,"), P("Karl Berg; karl.berg@stockholm.se\nMia Ahl; mia.ahl@stockholm.se"), P("Mvh Karl"))),
        "line",
        (("needs-info", None),),
        (),
        ask=True,
        note="the subject names two districts: a tie, ask",
    )
)

_pv = [b("Johanna Ek", "polisen.se", "Lokalpolisområde Västerort")]
add(
    Case(
        "shared-police-english-signature-vasterort",
        "gmail",
        Mail("Johanna Ek", "johanna.ek@polisen.se", "Registration", date(27, 11, 0), (P("Hi,"), P("I'd like to attend the seminar."), P("Best,"), Sig(("Johanna Ek", "Community police officer", "Polisen Västerort"))), lang="en"),
        "sender",
        booked(*_pv),
        tuple(_pv),
    )
)

# --------------------------------------------------------------------------- dates in prose

_dh = [b("Elin Nyström", "huddinge.se", HUD, "pending", "2022-09-15")]
add(
    Case(
        "date-hellre-15-september-huddinge",
        "outlook",
        Mail("Elin Nyström", "elin.nystrom@huddinge.se", "Anmälan seminarium", date(27, 8, 0), (P("Hej,"), P("Vi vill hellre komma den 15 september om det går."), P("Namn: Elin Nyström\nE-post: elin.nystrom@huddinge.se\nBefattning: Socialsekreterare"), mvh("Elin"))),
        "key-block",
        booked(*_dh),
        tuple(_dh),
        note="another seminar's date in prose: forwarded to the organiser, pending",
    )
)

_db = [b("Fatima Hassan", "botkyrka.se", BOT_K), b("Jonas Lärka", "botkyrka.se", BOT_K)]
add(
    Case(
        "date-own-seminar-in-prose-botkyrka",
        "gmail",
        Mail("Fatima Hassan", "fatima.hassan@botkyrka.se", "Anmälan", date(28, 8, 0), (P("Hej,"), P("Vi kommer gärna den 14 september:"), Items(("Fatima Hassan fatima.hassan@botkyrka.se", "Jonas Lärka jonas.larka@botkyrka.se")), P("/Fatima"))),
        "list",
        booked(*_db),
        tuple(_db),
    )
)

_dr = [b("Simon Clarke", "regionstockholm.se", REG, "pending", "2022-09-13")]
add(
    Case(
        "date-english-prefer-13-september-region",
        "outlook",
        Mail("Simon Clarke", "simon.clarke@regionstockholm.se", "Registration", date(29, 8, 0), (P("Hello,"), P("I would like to attend, but I would prefer the seminar on 13 September if possible."), P("Regards,\nSimon Clarke\nRegion Stockholm")), lang="en"),
        "sender",
        booked(*_dr),
        tuple(_dr),
    )
)

# --------------------------------------------------------------------------- signatures and disclaimers

_kd = [b("Mats Hellström", "kriminalvarden.se", KV)]
add(
    Case(
        "sig-disclaimer-addresses-not-booked-kriminalvarden",
        "outlook",
        Mail(
            "Camilla Strand",
            "camilla.strand@kriminalvarden.se",
            "Anmälan – Kriminalvården region Stockholm – seminarium om öppna drogscener 14 september",
            date(30, 8, 0),
            (
                P("Hej,"),
                P("Mats Hellström <mats.hellstrom@kriminalvarden.se> kommer från oss."),
                Blank(),
                mvh("Camilla"),
                sig("Camilla Strand", "Enhetschef", "Kriminalvården, Region Stockholm", "010-513 00 00", "camilla.strand@kriminalvarden.se", "Box 123, 171 00 Solna"),
                P("Registrator: registrator.stockholm@kriminalvarden.se"),
                STATE_DISCLAIMER,
            ),
        ),
        "line",
        booked(*_kd),
        tuple(_kd),
        note="the signature, the registry address and the disclaimer's address are not participants",
    )
)

_lt = [b("Ella Wik", "tyreso.se", "Tyresö kommun"), b("Noah Berg", "tyreso.se", "Tyresö kommun")]
add(
    Case(
        "long-subject-list-tyreso",
        "outlook",
        Mail(
            "Ella Wik",
            "ella.wik@tyreso.se",
            "Anmälan till Länsstyrelsens seminarium om öppna drogscener i Stockholms läns utsatta områden – Tyresö kommun, socialförvaltningen, två deltagare",
            date(31, 16, 0),
            (P("Hej!"), Items(("Ella Wik – ella.wik@tyreso.se – enhetschef", "Noah Berg – noah.berg@tyreso.se – fältassistent"), numbered=True), mvh("Ella"), KOMMUN_DISCLAIMER),
        ),
        "list",
        booked(*_lt),
        tuple(_lt),
    )
)
