-- The persons read from each of `passages`' article whose names it gives, with
-- their title (shown on hover).
select distinct
    passages.passage,
    persons.full_name,
    concat_ws(', ', persons.full_name, nullif(persons.title, '')) as label
from passages
inner join marts.bridge_article_person using (article_key)
inner join marts.dim_person as persons using (person_key)
where contains(passages.text, persons.full_name)
order by all
