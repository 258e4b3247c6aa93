-- Encounters and agreements per month of each institution in `nodes`.
select institution_key, month, encounter_count + agreement_count as activity
from marts.fct_institution_month
semi join nodes using (institution_key)
order by all
