-- Per institution, the $rows newest agreements it is a party to (undated last),
-- with the other parties, the signatories and the article's address; `total`
-- counts them all.
select
    parties.institution_key,
    agreements.agreement_key,
    agreements.article_key,
    agreements.agreement_type,
    agreements.title,
    agreements.evidence,
    agreements.char_start,
    coalesce(agreements.signed_date, articles.published_date) as "when",
    articles.source_uri,
    count(*) over (partition by parties.institution_key) as total,
    (
        select coalesce(list(others.institution_key order by others.institution_key), [])
        from marts.bridge_agreement_institution as others
        where others.agreement_key = agreements.agreement_key and others.institution_key <> parties.institution_key
    ) as others,
    (
        select coalesce(list(persons.full_name order by persons.person_key), [])
        from marts.bridge_agreement_person as signers
        inner join marts.dim_person as persons using (person_key)
        where signers.agreement_key = agreements.agreement_key
    ) as signers
from marts.bridge_agreement_institution as parties
inner join marts.fct_agreement as agreements using (agreement_key)
left join marts.dim_article as articles using (article_key)
qualify row_number() over (
    partition by parties.institution_key order by "when" desc nulls last, agreements.agreement_key
) <= $rows
order by parties.institution_key, "when" desc nulls last, agreements.agreement_key
