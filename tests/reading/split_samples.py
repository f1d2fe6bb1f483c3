"""Bodies as the clients write them (plain parts, or HTML as `reading.html` renders it), each
with the author's own lines and, for a forward, the forwarded headers and the forwarded author's
own lines. Shared by tests/reading/test_split.py and benchmarks/split_compare.py, which measures
quotequail and mail-parser-reply on the same bodies."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sample:
    name: str
    text: str
    author: tuple[str, ...]  # non-blank lines of the author's own text
    subject: str = ""
    sender: str | None = None  # the From display name
    address: str | None = None  # the From address
    html: str | None = None  # when set, `text` is what reading.html renders of it
    forward_from: str | None = None
    forward_subject: str | None = None
    forward_author: tuple[str, ...] = ()


OUTLOOK_SV_REPLY = """Hej!

Jag kommer gärna, och min kollega Kalle Karlsson (kalle.karlsson@lund.se) också.

Med vänliga hälsningar
Eva Ek
Enhetschef, Individ- och familjeomsorgen
Lunds kommun
Tel: 046-35 50 00
eva.ek@lund.se

Från: Seminarier Länsstyrelsen <seminarier@lansstyrelsen.se>
Skickat: den 2 december 2026 09:14
Till: Eva Ek <eva.ek@lund.se>
Ämne: Inbjudan: Våld i nära relationer – stöd till våldsutsatta

Välkommen att anmäla dig till seminariet den 14 september.
Anmäl dig genom att svara på detta mejl med namn och e-post.
"""

OUTLOOK_EN_REPLY = """Hi,

Please register me and Tom Hill <tom.hill@york.gov.uk>.

Kind regards,
Sarah Jones
Safeguarding Lead | City of York Council
T: 01904 551234

From: Events <events@example.org>
Sent: 02 December 2026 09:14
To: Sarah Jones <sarah.jones@york.gov.uk>
Subject: Invitation: Domestic abuse seminar

Please reply with the names and addresses of those attending.
"""

OUTLOOK_SV_FORWARD = """Hej,

Anmäler Lisa enligt nedan.

/Eva

Från: Lisa Berg <lisa.berg@lund.se>
Skickat: den 1 december 2026 16:02
Till: Eva Ek <eva.ek@lund.se>
Ämne: Seminariet 14 september

Hej Eva!

Kan du anmäla mig till seminariet? Namn: Lisa Berg, lisa.berg@lund.se

Tack!
Lisa
"""

OUTLOOK_EN_FORWARD = """Registering Omar below.

From: Omar Ali <omar.ali@york.gov.uk>
Sent: Tuesday, December 1, 2026 4:02 PM
To: Sarah Jones <sarah.jones@york.gov.uk>
Subject: Seminar

Hi Sarah, could you book me on the seminar? omar.ali@york.gov.uk

Thanks,
Omar
"""

OUTLOOK_ORIGINAL_MESSAGE_SV = """Stryk mig tyvärr, jag kan inte komma.

Anna

-----Ursprungligt meddelande-----
Från: Seminarier <seminarier@lansstyrelsen.se>
Skickat: den 3 december 2026 10:00
Till: Anna Lund <anna.lund@malmo.se>
Ämne: Bekräftelse

Du är anmäld till seminariet.
"""

OUTLOOK_ORIGINAL_MESSAGE_EN = """I can't attend after all, please cancel.

-----Original Message-----
From: Events <events@example.org>
Sent: Thursday, December 3, 2026 10:00 AM
To: Tom Hill <tom.hill@york.gov.uk>
Subject: Confirmation

You are registered.
"""

OWA_SV_REPLY = """Hej, jag anmäler mig.

Hälsningar Per

________________________________
Från: Seminarier <seminarier@lansstyrelsen.se>
Skickat: onsdag 2 december 2026 09:14
Till: Per Persson <per.persson@polisen.se>
Ämne: Inbjudan

Välkommen!
"""

OWA_EN_REPLY = """Count me in.

Get Outlook for iOS
________________________________
From: Events <events@example.org>
Sent: Wednesday, December 2, 2026 9:14:02 AM
To: Amy Clark <amy.clark@leeds.gov.uk>
Subject: Invitation

