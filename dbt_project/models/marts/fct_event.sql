with

articles as (
    select content_hash, article_key from {{ ref('int_articles') }}
),

events as (
    select * from {{ ref('stg_extracted__events') }}
)

select
    {{ surrogate_key(['events.content_hash', 'events.event_id']) }} as event_key,
    articles.article_key,
    events.event_type,
    events.event_date,
    events.city,
    events.evidence,
    events.sentence_index,
    events.char_start,
    events.char_end,
    events.extractor_version
from events
inner join articles using (content_hash)
