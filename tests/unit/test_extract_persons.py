"""Persons with titles and institutions; sentences written for these tests."""

from haberdar.extract.document import extract_facts


def persons(text: str) -> dict[str, tuple]:
    return {p.full_name: (p.title, p.entity.name if p.entity else None) for p in extract_facts(text).persons}


def test_title_before_name_with_institution():
    assert persons("Trabzon Ticaret Borsası Başkanı Emre Şen açıklama yaptı.") == {
        "Emre Şen": ("Başkan", "Trabzon Ticaret Borsası")
    }


def test_honorifics_are_not_part_of_the_name():
    found = persons("Karadeniz Teknik Üniversitesi Rektörü Prof. Dr. Zeynep Aydemir konuştu.")
    assert found == {"Zeynep Aydemir": ("Rektör", "Karadeniz Teknik Üniversitesi")}


def test_coordinated_names_share_the_plural_title():
    found = persons("Ticaret Bakan Yardımcıları Selin Tan ve Kerem Öz’ü ziyaret etti.")
    assert found == {
        "Selin Tan": ("Bakan Yardımcısı", "Ticaret Bakanlığı"),
        "Kerem Öz": ("Bakan Yardımcısı", "Ticaret Bakanlığı"),
    }


def test_title_without_institution_inherits_within_a_comma_list():
    found = persons(
        "Heyette Adana Sanayi Odası Başkan Yardımcısı Hakan Polat, Meclis Üyesi Nur Ece yer aldı."
    )
    assert found["Nur Ece"] == ("Meclis Üyesi", "Adana Sanayi Odası")


def test_department_words_belong_to_the_title_not_the_company():
    found = persons("Toplantıya Yıldız Kimya Satış ve Pazarlama Müdürü Ozan Koç katıldı.")
    assert found == {"Ozan Koç": ("Satış ve Pazarlama Müdürü", "Yıldız Kimya")}


def test_later_mentions_by_title_and_surname_are_the_same_person():
    facts = extract_facts("Aksaray Valisi Mehmet Ali Kurt toplantıyı açtı. Vali Kurt yatırımları anlattı.")
    [person] = facts.persons
    assert person.full_name == "Mehmet Ali Kurt" and len(person.mentions) == 2


def test_lowercase_title_after_an_acronym():
    found = persons("Mersin Yazılımcılar Derneği (MEYAD) yetkilisi Sena Doğru sunum yaptı.")
    assert found == {"Sena Doğru": ("yetkilisi", "Mersin Yazılımcılar Derneği")}


def test_title_after_the_name():
    found = persons("Toplantıda konuşan Ayşe Kaya, Kocaeli Sanayi Odası Başkanı olarak yatırımları anlattı.")
    assert found == {"Ayşe Kaya": ("Başkan", "Kocaeli Sanayi Odası")}


def test_genitive_institution_before_the_title():
    found = persons("Törende Bolu Ticaret Odası’nın Başkanı Fikret Yaman da konuştu.")
    assert found == {"Fikret Yaman": ("Başkan", "Bolu Ticaret Odası")}


def test_initials_are_part_of_the_name():
    found = persons("Tekirdağ Ticaret Borsası Başkanı M. Nuri Kara açıklama yaptı.")
    assert found == {"M. Nuri Kara": ("Başkan", "Tekirdağ Ticaret Borsası")}


def test_untitled_governor_is_the_article_governorship():
    found = persons("Heyet Muş Valiliği’ne geçti. Vali Ali Duru heyeti ağırladı.")
    assert found == {"Ali Duru": ("Vali", "Muş Valiliği")}