Welcome!
"""

GMAIL_SV_REPLY = """Hej,

jag och min kollega Kalle Karlsson (kalle.karlsson@lund.se) kommer.

Den ons 2 dec. 2026 kl 09:14 skrev Seminarier <seminarier@lansstyrelsen.se>:

> Välkommen att anmäla dig till seminariet.
> Svara med namn och e-post.
"""

GMAIL_SV_REPLY_WRAPPED = """Vi kommer två:
Anna Berg, anna.berg@lund.se
Per Ek, per.ek@lund.se

Den ons 2 dec. 2026 kl 09:14 skrev Seminarier Länsstyrelsen Skåne <
seminarier@lansstyrelsen.se>:

> Välkommen!
"""

GMAIL_EN_REPLY = """I'll come, thanks!

*Amy Clark*
Leeds City Council

On Wed, 2 Dec 2026 at 09:14, Events <events@example.org> wrote:

> Welcome! Reply to register.
>
"""

GMAIL_SV_FORWARD = """Hej, se nedan. Anmäler Johan.

---------- Vidarebefordrat meddelande ---------
Från: Johan Persson <johan.persson@malmo.se>
Date: tis 1 dec. 2026 kl 15:40
Subject: Anmälan seminarium
To: Anna Lund <anna.lund@malmo.se>


Hej Anna, jag vill gärna gå på seminariet.
johan.persson@malmo.se

Mvh Johan
"""

GMAIL_EN_FORWARD = """FYI - can you add her?

---------- Forwarded message ---------
From: *Lucy Grant* <lucy.grant@leeds.gov.uk>
Date: Tue, 1 Dec 2026 at 15:40
Subject: Seminar place
To: Amy Clark <amy.clark@leeds.gov.uk>


Hi Amy, please sign me up: lucy.grant@leeds.gov.uk

Best,
Lucy
"""

APPLE_SV_REPLY = """Jag kommer gärna.

Skickat från min iPhone

> 2 dec. 2026 kl. 09:14 skrev Seminarier <seminarier@lansstyrelsen.se>:
>
> Välkommen!
"""

APPLE_EN_REPLY = """Yes please, book me in.

Sent from my iPad

> On 2 Dec 2026, at 09:14, Events <events@example.org> wrote:
>
> Welcome!
"""

APPLE_SV_FORWARD = """Anmäler Sara enligt nedan.

Mvh
Omar

Början av vidarebefordrat meddelande:

Från: Sara Nilsson <sara.nilsson@polisen.se>
Ämne: Seminariet
Datum: 1 december 2026 15:40:11 CET
Till: Omar Ali <omar.ali@polisen.se>

Hej! Jag vill anmäla mig. sara.nilsson@polisen.se
"""

APPLE_EN_FORWARD = """See below.

Begin forwarded message:

From: Lucy Grant <lucy.grant@leeds.gov.uk>
Subject: Seminar
Date: 1 December 2026 at 15:40:11 GMT
To: Amy Clark <amy.clark@leeds.gov.uk>

Please register me, lucy.grant@leeds.gov.uk

Lucy
"""

THUNDERBIRD_SV_REPLY = """Jag anmäler Karin Sjö, karin.sjo@goteborg.se.

Den 2026-12-02 kl. 09:14, skrev Seminarier:
> Välkommen!
"""

THUNDERBIRD_EN_REPLY = """Please register Tom Hill, tom.hill@york.gov.uk.

--{blank}
Sarah Jones
City of York Council

On 02/12/2026 09:14, Events wrote:
> Welcome!
""".format(blank=" ")  # the signature delimiter is "-- ", its blank kept

THUNDERBIRD_SV_FORWARD = """Vidarebefordrar Lisas anmälan.

-------- Vidarebefordrat meddelande --------
Ämne: 	Anmälan
Datum: 	Tue, 1 Dec 2026 15:40:11 +0100
Från: 	Lisa Berg <lisa.berg@lund.se>
Till: 	Eva Ek <eva.ek@lund.se>



Hej, anmäl mig gärna: lisa.berg@lund.se
"""

THUNDERBIRD_EN_FORWARD = """Forwarding Lucy's request.

