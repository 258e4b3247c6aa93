-- Encounters and agreements per province: an encounter counts where it happened,
-- or, where no report says, in the provinces of the institutions taking part; an
-- agreement in its parties' provinces.
with

encounters as (
    select
        event_cluster_key,
        -- where the earliest-keyed report that says so places it
        arg_min(city, event_key) filter (where city is not null) as city
    from marts.fct_event
    group by event_cluster_key
),

parties as (
    select distinct events.event_cluster_key, institutions.city
    from marts.fct_event as events
    inner join marts.bridge_event_institution using (event_key)
    inner join marts.dim_institution as institutions using (institution_key)
    where institutions.city is not null
),

event_places as (
    select distinct encounters.event_cluster_key, coalesce(encounters.city, parties.city) as province
    from encounters
    left join parties using (event_cluster_key)
),

agreement_places as (
    select distinct parties.agreement_key, institutions.city as province
    from marts.bridge_agreement_institution as parties
    inner join marts.dim_institution as institutions using (institution_key)
    where institutions.city is not null
),

counts as (
    select province, count(*) filter (where kind = 'event') as events, count(*) filter (where kind = 'agreement') as agreements
    from (
        select province, 'event' as kind from event_places
        union all
        select province, 'agreement' from agreement_places
    )
    where province is not null
    group by province
)

select province, events, agreements, events + agreements as total
from counts
order by total desc, province
