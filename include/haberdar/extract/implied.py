"""The institution a title stands for when the text does not name it in full:
"Erzurum Valisi" -> Erzurum Valiliği, "Macaristan’ın Ankara Büyükelçisi" ->
Macaristan Ankara Büyükelçiliği, "ASO Başkanı" -> ASO, "Atlas Makine Genel
Müdürü" -> the company Atlas Makine.

Each rule looks at one title in context and proposes an institution, says there
is none (NO_INSTITUTION), or passes (None); the first rule that does not pass
decides, and RoleFinder registers what it proposes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Final

from haberdar import turkish
from haberdar.extract.institutions import acronym_guess, match_head
from haberdar.extract.lexicon import Lexicon
from haberdar.extract.text import Token

# Offices an untyped "<X> Başkanı" may head; tried against the gazetteer only.
AGENCY_HEADS: Final = ("Başkanlığı", "Kurumu", "Müdürlüğü", "Bakanlığı")
MISSIONS: Final = frozenset({"Büyükelçiliği", "Başkonsolosluğu", "Konsolosluğu"})
# Offices of a whole province: a bare "Vali" is the governor of the article's province.
PROVINCE_OFFICES: Final = frozenset({"Valiliği", "Büyükşehir Belediyesi"})
OUR: Final = ("imiz", "ımız", "umuz", "ümüz")  # "Derneğimiz", "Kurumumuz": the writer's own, unnamed


@dataclass(frozen=True)
class Proposal:
    name: str
    type: str
    how: str = "role"
    acronym: str | None = None
    city: str | None = None


NO_INSTITUTION: Final = Proposal("", "")


@dataclass
class TitleContext:
    """One title ("Genel Müdürü"), what stands before it and what the article knows."""

    tokens: list[Token]
    run: tuple[int, int]
    phrase: str  # the capitalised words right before the title ("Atlas Makine")
    named: bool  # a person's full name follows the title
    home: str | None  # the province the article is about
    known_types: set[str]  # types of the institutions the article names
    provinces: set[str]  # provinces the article names
    lex: Lexicon

    @cached_property
    def words(self) -> list[str]:
        return [t.base for t in self.tokens[self.run[0] : self.run[1] + 1]]

    @cached_property
    def parts(self) -> list[str]:
        return self.phrase.split()

    def implied_type(self) -> str | None:
        """The kind of institution the title belongs to ("Rektörü" -> university)."""
        types = (t.implies_type for w in self.words if (t := self.lex.title_word(w)))
        return next((t for t in types if t), None)

    def implied_head(self) -> tuple[str, str] | None:
        """The head and type the title implies ("Valisi" -> Valiliği, governorship)."""
        for k, word in enumerate(self.words):
            title = self.lex.title_word(word)
            if title and title.implies_head:
                head = title.implies_head
                if head == "Belediyesi" and k > 0 and self.words[k - 1] == "Büyükşehir":
                    head = "Büyükşehir Belediyesi"
                return head, title.implies_type or "other"
        return None


Rule = Callable[[TitleContext], Proposal | None]


def _country_at(tokens: list[Token], k: int, lex: Lexicon) -> tuple[str, int] | None:
    """The country whose name ends at token k, and the index where it starts."""
    for n in (3, 2, 1):
        if k - n + 1 >= 0:
            words = tokens[k - n + 1 : k + 1]
            name = lex.countries.get(turkish.key(" ".join(t.base for t in words)))
            if name and not any(t.suffix for t in words[:-1]):
                return name, k - n + 1
    return None


def mission(ctx: TitleContext) -> Proposal | None:
    """ "Macaristan’ın Ankara Büyükelçisi" -> Macaristan Ankara Büyükelçiliği;
    "Türkiye’nin Sri Lanka Büyükelçisi" -> Sri Lanka Büyükelçiliği; "Türkiye’nin
    Hannover Başkonsolosu" -> Hannover Başkonsolosluğu."""
    implied = ctx.implied_head()
    if implied is None or implied[0] not in MISSIONS:
        return None
    words: list[str] = []
    k = ctx.run[0] - 1
    while k >= 0 and ctx.tokens[k].is_cap and ctx.tokens[k].is_word and len(words) < 2:
        found = _country_at(ctx.tokens, k, ctx.lex)
        if found and found[0] != "Türkiye":
            words.insert(0, found[0])
            break  # the sending state ends the name
        if found or ctx.tokens[k].suffix:
            break  # "Türkiye’nin …": Türkiye sends; the host follows it
        words.insert(0, ctx.tokens[k].base)
        k -= 1
    return Proposal(" ".join([*words, implied[0]]), "other") if words else None


def title_head(ctx: TitleContext) -> Proposal | None:
    """ "Erzurum Valisi" -> Erzurum Valiliği, "Kars Belediye Başkanı" -> Kars Belediyesi."""
    implied = ctx.implied_head()
    if implied is None or not ctx.phrase:
        return None
    return Proposal(f"{ctx.phrase} {implied[0]}", implied[1])


def home_office(ctx: TitleContext) -> Proposal | None:
    """A bare "Vali" or "Büyükşehir Belediye Başkanı" in an article about one
    province, naming no institution of that kind: that province's office."""
    implied = ctx.implied_head()
    if implied is None or ctx.phrase or implied[0] not in PROVINCE_OFFICES or ctx.home is None:
        return None
    if implied[1] in ctx.known_types:
        return None  # the article names one: RoleFinder finds it by type
    return Proposal(f"{ctx.home} {implied[0]}", implied[1], city=ctx.home)


