-- Encounters (a real-world event once, however many articles report it) and
-- agreements per month.
select encounter_month as month, 'events' as kind, count(distinct event_cluster_key) as count
from marts.fct_event
where encounter_month is not null
group by all
union all
select agreement_month, 'agreements', count(*)
from marts.fct_agreement
where agreement_month is not null
group by all
order by month, kind
