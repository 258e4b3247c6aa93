-- One row per source: when a source's text changed (a correction), the latest
-- landed version wins; the older versions stay in the lake. The text itself
-- stays in the lake too (stg_lake__articles.body_text): tables keep what is read from it.
with

articles as (
    select * from {{ ref('stg_lake__articles') }}
),

ranked as (
    select
        * exclude (body_text),
        row_number() over (partition by source_uri order by ingested_at desc, content_hash) as version_rank,
        count(*) over (partition by source_uri) as version_count
    from articles
)

select
    {{ surrogate_key(['content_hash']) }} as article_key,
    content_hash,
    source_uri,
    source_format,
    title,
    outlet,
    size_bytes,
    published_date,
    ingested_at,
    ingest_date,
    version_count
from ranked
where version_rank = 1
