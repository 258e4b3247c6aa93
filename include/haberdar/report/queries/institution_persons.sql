-- Per institution, the $rows persons of it named most often; `total` counts them all.
select
    institution_key,
    person_key,
    full_name,
    title,
    article_count,
    count(*) over (partition by institution_key) as total
from marts.dim_person
where institution_key is not null
qualify row_number() over (partition by institution_key order by article_count desc, person_key) <= $rows
order by institution_key, article_count desc, person_key
