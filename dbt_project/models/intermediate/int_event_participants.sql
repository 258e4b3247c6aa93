-- One row per institution taking part in an event, resolved across articles.
-- Two mentions in one article may resolve to the same institution: one row then,
-- as a participant if either mention was one.
with

participants as (
    select * from {{ ref('stg_extracted__event_participants') }}
),

institutions as (
    select content_hash, entity_id, institution_key from {{ ref('int_institution_mentions_resolved') }}
)

select
    {{ surrogate_key(['participants.content_hash', 'participants.event_id']) }} as event_key,
    institutions.institution_key,
    max(participants.participant_role) as role
from participants
inner join institutions using (content_hash, entity_id)
group by 1, 2