-------- Forwarded Message --------
Subject: 	Seminar
Date: 	Tue, 1 Dec 2026 15:40:11 +0000
From: 	Lucy Grant <lucy.grant@leeds.gov.uk>
To: 	Amy Clark <amy.clark@leeds.gov.uk>



Please book me: lucy.grant@leeds.gov.uk
"""

SV_DISCLAIMER = """Hej!

Jag anmäler mig till seminariet den 14 september.

Med vänlig hälsning
Johan Persson
Polisinspektör, Lokalpolisområde Malmö Norr
Polismyndigheten

Detta e-postmeddelande kan innehålla sekretessbelagd information. Om du har fått meddelandet av misstag, vänligen meddela avsändaren och radera det.
När du skickar e-post till Polismyndigheten behandlas dina personuppgifter enligt dataskyddsförordningen.
"""

EN_DISCLAIMER = """Please register me for the 14 September session.

This email and any attachments are confidential and intended solely for the addressee. If you have received this email in error please notify the sender and delete it.
"""

SV_NAME_SIGNATURE = """Hej, anmäler Anna Berg anna.berg@lund.se och Per Ek per.ek@lund.se.

Eva Ek
Enhetschef
Lunds kommun
046-35 50 00
eva.ek@lund.se
"""

SV_OWN_NAME_IN_LIST = """Vi blir tre:
Eva Ek
eva.ek@lund.se
Anna Berg
anna.berg@lund.se
Per Ek
per.ek@lund.se
"""

SV_SLASH_NAME = """Anmäl gärna mig och Omar Ali, omar.ali@polisen.se.
//Sara
"""

SV_INLINE_REPLY = """> Vilka kommer från er förvaltning?
Anna Berg, anna.berg@lund.se
> Och från stadsdelen?
Per Ek, per.ek@lund.se

Mvh Eva
"""

EN_SIG_DASHES = """Register Amy Clark amy.clark@leeds.gov.uk please.

--
Bob Stone
Leeds City Council
"""

PLAIN_NO_QUOTE_SV = """Hej!
Jag vill anmäla följande:
1. Anna Berg, anna.berg@lund.se
2. Per Ek, per.ek@lund.se
"""

SV_HALSNINGAR_FIRST_NAME = """Anmäler härmed Karin Sjö (karin.sjo@goteborg.se) till seminariet.

Hälsningar,
Maria
"""

GERMAN_ATTRIBUTION = """Ich komme gerne.

Am 02.12.2026 um 09:14 schrieb Events <events@example.org>:
> Willkommen!
"""

FLOWED_SV_HEADER_BOLD = """Jag kommer.

*Från:* Seminarier <seminarier@lansstyrelsen.se>
*Skickat:* den 2 december 2026 09:14
*Till:* Per Persson <per.persson@polisen.se>
*Ämne:* Inbjudan

Välkommen!
"""

OUTLOOK_SV_HTML = """<html><body><div class=WordSection1><p class=MsoNormal>Hej,<o:p></o:p></p>
<p class=MsoNormal>jag kommer gärna.<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal>Mvh<o:p></o:p></p><p class=MsoNormal>Per<o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<div><div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'>
<p class=MsoNormal><b>Från:</b> Seminarier &lt;seminarier@lansstyrelsen.se&gt; <br><b>Skickat:</b> den 2 december 2026 09:14<br><b>Till:</b> Per Persson &lt;per.persson@polisen.se&gt;<br><b>Ämne:</b> Inbjudan<o:p></o:p></p></div></div>
<p class=MsoNormal>Välkommen!<o:p></o:p></p></div></body></html>"""

OUTLOOK_SV_HTML_TEXT = """Hej,
jag kommer gärna.

Mvh
Per

Från: Seminarier <seminarier@lansstyrelsen.se>
Skickat: den 2 december 2026 09:14
Till: Per Persson <per.persson@polisen.se>
Ämne: Inbjudan
Välkommen!"""

GMAIL_HTML_UNKNOWN_LANGUAGE = """<div dir="ltr">Jag kommer!</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">W dniu śr., 2 gru 2026 o 09:14 Events &lt;events@example.org&gt; napisał(a):<br></div><blockquote class="gmail_quote"><div dir="ltr">Witamy</div></blockquote></div>"""

