with

signatories as (
    select * from {{ ref('stg_extracted__agreement_signatories') }}
),

persons as (
    select content_hash, person_id, person_key from {{ ref('int_person_mentions_resolved') }}
)

select distinct
    {{ surrogate_key(['signatories.content_hash', 'signatories.agreement_id']) }} as agreement_key,
    persons.person_key
from signatories
inner join persons using (content_hash, person_id)
