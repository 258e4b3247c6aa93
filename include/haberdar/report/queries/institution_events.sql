-- Per institution, the $rows newest reports of events it took part in (undated
-- last), with the others there and the article's address; `total` counts them all.
select
    parties.institution_key,
    events.event_key,
    events.article_key,
    events.event_type,
    events.city,
    events.evidence,
    events.char_start,
    coalesce(events.event_date, articles.published_date) as "when",
    articles.source_uri,
    count(*) over (partition by parties.institution_key) as total,
    (
        select coalesce(list(others.institution_key order by others.institution_key), [])
        from marts.bridge_event_institution as others
        where others.event_key = events.event_key and others.institution_key <> parties.institution_key
    ) as others
from marts.bridge_event_institution as parties
inner join marts.fct_event as events using (event_key)
left join marts.dim_article as articles using (article_key)
qualify row_number() over (
    partition by parties.institution_key order by "when" desc nulls last, events.event_key
) <= $rows
order by parties.institution_key, "when" desc nulls last, events.event_key