def unnamed(ctx: TitleContext) -> Proposal | None:
    """Nothing before the title, or no person after it: no institution to read."""
    return NO_INSTITUTION if not ctx.phrase or not ctx.named else None


def directorate(ctx: TitleContext) -> Proposal | None:
    """ "Kalkınma Ajansları Genel Müdür Yardımcısı": a general directorate is named
    after what it oversees, in the plural."""
    general = "Genel" in ctx.words and ctx.words[ctx.words.index("Genel") + 1 :][:1] in (
        ["Müdür"],
        ["Müdürü"],
    )
    if general and turkish.lower(ctx.parts[-1]).endswith(("ları", "leri")):
        return Proposal(f"{ctx.phrase} Genel Müdürlüğü", "government_agency")
    return None


def own_or_bare(ctx: TitleContext) -> Proposal | None:
    """ "Derneğimizin Genel Sekreteri", "Kurum Başkanı", "TEKNOKENT Genel Müdürü",
    "Ticaret ve Sanayi Odası Başkanı": the writer's own or a head noun alone, not
    a name."""
    words = [turkish.capitalize(p) if p.isupper() else p for p in ctx.parts]
    tokens = [Token(w, 0, len(w), w, "") for w in words]
    hit = match_head(tokens, 0, ctx.lex) if tokens else None
    if hit is not None and hit[1] == len(tokens) - 1:
        return NO_INSTITUTION  # the phrase is a head noun and nothing else
    if len(ctx.parts) != 1:
        return None
    word = turkish.lower(ctx.parts[0])
    bare = any(word.startswith(b) and len(word) - len(b) <= 4 for b in ctx.lex.bare_heads)
    return NO_INSTITUTION if bare or any(o in word for o in OUR) else None


def acronym(ctx: TitleContext) -> Proposal | None:
    """ "ŞUTSO Başkanı": an institution known by its acronym."""
    if len(ctx.parts) != 1 or not ctx.parts[0].isupper() or len(ctx.parts[0]) < 2:
        return None
    word = ctx.parts[0]
    if word in ctx.lex.not_institutions:
        return NO_INSTITUTION
    type_, city = acronym_guess(word, ctx.lex, ctx.provinces)
    if type_ == "other":  # "DAÜ Rektörü": the title tells what kind of body it heads
        type_ = ctx.implied_type() or type_
    return Proposal(word, type_, "acronym", acronym=word, city=city)


def national_agency(ctx: TitleContext) -> Proposal | None:
    """ "Savunma Sanayii Başkanı" -> Savunma Sanayii Başkanlığı, if the gazetteer knows it."""
    for head in AGENCY_HEADS:
        if turkish.key(f"{ctx.phrase} {head}") in ctx.lex.known_by_key:
            return Proposal(f"{ctx.phrase} {head}", "government_agency")
    return None


def local_branch(ctx: TitleContext) -> Proposal | None:
    """ "KOSGEB Eskişehir İl Müdürü" -> KOSGEB Eskişehir İl Müdürlüğü."""
    local = next((w for w in ctx.words if w in {"İl", "İlçe"}), None)
    if local and ctx.words[-1] in {"Müdürü", "Müdür"}:
        return Proposal(f"{ctx.phrase} {local} Müdürlüğü", "government_agency")
    return None


def place_or_person(ctx: TitleContext) -> Proposal | None:
    """ "Bursa Başkanı", "Sri Lanka Başkanı", "Ekrem Başkan": a place or a first name."""
    places = all(ctx.lex.province_of(p) for p in ctx.parts) or turkish.key(ctx.phrase) in ctx.lex.countries
    first_name = len(ctx.parts) == 1 and turkish.lower(ctx.parts[0]) in ctx.lex.given_names
    return NO_INSTITUTION if places or first_name else None


def typed_title(ctx: TitleContext) -> Proposal | None:
    """ "İstanbul Üniversitesi-Cerrahpaşa Rektörü": a title that belongs to one kind
    of institution makes the name before it one of that kind."""
    for word in ctx.words:
        title = ctx.lex.title_word(word)
        if title and title.implies_type and not title.implies_head:
            return Proposal(ctx.phrase, title.implies_type)
    return None


def company(ctx: TitleContext) -> Proposal | None:
    """ "Atlas Makine Genel Müdürü": what is left is a company's name, if the title
    is one only a company has; "Zabıta Müdürü", "Ticaret Ataşesi" name a unit."""
    words = ctx.words
    general_manager = any(w == "Genel" and words[k + 1 : k + 2] and words[k + 1].startswith("Müdür")
                          for k, w in enumerate(words))  # fmt: skip
    domain = ctx.parts and all(turkish.lower(p) in ctx.lex.word_sets["domain"] for p in ctx.parts)
    if general_manager and domain:  # "Sanayi Bölgeleri Genel Müdürü": a ministry's directorate
        return Proposal(f"{ctx.phrase} Genel Müdürlüğü", "government_agency")
    if general_manager or any(w in ctx.lex.company_titles for w in words):
        return Proposal(ctx.phrase, "company")
    return NO_INSTITUTION


RULES: tuple[Rule, ...] = (
    mission,
    title_head,
    home_office,
    unnamed,
    directorate,
    own_or_bare,
    acronym,
    national_agency,
    local_branch,
    place_or_person,
    typed_title,
    company,
)


def implied_institution(ctx: TitleContext) -> Proposal | None:
    """What the first rule that applies proposes; None when there is no institution."""
    for rule in RULES:
        proposal = rule(ctx)
        if proposal is not None:
            return None if proposal is NO_INSTITUTION else proposal
    return None
