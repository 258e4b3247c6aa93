-- One row per institution per encounter or agreement, with the month it
-- happened. The reports of one encounter in several articles
-- (fct_event.event_cluster_key) are one encounter, with the institutions of all
-- its reports.
with

encounters as (
    select event_key, event_cluster_key as fact_key, encounter_month as month
    from {{ ref('int_events') }}
),

agreements as (
    select agreement_key as fact_key, agreement_month as month
    from {{ ref('fct_agreement') }}
),

met as (
    select distinct 'event' as kind, encounters.fact_key, participants.institution_key, encounters.month
    from encounters
    inner join {{ ref('int_event_participants') }} as participants using (event_key)
),

signed as (
    select 'agreement' as kind, agreements.fact_key, parties.institution_key, agreements.month
    from agreements
    inner join {{ ref('int_agreement_parties') }} as parties on parties.agreement_key = agreements.fact_key
)

select * from met
union all
select * from signed
