"""Institutions from head nouns, acronyms, roles and the gazetteer; sentences written for these tests."""

from haberdar.extract.document import extract_facts


def institutions(text: str) -> dict[str, tuple]:
    return {e.name: (e.acronym, e.type, e.city) for e in extract_facts(text).entities}


def test_head_noun_with_modifiers_and_acronym():
    found = institutions("Gaziantep Ticaret ve Sanayi Odası (GTSO) yönetimi toplandı.")
    assert found == {"Gaziantep Ticaret ve Sanayi Odası": ("GTSO", "chamber", "Gaziantep")}


def test_left_boundary_stops_at_lowercase_and_suffixed_words():
    found = institutions("Heyet, İzmir temaslarında Ege Bölgesi Sanayi Odası ile görüştü.")
    assert "Ege Bölgesi Sanayi Odası" in found
    assert not any(name.startswith("İzmir") for name in found)


def test_case_endings_on_head_nouns_with_and_without_apostrophe():
    found = institutions("Bakan, Sakarya Üniversitesi Rektörlüğü’nü ve Düzce Teknopark’ı ziyaret etti. "
                         "Ardından Bolu Belediyesine geçti.")  # fmt: skip
    assert found["Sakarya Üniversitesi"][1] == "university"
    assert found["Düzce Teknopark"][1] == "technopark"
    assert found["Bolu Belediyesi"][1] == "municipality"


def test_generic_plurals_are_not_institutions():
    found = institutions(
        "Organize Sanayi Bölgelerinde (OSB) ve sanayi odalarında yatırımlar arttı. Teknoloji firmaları büyüdü."
    )
    assert found == {}


def test_acronym_alone_resolves_to_the_long_form_in_the_article():
    facts = extract_facts(
        "Denizli Sanayi Odası (DSO) üyeleri bir araya geldi. DSO’nun açıklamasına göre ihracat arttı."
    )
    [entity] = facts.entities
    assert entity.name == "Denizli Sanayi Odası" and entity.acronym == "DSO"
    assert facts.mention_counts[id(entity)] == 2


def test_national_institutions_come_from_the_gazetteer():
    found = institutions("TÜBİTAK ve KOSGEB destekleri anlatıldı.")
    assert found["Türkiye Bilimsel ve Teknolojik Araştırma Kurumu"] == ("TÜBİTAK", "government_agency", None)
    assert "KOSGEB" in {acronym for acronym, _, _ in found.values()}


def test_role_implies_the_institution():
    found = institutions(
        "Kayseri Valisi Ahmet Demir, Talas Belediye Başkanı Can Yüce ve Ticaret Bakan Yardımcısı Elif Ak ile görüştü."
    )
    assert found["Kayseri Valiliği"][1:] == ("governorship", "Kayseri")
    assert found["Talas Belediyesi"][1:] == ("municipality", "Kayseri")
    assert found["Ticaret Bakanlığı"][1] == "ministry"


def test_metropolitan_municipality_from_mayor_title():
    found = institutions("Bursa Büyükşehir Belediye Başkanı Ali Yurt fuarı açtı.")
    assert found["Bursa Büyükşehir Belediyesi"][1:] == ("municipality", "Bursa")


def test_company_named_by_a_role_takes_the_article_city():
    text = ("Eskişehir’de üretim yapan firmalar toplandı. Eskişehir sanayisi büyüyor. "
            "Toplantıya Atlas Makine Genel Müdürü Deniz Ulu katıldı.")  # fmt: skip
    assert institutions(text)["Atlas Makine"] == (None, "company", "Eskişehir")


def test_company_forms_and_short_alias_in_parentheses():
    found = institutions(
        "Anka Yazılım ve Bilişim AŞ (Anka Yazılım) ile sözleşme yapıldı. Anka Yazılım büyüyor."
    )
    assert found["Anka Yazılım ve Bilişim AŞ"][1] == "company"


def test_district_gives_the_province():
    found = institutions("Çorlu’da bulunan Trakya Yazılım Kümesi yeni üyeler aldı.")
    assert found["Trakya Yazılım Kümesi"][1:] == ("cluster", "Tekirdağ")


