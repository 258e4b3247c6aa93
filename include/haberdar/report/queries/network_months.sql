-- Encounters and agreements per month of each institution in `nodes`.
select institution_key, month, count(*) as activity
from marts.fct_participation
semi join nodes using (institution_key)
group by all
order by all
