-- Who met or signed with whom, per month, among the institutions in `nodes`.
select institution_key_a as a, institution_key_b as b, relation as kind, month, fact_count as count
from marts.fct_institution_pair
where institution_key_a in (select institution_key from nodes)
    and institution_key_b in (select institution_key from nodes)
order by all
