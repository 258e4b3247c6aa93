-- One row per real-world person.
with

mentions as (
    select * from {{ ref('int_person_mentions_resolved') }}
),

names as ({{ most_common('mentions', 'person_key', 'full_name') }}),
titles as ({{ most_common('mentions', 'person_key', 'title') }}),

totals as (
    select
        person_key,
        any_value(institution_key) as institution_key,
        count(distinct article_key) as article_count,
        sum(mention_count) as mention_count
    from mentions
    group by person_key
)

select
    totals.person_key,
    names.full_name,
    titles.title,
    totals.institution_key,
    totals.article_count,
    totals.mention_count
from totals
left join names using (person_key)
left join titles using (person_key)
