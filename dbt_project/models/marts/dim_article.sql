select
    article_key,
    content_hash,
    source_uri,
    source_format,
    title,
    outlet,
    published_date,
    ingested_at,
    size_bytes,
    version_count
from {{ ref('int_articles') }}
