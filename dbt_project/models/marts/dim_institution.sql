with

institutions as (
    select * from {{ ref('int_institutions') }}
),

activity as (
    select
        institution_key,
        count(distinct fact_key) filter (where kind = 'event') as event_count,
        count(distinct fact_key) filter (where kind = 'agreement') as agreement_count
    from {{ ref('fct_participation') }}
    group by institution_key
)

select
    institutions.institution_key,
    institutions.canonical_name,
    institutions.acronym,
    institutions.institution_type,
    institutions.city,
    institutions.article_count,
    institutions.mention_count,
    coalesce(activity.event_count, 0) as event_count,
    coalesce(activity.agreement_count, 0) as agreement_count
from institutions
left join activity using (institution_key)
