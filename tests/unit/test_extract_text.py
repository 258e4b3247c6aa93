from haberdar.extract.text import split_sentences, tokenize


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