GMAIL_HTML_UNKNOWN_LANGUAGE_TEXT = """Jag kommer!

W dniu śr., 2 gru 2026 o 09:14 Events <events@example.org> napisał(a):
Witamy"""

PLAIN_HYPHEN_LIST = """Hej! Vi anmäler:
- Anna Berg, anna.berg@lund.se
- Per Ek, per.ek@lund.se

Hälsningar
Eva
"""

OUTLOOK_SV_REPLY_KOPIA = """Ja, jag och Omar Ali (omar.ali@polisen.se) kommer båda.

Från: Seminarier <seminarier@lansstyrelsen.se>
Skickat: den 2 december 2026 09:14
Till: Sara Nilsson <sara.nilsson@polisen.se>; Omar Ali <omar.ali@polisen.se>;
Kalle Karlsson <kalle.karlsson@polisen.se>
Kopia: Registrator <registrator@polisen.se>
Ämne: Inbjudan

Välkommen!
"""

OWA_EN_FORWARD = """Could you add James? Details below.

________________________________
From: James Reed <james.reed@leeds.gov.uk>
Sent: 01 December 2026 15:40
To: Amy Clark <amy.clark@leeds.gov.uk>
Subject: Seminar

Please register me - james.reed@leeds.gov.uk

James Reed
Social Worker
"""

IPHONE_SV_FORWARD_QUOTED = """Anmäler Sara, se nedan.

Skickat från min iPhone

Början av vidarebefordrat meddelande:

> Från: Sara Nilsson <sara.nilsson@polisen.se>
> Datum: 1 december 2026 15:40:11 CET
> Till: Omar Ali <omar.ali@polisen.se>
> Ämne: Seminariet
>
> Hej! Jag vill anmäla mig. sara.nilsson@polisen.se
"""

ANDROID_OUTLOOK_SV = """Jag kommer!

Skickat från Outlook för Android
________________________________
Från: Seminarier <seminarier@lansstyrelsen.se>
Skickat: onsdag, december 2, 2026 9:14:02 fm
Till: Lisa Holm <lisa.holm@malmo.se>
Ämne: Inbjudan

Välkommen!
"""

SV_PS_AFTER_SIGNATURE = """Jag anmäler mig själv.

Mvh
Eva Ek
Lunds kommun

PS. Min kollega Per Ek (per.ek@lund.se) kommer också.
"""

NESTED_QUOTES_EN = """Yes, both of us: Tom Hill tom.hill@york.gov.uk

On Thu, 3 Dec 2026 at 10:00, Events <events@example.org> wrote:
> Who else is coming?
>
> On Wed, 2 Dec 2026 at 09:14, Sarah Jones <sarah.jones@york.gov.uk> wrote:
> > I will come.
"""

MAC_OUTLOOK_EN_REPLY = """Please cancel my place, I can no longer attend.

Thanks,
Tom

From: Events <events@example.org>
Date: Thursday, 3 December 2026 at 10:00
To: Tom Hill <tom.hill@york.gov.uk>
Subject: Confirmation
"""

SV_ENGLISH_DISCLAIMER_AFTER_SIG = """Anmäler Karin Sjö, karin.sjo@goteborg.se

Vänliga hälsningar
Maria Holm
Göteborgs Stad

CONFIDENTIALITY NOTICE: This message is intended only for the addressee and may contain confidential information.
"""


