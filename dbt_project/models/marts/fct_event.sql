select
    event_key,
    article_key,
    event_type,
    event_date,
    city,
    participant_count,
    event_cluster_key,
    encounter_month,
    evidence,
    sentence_index,
    char_start,
    char_end,
    extractor_version
from {{ ref('int_events') }}
