-- An event is institutions meeting: one with fewer than two is an extraction error.
select
    events.event_key,
    count(participants.institution_key) as participants
from {{ ref('fct_event') }} as events
left join {{ ref('bridge_event_institution') }} as participants using (event_key)
group by events.event_key
having count(participants.institution_key) < 2
