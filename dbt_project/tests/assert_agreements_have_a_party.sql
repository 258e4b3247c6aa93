-- A signed agreement binds at least one institution the article names.
select agreements.agreement_key
from {{ ref('fct_agreement') }} as agreements
left join {{ ref('bridge_agreement_institution') }} as parties using (agreement_key)
group by agreements.agreement_key
having count(parties.institution_key) = 0
