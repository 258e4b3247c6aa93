-- One row per event in an article, with a key shared by the reports of the same
-- encounter in other articles (GDELT-style: many mentions, one event).
with

articles as (
    select content_hash, article_key, published_date, cast(ingested_at as date) as ingested_date
    from {{ ref('int_articles') }}
),

events as (
    select
        {{ surrogate_key(['content_hash', 'event_id']) }} as event_key,
        *
    from {{ ref('stg_extracted__events') }}
),

participants as (
    select
        event_key,
        count(*) as participant_count,
        string_agg(institution_key, ',' order by institution_key) as participant_keys
    from {{ ref('int_event_participants') }}
    group by event_key
),

clustered as (
    select
        events.*,
        articles.article_key,
        coalesce(participants.participant_count, 0) as participant_count,
        -- a visit told by the host is a meeting told by the guest
        case when events.event_type in ('visit', 'meeting') then 'encounter' else events.event_type end as event_class,
        date_trunc('week', coalesce(events.event_date, articles.published_date, articles.ingested_date)) as event_week,
        strftime(coalesce(events.event_date, articles.published_date), '%Y-%m') as report_month,
        participants.participant_keys
    from events
    inner join articles using (content_hash)
    left join participants using (event_key)
),

keyed as (
    select
        *,
        -- same kind of event, same institutions, same week: the same real-world event
        {{ surrogate_key(['event_class', 'participant_keys', 'event_week']) }} as event_cluster_key
    from clustered
)

select
    event_key,
    article_key,
    event_type,
    event_date,
    city,
    participant_count,
    event_cluster_key,
    -- an encounter happened when its earliest report says
    min(report_month) over (partition by event_cluster_key) as encounter_month,
    evidence,
    sentence_index,
    char_start,
    char_end,
    extractor_version
from keyed
