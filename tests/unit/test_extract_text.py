import random
from pathlib import Path

from haberdar.extract import text as text_module
from haberdar.extract.text import split_sentences, tokenize

PROJECT = Path(__file__).resolve().parents[2]


def test_tokens_keep_apostrophe_suffixes_apart():
    tokens = tokenize("TOBB’un ve Konya'daki OSB’lere")
    assert [(t.base, t.suffix) for t in tokens] == [
        ("TOBB", "’un"),
        ("ve", ""),
        ("Konya", "'daki"),
        ("OSB", "’lere"),
    ]


def test_offsets_point_into_the_text():
    text = "Bursa Ticaret Borsası (BTB) toplandı."
    for tok in tokenize(text):
        assert text[tok.start : tok.end] == tok.text


def test_abbreviations_and_ordinals_do_not_end_sentences():
    sentences = split_sentences(
        "Rektör Prof. Dr. Ayşe Kara, 3. OSB’yi gezdi. Sonra Örnek Makine A.Ş. ziyaret edildi."
    )
    assert [s.text for s in sentences] == [
        "Rektör Prof. Dr. Ayşe Kara, 3. OSB’yi gezdi.",
        "Sonra Örnek Makine A.Ş. ziyaret edildi.",
    ]


def test_headlines_and_quotes_are_marked():
    text = (
        "Samsun Heyeti Teknokenti Gezdi\n\nBaşkan, “Bu iş birliği önemli. Devam edeceğiz” dedi.\nHeyet döndü."
    )
    sentences = split_sentences(text)
    assert sentences[0].is_heading
    assert sentences[1].in_quote is False or sentences[1].text.startswith("Başkan")
    assert any(s.in_quote for s in sentences if "Devam" in s.text)
    assert not sentences[-1].is_heading and not sentences[-1].in_quote


def _regex_only(text: str) -> list[tuple[str, int, int, str, str]]:
    tokens: list = []
    text_module._regex_tokens(text, 0, len(text), 0, tokens)
    return [(t.text, t.start, t.end, t.base, t.suffix) for t in tokens]


PIECES = ["Şarbak", "(BTB)", "Odası,", "“Bu", "dedi”", "!", "x)", "’ın", "’", "ın", "A.", "Ş.", "A.Ş.", "Ltd.", "Şti.", "M.", "Emin", "2.", "OSB", "Ar-Ge",
          "Prof.", "Dr.", "vb.", "“", "”", ",", "(", "İzmir", "'de", "da", "1923", "x_y", "\t", "  ", " ", "é", "ı̇",
          "etti.", "ASO’nun", "ASO’nun.", "(ASO’nun),", "Odası).", '"Bu', 'dedi"', "ASOʼnun", "a’b’c", "’nın", "x.",
          "Ş.”", "Dr.)", "İzmir´e", "Şti.,"]  # fmt: skip


def test_cutting_plain_words_at_spaces_gives_the_tokens_the_regex_gives():
    rng = random.Random(1)
    texts = [p.read_text(encoding="utf-8") for p in sorted((PROJECT / "seeds").glob("*.txt"))]
    texts += [
        "".join(rng.choice(PIECES) + rng.choice([" ", " ", "", "  "]) for _ in range(12)) for _ in range(3000)
    ]
    for text in texts:
        for line in text.split("\n"):
            assert [(t.text, t.start, t.end, t.base, t.suffix) for t in tokenize(line)] == _regex_only(
                line
            ), line
