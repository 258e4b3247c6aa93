select
    person_key,
    full_name,
    title,
    institution_key,
    article_count,
    mention_count
from {{ ref('int_persons') }}
