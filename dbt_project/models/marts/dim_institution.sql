select
    institution_key,
    canonical_name,
    acronym,
    institution_type,
    city,
    article_count,
    mention_count
from {{ ref('int_institutions') }}
