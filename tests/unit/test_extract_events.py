"""Events and agreements from Turkish predicates; sentences written for these tests."""

from datetime import date

from haberdar.extract.document import extract_facts


def events(text: str) -> list[tuple[str, set[str]]]:
    return [(e.type, {ent.name for ent, _ in e.participants.values()}) for e in extract_facts(text).events]


def test_visit_with_delegation_carried_from_an_earlier_sentence():
    text = ("Samsun Ticaret ve Sanayi Odası (SAMSO) heyeti Ankara’da temaslarda bulundu. "
            "Heyet, Türk Patent ve Marka Kurumu’nu ziyaret etti.")  # fmt: skip
    assert ("visit", {"Samsun Ticaret ve Sanayi Odası", "Türk Patent ve Marka Kurumu"}) in events(text)


def test_separately_means_separate_meetings():
    text = ("Muğla Ticaret Odası Başkanı Ali Sezer, Bodrum Belediyesi ve Muğla Sıtkı Koçman Üniversitesi "
            "yetkilileriyle ayrı ayrı bir araya geldi.")  # fmt: skip
    found = events(text)
    assert len(found) == 2
    assert all("Muğla Ticaret Odası" in members and len(members) == 2 for _, members in found)


def test_participation_sentence_joins_the_previous_event():
    text = ("Sivas Valisi Oğuz Tan başkanlığında yatırım toplantısı yapıldı. "
            "Toplantıya Sivas Belediyesi ve Sivas Organize Sanayi Bölgesi temsilcileri katıldı.")  # fmt: skip
    [(kind, members)] = events(text)
    assert kind == "meeting"
    assert members == {"Sivas Valiliği", "Sivas Belediyesi", "Sivas Organize Sanayi Bölgesi"}


def test_a_single_institution_is_no_event():
    assert events("Balıkesir Sanayi Odası yeni hizmet binasında toplantı yaptı.") == []


def test_signing_gives_an_event_and_an_agreement_with_parties_and_date():
    facts = extract_facts(
        "12.03.2024 tarihinde Hatay Teknokent ile İskenderun Teknik Üniversitesi arasında "
        "iş birliği protokolü imzalandı."
    )
    [agreement] = facts.agreements
    assert agreement.type == "cooperation_protocol"
    assert agreement.date == date(2024, 3, 12)
    assert {e.name for e in agreement.parties.values()} == {
        "Hatay Teknokent",
        "İskenderun Teknik Üniversitesi",
    }
    assert agreement.event is not None and agreement.event.type == "signing_ceremony"


def test_signatories_of_an_active_signing():
    facts = extract_facts(
        "Protokolü Kars Belediye Başkanı Sinan Yel ile Kafkas Üniversitesi Rektörü Leyla Uz imzaladı."
    )
    [agreement] = facts.agreements
    assert set(agreement.signatories) == {"Sinan Yel", "Leyla Uz"}


def test_memorandum_type():
    facts = extract_facts(
        "Van Ticaret Odası ile İpekyolu Kalkınma Ajansı arasında mutabakat zaptı imzalandı."
    )
    assert [a.type for a in facts.agreements] == ["memorandum_of_understanding"]


def test_consensus_is_not_an_agreement_and_plans_are_not_signings():
    text = ("Ordu Ticaret Borsası ile Ordu Üniversitesi toplantısı mutabakata varılmasıyla sona erdi. "
            "Ordu Ticaret Borsası ile Ordu Üniversitesi arasında bir protokol imzalanacak.")  # fmt: skip
    assert extract_facts(text).agreements == []


def test_the_same_signing_told_twice_is_one_agreement():
    text = ("Tokat Belediyesi ile Gaziosmanpaşa Üniversitesi arasında iş birliği protokolü imzalandı. "
            "Tören sonrasında Tokat Belediyesi ile Gaziosmanpaşa Üniversitesi arasında imzalanan protokol "
            "imzalandı diye duyuruldu.")  # fmt: skip
    assert len(extract_facts(text).agreements) == 1


def test_events_inside_quotes_are_speech_not_facts():
    text = "Başkan, “Yarın Rize Ticaret Borsası ile Rize Belediyesi bir araya geldi diyeceğiz” dedi."
    assert events(text) == []


def test_fair_type_wins_when_the_visit_happens_at_a_fair():
    text = "Konya Büyükşehir Belediyesi, fuarı gezen Karaman Belediyesi heyetini fuar alanında ağırladı."
    assert events(text) == [("fair", {"Konya Büyükşehir Belediyesi", "Karaman Belediyesi"})]


def test_event_date_and_city_from_the_sentence():
    facts = extract_facts(
        "Rize Ticaret Borsası heyeti 7 Ağustos 2024 tarihinde Artvin’de Artvin Çoruh Üniversitesi’ni ziyaret etti."
    )
    [event] = facts.events
    assert (event.type, event.date, event.city) == ("visit", date(2024, 8, 7), "Artvin")


def test_day_and_month_take_the_year_of_publication():
    facts = extract_facts(
        "Uşak Ticaret Borsası, 3 Ocak’ta Uşak Üniversitesi ile bir araya geldi.", published=date(2025, 1, 5)
    )
    assert facts.events[0].date == date(2025, 1, 3)
    late = extract_facts(
        "Uşak Ticaret Borsası, 28 Aralık’ta Uşak Üniversitesi ile bir araya geldi.",
        published=date(2025, 1, 5),
    )
    assert late.events[0].date == date(2024, 12, 28)


def test_dateline_agency_is_not_a_participant():
    text = "ANKARA (AA) - Ankara Sanayi Odası ile Hacettepe Üniversitesi arasında iş birliği protokolü imzalandı."
    [agreement] = extract_facts(text).agreements
    assert {e.name for e in agreement.parties.values()} == {"Ankara Sanayi Odası", "Hacettepe Üniversitesi"}


def test_a_zone_where_a_company_works_is_no_party():
    text = "Manisa OSB’de faaliyet gösteren Yeşil Enerji AŞ ile Manisa Celal Bayar Üniversitesi arasında sözleşme imzalandı."
    [agreement] = extract_facts(text).agreements
    assert {e.name for e in agreement.parties.values()} == {
        "Yeşil Enerji AŞ",
        "Manisa Celal Bayar Üniversitesi",
    }


def test_participation_at_the_event_just_told():
    text = ("Edirne Ticaret Borsası ve Trakya Üniversitesi iş birliğiyle tarım zirvesi düzenlendi. "
            "Zirveye Edirne Valiliği ve Edirne Belediyesi temsilcileri de katıldı.")  # fmt: skip
    [(kind, members)] = events(text)
    assert kind == "conference" and members == {
        "Edirne Ticaret Borsası", "Trakya Üniversitesi", "Edirne Valiliği", "Edirne Belediyesi",
    }  # fmt: skip


def test_a_leap_day_read_a_year_back_is_no_date_and_loses_no_fact():
    # published in January of a leap year: "29 Şubat" would be a month ahead, so last year's: none
    facts = extract_facts("Bolu Valisi Ali Er, 29 Şubat’ta Düzce TSO’yu ziyaret etti.", date(2024, 1, 10))
    [event] = facts.events
    assert event.date is None
