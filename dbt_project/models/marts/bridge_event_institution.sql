select
    event_key,
    institution_key,
    role
from {{ ref('int_event_participants') }}
