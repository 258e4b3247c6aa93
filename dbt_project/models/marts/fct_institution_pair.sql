-- Who met or signed with whom, per month: the network of the report's overview.
with

participations as (
    select * from {{ ref('fct_participation') }}
)

select
    a.institution_key as institution_key_a,
    b.institution_key as institution_key_b,
    case a.kind when 'agreement' then 'signed with' else 'met' end as relation,
    a.month,
    count(*) as fact_count
from participations as a
inner join participations as b
    on a.kind = b.kind and a.fact_key = b.fact_key and a.institution_key < b.institution_key
group by all
