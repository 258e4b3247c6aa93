select
    article_key,
    person_key,
    sum(mention_count) as mention_count
from {{ ref('int_person_mentions_resolved') }}
group by article_key, person_key