SAMPLES: tuple[Sample, ...] = (
    Sample(
        "outlook-sv-reply",
        OUTLOOK_SV_REPLY,
        (
            "Hej!",
            "Jag kommer gärna, och min kollega Kalle Karlsson (kalle.karlsson@lund.se) också.",
        ),
        subject="SV: Inbjudan: Våld i nära relationer",
        sender="Eva Ek",
        address="eva.ek@lund.se",
    ),
    Sample(
        "outlook-en-reply",
        OUTLOOK_EN_REPLY,
        ("Hi,", "Please register me and Tom Hill <tom.hill@york.gov.uk>."),
        subject="RE: Invitation: Domestic abuse seminar",
        sender="Sarah Jones",
    ),
    Sample(
        "outlook-sv-forward",
        OUTLOOK_SV_FORWARD,
        ("Hej,", "Anmäler Lisa enligt nedan."),
        subject="VB: Seminariet 14 september",
        sender="Eva Ek",
        forward_from="Lisa Berg <lisa.berg@lund.se>",
        forward_subject="Seminariet 14 september",
        forward_author=(
            "Hej Eva!",
            "Kan du anmäla mig till seminariet? Namn: Lisa Berg, lisa.berg@lund.se",
        ),
    ),
    Sample(
        "outlook-en-forward",
        OUTLOOK_EN_FORWARD,
        ("Registering Omar below.",),
        subject="FW: Seminar",
        sender="Sarah Jones",
        forward_from="Omar Ali <omar.ali@york.gov.uk>",
        forward_subject="Seminar",
        forward_author=("Hi Sarah, could you book me on the seminar? omar.ali@york.gov.uk",),
    ),
    Sample(
        "outlook-ursprungligt-meddelande",
        OUTLOOK_ORIGINAL_MESSAGE_SV,
        ("Stryk mig tyvärr, jag kan inte komma.",),
        subject="SV: Bekräftelse",
        sender="Lund Anna",
        address="anna.lund@malmo.se",
    ),
    Sample(
        "outlook-original-message",
        OUTLOOK_ORIGINAL_MESSAGE_EN,
        ("I can't attend after all, please cancel.",),
        subject="RE: Confirmation",
        sender="Tom Hill",
    ),
    Sample(
        "owa-sv-reply",
        OWA_SV_REPLY,
        ("Hej, jag anmäler mig.",),
        subject="SV: Inbjudan",
        sender="Per Persson",
    ),
    Sample(
        "owa-en-reply-mobile",
        OWA_EN_REPLY,
        ("Count me in.",),
        subject="RE: Invitation",
        sender="Amy Clark",
    ),
    Sample(
        "gmail-sv-reply",
        GMAIL_SV_REPLY,
        ("Hej,", "jag och min kollega Kalle Karlsson (kalle.karlsson@lund.se) kommer."),
        subject="Re: Inbjudan",
        sender="Anna Lund",
    ),
    Sample(
        "gmail-sv-reply-wrapped-attribution",
        GMAIL_SV_REPLY_WRAPPED,
        ("Vi kommer två:", "Anna Berg, anna.berg@lund.se", "Per Ek, per.ek@lund.se"),
        subject="Re: Inbjudan",
        sender="Eva Ek",
    ),
    Sample(
        "gmail-en-reply",
        GMAIL_EN_REPLY,
        ("I'll come, thanks!",),
        subject="Re: Invitation",
        sender="Amy Clark",
    ),
    Sample(
        "gmail-sv-forward",
        GMAIL_SV_FORWARD,
        ("Hej, se nedan. Anmäler Johan.",),
        subject="Fwd: Anmälan seminarium",
        sender="Anna Lund",
        forward_from="Johan Persson <johan.persson@malmo.se>",
        forward_subject="Anmälan seminarium",
        forward_author=("Hej Anna, jag vill gärna gå på seminariet.", "johan.persson@malmo.se"),
    ),
    Sample(
        "gmail-en-forward",
        GMAIL_EN_FORWARD,
        ("FYI - can you add her?",),
        subject="Fwd: Seminar place",
        sender="Amy Clark",
        forward_from="Lucy Grant <lucy.grant@leeds.gov.uk>",
        forward_subject="Seminar place",
        forward_author=("Hi Amy, please sign me up: lucy.grant@leeds.gov.uk",),
    ),
    Sample(
        "apple-iphone-sv-reply",
        APPLE_SV_REPLY,
        ("Jag kommer gärna.",),
        subject="Sv: Inbjudan",
        sender="Sara Nilsson",
    ),
    Sample(
        "apple-ipad-en-reply",
        APPLE_EN_REPLY,
        ("Yes please, book me in.",),
        subject="Re: Invitation",
        sender="Lucy Grant",
    ),
    Sample(
        "apple-sv-forward",
        APPLE_SV_FORWARD,
        ("Anmäler Sara enligt nedan.",),
        subject="Fwd: Seminariet",
        sender="Omar Ali",
        forward_from="Sara Nilsson <sara.nilsson@polisen.se>",
        forward_subject="Seminariet",
        forward_author=("Hej! Jag vill anmäla mig. sara.nilsson@polisen.se",),
    ),
    Sample(
        "apple-en-forward",
        APPLE_EN_FORWARD,
        ("See below.",),
        subject="Fwd: Seminar",
        sender="Amy Clark",
        forward_from="Lucy Grant <lucy.grant@leeds.gov.uk>",
        forward_subject="Seminar",
        forward_author=("Please register me, lucy.grant@leeds.gov.uk",),
    ),
    Sample(
        "thunderbird-sv-reply",
        THUNDERBIRD_SV_REPLY,
        ("Jag anmäler Karin Sjö, karin.sjo@goteborg.se.",),
        subject="Re: Inbjudan",
        sender="Maria Holm",
    ),
    Sample(
        "thunderbird-en-reply-sig",
        THUNDERBIRD_EN_REPLY,
        ("Please register Tom Hill, tom.hill@york.gov.uk.",),
        subject="Re: Invitation",
        sender="Sarah Jones",
    ),
    Sample(
        "thunderbird-sv-forward",
        THUNDERBIRD_SV_FORWARD,
        ("Vidarebefordrar Lisas anmälan.",),
        subject="Fwd: Anmälan",
        sender="Eva Ek",
        forward_from="Lisa Berg <lisa.berg@lund.se>",
        forward_subject="Anmälan",
        forward_author=("Hej, anmäl mig gärna: lisa.berg@lund.se",),
    ),
    Sample(
        "thunderbird-en-forward",
        THUNDERBIRD_EN_FORWARD,
        ("Forwarding Lucy's request.",),
        subject="Fwd: Seminar",
        sender="Amy Clark",
        forward_from="Lucy Grant <lucy.grant@leeds.gov.uk>",
        forward_subject="Seminar",
        forward_author=("Please book me: lucy.grant@leeds.gov.uk",),
    ),
    Sample(
        "sv-signature-and-disclaimer",
        SV_DISCLAIMER,
        ("Hej!", "Jag anmäler mig till seminariet den 14 september."),
        subject="Anmälan",
        sender="Johan Persson",
    ),
    Sample(
        "en-disclaimer",
        EN_DISCLAIMER,
        ("Please register me for the 14 September session.",),
        subject="Registration",
        sender="Tom Hill",
    ),
    Sample(
        "sv-closing-block-repeats-sender",
        SV_NAME_SIGNATURE,
        ("Hej, anmäler Anna Berg anna.berg@lund.se och Per Ek per.ek@lund.se.",),
        subject="Anmälan",
        sender="Eva Ek",
        address="eva.ek@lund.se",
    ),
    Sample(
        "sv-sender-inside-own-list",
        SV_OWN_NAME_IN_LIST,
        (
            "Vi blir tre:",
            "Eva Ek",
            "eva.ek@lund.se",
            "Anna Berg",
            "anna.berg@lund.se",
            "Per Ek",
            "per.ek@lund.se",
        ),
        subject="Anmälan",
        sender="Eva Ek",
        address="eva.ek@lund.se",
    ),
    Sample(
        "sv-slash-first-name",
        SV_SLASH_NAME,
        ("Anmäl gärna mig och Omar Ali, omar.ali@polisen.se.",),
        subject="Anmälan",
        sender="Sara Nilsson",
    ),
    Sample(
        "sv-inline-reply",
        SV_INLINE_REPLY,
        ("Anna Berg, anna.berg@lund.se", "Per Ek, per.ek@lund.se"),
        subject="SV: Frågor",
        sender="Eva Ek",
    ),
    Sample(
        "en-sig-dashes-stripped",
        EN_SIG_DASHES,
        ("Register Amy Clark amy.clark@leeds.gov.uk please.",),
        subject="Registration",
        sender="Bob Stone",
    ),
    Sample(
        "sv-plain-list-no-quote",
        PLAIN_NO_QUOTE_SV,
        (
            "Hej!",
            "Jag vill anmäla följande:",
            "1. Anna Berg, anna.berg@lund.se",
            "2. Per Ek, per.ek@lund.se",
        ),
        subject="Anmälan",
        sender="Eva Ek",
    ),
    Sample(
        "sv-halsningar-first-name",
        SV_HALSNINGAR_FIRST_NAME,
        ("Anmäler härmed Karin Sjö (karin.sjo@goteborg.se) till seminariet.",),
        subject="Anmälan",
        sender="Maria Holm",
    ),
    Sample(
        "german-attribution",
        GERMAN_ATTRIBUTION,
        ("Ich komme gerne.",),
        subject="AW: Einladung",
        sender="Max Bauer",
    ),
    Sample(
        "gmail-plain-bold-outlook-headers",
        FLOWED_SV_HEADER_BOLD,
        ("Jag kommer.",),
        subject="SV: Inbjudan",
        sender="Per Persson",
    ),
    Sample(
        "outlook-sv-html",
        OUTLOOK_SV_HTML_TEXT,
        ("Hej,", "jag kommer gärna."),
        subject="SV: Inbjudan",
        sender="Per Persson",
        html=OUTLOOK_SV_HTML,
    ),
    Sample(
        "gmail-html-attribution-in-unknown-language",
        GMAIL_HTML_UNKNOWN_LANGUAGE_TEXT,
        ("Jag kommer!",),
        subject="Re: Zaproszenie",
        sender="Anna Lund",
        html=GMAIL_HTML_UNKNOWN_LANGUAGE,
    ),
    Sample(
        "plain-hyphen-list",
        PLAIN_HYPHEN_LIST,
        ("Hej! Vi anmäler:", "- Anna Berg, anna.berg@lund.se", "- Per Ek, per.ek@lund.se"),
        subject="Anmälan",
        sender="Eva Ek",
    ),
    Sample(
        "outlook-sv-reply-wrapped-to-and-kopia",
        OUTLOOK_SV_REPLY_KOPIA,
        ("Ja, jag och Omar Ali (omar.ali@polisen.se) kommer båda.",),
        subject="SV: Inbjudan",
        sender="Sara Nilsson",
    ),
    Sample(
        "owa-en-forward",
        OWA_EN_FORWARD,
        ("Could you add James? Details below.",),
        subject="FW: Seminar",
        sender="Amy Clark",
        forward_from="James Reed <james.reed@leeds.gov.uk>",
        forward_subject="Seminar",
        forward_author=("Please register me - james.reed@leeds.gov.uk",),
    ),
    Sample(
        "iphone-sv-forward-quoted",
        IPHONE_SV_FORWARD_QUOTED,
        ("Anmäler Sara, se nedan.",),
        subject="Fwd: Seminariet",
        sender="Omar Ali",
        forward_from="Sara Nilsson <sara.nilsson@polisen.se>",
        forward_subject="Seminariet",
        forward_author=("Hej! Jag vill anmäla mig. sara.nilsson@polisen.se",),
    ),
    Sample(
        "android-outlook-sv-reply",
        ANDROID_OUTLOOK_SV,
        ("Jag kommer!",),
        subject="SV: Inbjudan",
        sender="Lisa Holm",
    ),
    Sample(
        "sv-ps-after-signature",
        SV_PS_AFTER_SIGNATURE,
        ("Jag anmäler mig själv.", "PS. Min kollega Per Ek (per.ek@lund.se) kommer också."),
        subject="Anmälan",
        sender="Eva Ek",
    ),
    Sample(
        "en-nested-quotes",
        NESTED_QUOTES_EN,
        ("Yes, both of us: Tom Hill tom.hill@york.gov.uk",),
        subject="Re: Re: Invitation",
        sender="Sarah Jones",
    ),
    Sample(
        "mac-outlook-en-reply-date-header",
        MAC_OUTLOOK_EN_REPLY,
        ("Please cancel my place, I can no longer attend.",),
        subject="Re: Confirmation",
        sender="Tom Hill",
    ),
    Sample(
        "sv-english-disclaimer-after-signature",
        SV_ENGLISH_DISCLAIMER_AFTER_SIG,
        ("Anmäler Karin Sjö, karin.sjo@goteborg.se",),
        subject="Anmälan",
        sender="Maria Holm",
    ),
)
