from datetime import date

from haberdar import turkish


def test_casing_keeps_dotted_and_dotless_i():
    assert turkish.lower("İSTANBUL IĞDIR") == "istanbul ığdır"
    assert turkish.upper("istanbul ığdır") == "İSTANBUL IĞDIR"
    assert turkish.capitalize("ısparta") == "Isparta"


def test_key_ignores_case_suffixes_and_punctuation():
    assert turkish.key("Bursa Sanayi Odası’nın") == turkish.key("BURSA SANAYİ ODASI")
    assert turkish.key("Örnek Makine A.Ş.") == "örnek makine aş"


def test_strip_suffix_handles_both_apostrophes():
    assert turkish.strip_suffix("TOBB’un") == "TOBB"
    assert turkish.strip_suffix("Konya'da") == "Konya"
    assert turkish.strip_suffix("Konya") == "Konya"


def test_find_dates_reads_month_names_and_numeric_forms():
    text = "Toplantı 5 Mart 2024 tarihinde, imza ise 12.04.2024 günü atıldı."
    assert [d for _, _, d in turkish.find_dates(text)] == [date(2024, 3, 5), date(2024, 4, 12)]
    assert turkish.parse_date("1 OCAK 2020") == date(2020, 1, 1)


def test_a_date_is_read_as_a_word_of_its_own_wherever_the_first_digit_is():
    # a number glued to letters before it is no date, even when it holds the first digit
    text = "Kod A12.03.2024 geçerli; toplantı 5 Mart 2024 günü, imza 7 Nisan’da, yıl 2024."
    assert [d for _, _, d in turkish.find_dates(text, 2024)] == [date(2024, 3, 5), date(2024, 4, 7)]


def test_impossible_dates_are_ignored():
    assert turkish.find_dates("31.02.2024 ve 45 Mayıs 2020") == []


def test_date_lines_are_told_from_sentences():
    assert turkish.is_date_line("14 Kasım 2025 Cuma")
    assert turkish.is_date_line("03.05.2024 - 10:15")
    assert turkish.is_date_line("Yayın tarihi: 2023-09-01")
    assert not turkish.is_date_line("Fuar 14 Kasım 2025 tarihinde açıldı.")


def test_impossible_and_absurd_dates_are_no_dates():
    assert turkish.find_dates("31 Nisan 2025 ve 29 Şubat 2023 ile 5 Mayıs 0001 ve 1 Ocak 9999") == []
    assert turkish.parse_date("29 Şubat 2024") == date(2024, 2, 29)


def test_a_word_cache_starts_again_when_full_rather_than_growing():
    cache = {str(n): n for n in range(turkish.MAX_REMEMBERED - 1)}
    assert turkish.remember(cache, "bir", 1) == 1
    assert len(cache) == turkish.MAX_REMEMBERED and cache["bir"] == 1
    assert turkish.remember(cache, "iki", 2) == 2
    assert cache == {"iki": 2}
