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
    -- a visiting delegation member that also speaks for itself is a participant
    max(participants.participant_role) as role
from participants
inner join institutions using (content_hash, entity_id)
group by 1, 2
