-- One row per institution bound by an agreement, resolved across articles.
with

parties as (
    select * from {{ ref('stg_extracted__agreement_parties') }}
),

institutions as (
    select content_hash, entity_id, institution_key from {{ ref('int_institution_mentions_resolved') }}
)

select distinct
    {{ surrogate_key(['parties.content_hash', 'parties.agreement_id']) }} as agreement_key,
    institutions.institution_key
from parties
inner join institutions using (content_hash, entity_id)
