with

articles as (
    select content_hash, article_key from {{ ref('int_articles') }}
),

events as (
    select * from {{ ref('stg_extracted__events') }}
),

participants as (
    select content_hash, event_id, count(distinct institution_key) as participant_count
    from {{ ref('stg_extracted__event_participants') }}
    inner join {{ ref('int_institution_mentions_resolved') }} using (content_hash, entity_id)
    group by all
)

select
    {{ surrogate_key(['events.content_hash', 'events.event_id']) }} as event_key,
    articles.article_key,
    events.event_type,
    events.event_date,
    events.city,
    coalesce(participants.participant_count, 0) as participant_count,
    events.evidence,
    events.sentence_index,
    events.char_start,
    events.char_end,
    events.extractor_version
from events
inner join articles using (content_hash)
left join participants using (content_hash, event_id)
