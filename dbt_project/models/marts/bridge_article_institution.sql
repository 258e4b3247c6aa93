select
    article_key,
    institution_key,
    sum(mention_count) as mention_count
from {{ ref('int_institution_mentions_resolved') }}
group by article_key, institution_key