def test_ordinal_zone_takes_the_city_of_the_article():
    text = "Konya’da sanayi büyüyor. Konya 3. Organize Sanayi Bölgesi ve 4. OSB’de yeni fabrikalar açıldı. Konya’ya yatırım geliyor."
    found = institutions(text)
    assert found["Konya 3. Organize Sanayi Bölgesi"][1:] == ("industrial_zone", "Konya")
    assert found["Konya 4. Organize Sanayi Bölgesi"][1:] == ("industrial_zone", "Konya")


def test_development_agency_and_technology_centre():
    found = institutions(
        "Mevlana Kalkınma Ajansı (MEVKA) ile Selçuk Üniversitesi Teknoloji Merkezi iş birliği yaptı."
    )
    assert found["Mevlana Kalkınma Ajansı"][:2] == ("MEVKA", "development_agency")
    assert found["Selçuk Üniversitesi Teknoloji Merkezi"][1] == "center"


def test_unknown_acronym_before_a_title_is_an_institution():
    found = institutions(
        "Bu kapsamda SATSO Başkanı Murat Er açıklama yaptı. Sakarya ekonomisi güçlü. Sakarya büyüyor."
    )
    assert found["SATSO"] == ("SATSO", "chamber", "Sakarya")


def test_headline_only_names_need_confirmation_in_the_body():
    found = institutions(
        "Güneş Vakfı Yeni Projeler Açıkladı\n\nProjeler bugün tanıtıldı ve büyük ilgi gördü."
    )
    assert found == {}


def test_more_head_nouns_and_their_types():
    text = (
        "Toplantıya Birleşik Metal İşçileri Sendikası, Türkiye Tekstil Sanayii İşverenleri Birliği, "
        "Kuzey Ege Yazılım Platformu, Ankara Teknoloji Geliştirme Bölgesi, Kepez Kaymakamlığı, "
        "Ulusal Metroloji Enstitüsü, Demir Çelik Ltd. Şti., Akdağ Holding ve Gelir İdaresi Başkanlığı katıldı."
    )
    found = {name: type_ for name, (_, type_, _) in institutions(text).items()}
    assert found == {
        "Birleşik Metal İşçileri Sendikası": "union",
        "Türkiye Tekstil Sanayii İşverenleri Birliği": "union",
        "Kuzey Ege Yazılım Platformu": "cluster",
        "Ankara Teknoloji Geliştirme Bölgesi": "technopark",
        "Kepez Kaymakamlığı": "governorship",
        "Ulusal Metroloji Enstitüsü": "center",
        "Demir Çelik Ltd. Şti.": "company",
        "Akdağ Holding": "company",
        "Gelir İdaresi Başkanlığı": "government_agency",
    }


def test_coordinated_list_inside_a_ministry_name():
    found = institutions("Toplantıda Çevre, Şehircilik ve İklim Değişikliği Bakanlığı temsilcileri konuştu.")
    assert list(found) == ["Çevre, Şehircilik ve İklim Değişikliği Bakanlığı"]


def test_both_apostrophes_and_case_endings_reach_the_same_institution():
    facts = extract_facts("Hatay Ticaret Odası’nın açıklamasına göre ihracat arttı. Hatay Ticaret Odası'na destek verildi. "
                          "Hatay Ticaret Odasında toplantı yapıldı.")  # fmt: skip
    [entity] = facts.entities
    assert facts.mention_counts[id(entity)] == 3


def test_dotless_and_dotted_capitals_in_acronyms():
    found = institutions("İzmir Ticaret Odası (İZTO) ile Iğdır Ticaret Odası (ITO) görüştü.")
    assert found["İzmir Ticaret Odası"][0] == "İZTO" and found["Iğdır Ticaret Odası"][0] == "ITO"


def test_a_registry_finds_by_any_key_of_the_first_entity_that_has_it():
    from haberdar.extract.institutions import Registry
    from haberdar.extract.lexicon import lexicon

    registry = Registry(lexicon())
    first = registry.add("Kuzey Sanayi Odası", "chamber", "head", acronym="KSO")
    registry.add("Kars Sanayi Odası", "chamber", "head")
    assert registry.find("KSO") is first and registry.find("Kars Sanayi Odası").name == "Kars Sanayi Odası"
    first.aliases.add("Kuzey Odası")
    registry.remember(first)  # a name it grew later is found too
    assert registry.find("Kuzey Odası") is first
    assert registry.find("Güney Sanayi Odası") is None
