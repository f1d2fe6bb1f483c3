"""Who writes the noise: staff of invited actors (domains from the shipped config.toml) and others.

Every message gets its own sender address, so that one message's outcome never depends on
another's (a reply limit per sender, a duplicate).
"""

from __future__ import annotations

import dataclasses
import random

FIRST = [
    "Anna", "Karin", "Lena", "Maria", "Eva", "Sara", "Linnea", "Åsa", "Ingrid", "Helena",
    "Fatima", "Amina", "Leila", "Sofia", "Elin", "Johanna", "Malin", "Therese", "Ylva", "Märta",
    "Erik", "Lars", "Johan", "Per", "Mikael", "Anders", "Björn", "Jörgen", "Ahmed", "Omar",
    "Mattias", "Kristoffer", "Göran", "Stefan", "Håkan", "Jonas", "Oskar", "Yusuf", "Nils", "Ola",
]  # fmt: skip
LAST = [
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
    "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Lindberg", "Lindqvist", "Öberg",
    "Sjöström", "Hägg", "Åkesson", "Bäckström", "Ek", "Holm", "Berg", "Lind", "Hassan", "Ali",
    "Yilmaz", "Mohammed", "Nyström", "Ängqvist", "Grönberg",
]  # fmt: skip

# Invited actors of the shipped config.toml: (domain, organisation as a signature writes it).
# Shared domains (stockholm.se, polisen.se) always carry the organisation in the signature.
INVITED = [
    ("huddinge.se", "Huddinge kommun", "Socialtjänsten"),
    ("botkyrka.se", "Botkyrka kommun", "Fältgruppen"),
    ("haninge.se", "Haninge kommun", "Trygghetsenheten"),
    ("nacka.se", "Nacka kommun", "Socialtjänsten"),
    ("jarfalla.se", "Järfälla kommun", "Brottsförebyggande enheten"),
    ("sodertalje.se", "Södertälje kommun", "Socialkontoret"),
    ("solna.se", "Solna stad", "Fältverksamheten"),
    ("sundbyberg.se", "Sundbyberg stad", "Trygghet och säkerhet"),
    ("sollentuna.se", "Sollentuna kommun", "Socialförvaltningen"),
    ("varmdo.se", "Värmdö kommun", "Fältassistenterna"),
    ("stockholm.se", "Rinkeby-Kista stadsdelsförvaltning", "Avdelningen för trygghet"),
    ("stockholm.se", "Spånga-Tensta stadsdelsförvaltning", "Socialtjänsten"),
    ("stockholm.se", "Farsta stadsdelsförvaltning", "Fältgruppen"),
    ("polisen.se", "Lokalpolisområde Järva", "Områdespolisen"),
    ("polisen.se", "Lokalpolisområde Södertälje", "Kommunpolis"),
    ("regionstockholm.se", "Region Stockholm", "Beroendecentrum"),
    ("tullverket.se", "Tullverket", "Brottsbekämpning"),
    ("kriminalvarden.se", "Kriminalvården", "Frivården Stockholm"),
]  # fmt: skip

UNINVITED = [
    "gmail.com", "hotmail.com", "outlook.com", "telia.com", "bredband.net", "konsultbolaget.se",
    "uppsala.se", "goteborg.se", "bra.se", "folkhalsomyndigheten.se", "skr.se", "malmo.se",
    "huddinge.se.evil.com", "evil-huddinge.se", "stockholm-se.info", "polisen-se.com",
]  # fmt: skip

TITLES = [
    "Socialsekreterare", "Fältassistent", "Enhetschef", "Samordnare", "Kommunpolis",
    "Trygghetssamordnare", "Handläggare", "Utredare", "Verksamhetsutvecklare", "Avdelningschef",
]  # fmt: skip


@dataclasses.dataclass(frozen=True)
class Person:
    name: str
    address: str
    organisation: str
    unit: str
    title: str
    phone: str

    def signature(self, english: bool = False) -> str:
        title = self.title if not english else "Coordinator"
        return (
            f"{self.name}\n{title}\n{self.unit}\n{self.organisation}\n"
            f"{'Phone' if english else 'Tel'}: {self.phone}\n{self.address}"
        )


def ascii_fold(text: str) -> str:
    table = str.maketrans("åäöÅÄÖéü", "aaoAAOeu")
    return text.translate(table).lower().replace(" ", "")


class People:
    """Unique people, deterministically: the n-th call always gives the same person."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.used: set[str] = set()

    def _local(self, first: str, last: str) -> str:
        base = f"{ascii_fold(first)}.{ascii_fold(last)}"
        local, n = base, 1
        while local in self.used:
            n += 1
            local = f"{base}{n}"
        self.used.add(local)
        return local

    def invited(self, index: int | None = None) -> Person:
        domain, org, unit = INVITED[
            index % len(INVITED) if index is not None else self.rng.randrange(len(INVITED))
        ]
        first, last = self.rng.choice(FIRST), self.rng.choice(LAST)
        return Person(
            name=f"{first} {last}",
            address=f"{self._local(first, last)}@{domain}",
            organisation=org,
            unit=unit,
            title=self.rng.choice(TITLES),
            phone=f"08-{self.rng.randint(500, 799)} {self.rng.randint(10, 99)} {self.rng.randint(10, 99)}",
        )

    def uninvited(self, index: int | None = None) -> Person:
        domain = UNINVITED[
            index % len(UNINVITED) if index is not None else self.rng.randrange(len(UNINVITED))
        ]
        first, last = self.rng.choice(FIRST), self.rng.choice(LAST)
        return Person(
            name=f"{first} {last}",
            address=f"{self._local(first, last)}@{domain}",
            organisation=domain.split(".")[0].capitalize(),
            unit="",
            title=self.rng.choice(TITLES),
            phone=f"070-{self.rng.randint(100, 999)} {self.rng.randint(10, 99)} {self.rng.randint(10, 99)}",
        )
