-- One row per real-world institution: the attributes most articles agree on.
with

mentions as (
    select * from {{ ref('int_institution_mentions_resolved') }}
),

names as ({{ most_common('mentions', 'institution_key', 'name', 'not is_acronym_only') }}),
any_names as ({{ most_common('mentions', 'institution_key', 'name') }}),
acronyms as ({{ most_common('mentions', 'institution_key', 'acronym') }}),
types as ({{ most_common('mentions', 'institution_key', 'institution_type', "institution_type <> 'other'") }}),
cities as ({{ most_common('mentions', 'institution_key', 'city') }}),

totals as (
    select
        institution_key,
        count(distinct article_key) as article_count,
        sum(mention_count) as mention_count
    from mentions
    group by institution_key
)

select
    totals.institution_key,
    coalesce(names.name, any_names.name) as canonical_name,
    acronyms.acronym,
    coalesce(types.institution_type, 'other') as institution_type,
    cities.city,
    totals.article_count,
    totals.mention_count
from totals
left join names using (institution_key)
left join any_names using (institution_key)
left join acronyms using (institution_key)
left join types using (institution_key)
left join cities using (institution_key)
