-- One row per person per article, with the key of the real-world person: the
-- same name at the same institution is one person. A mention without an
-- institution joins the name's only known institution, if it has exactly one.
with

articles as (
    select content_hash, article_key from {{ ref('int_articles') }}
),

institutions as (
    select content_hash, entity_id, institution_key from {{ ref('int_institution_mentions_resolved') }}
),

persons as (
    select
        persons.*,
        articles.article_key,
        institutions.institution_key as stated_institution_key
    from {{ ref('stg_extracted__persons') }} as persons
    inner join articles using (content_hash)
    left join institutions using (content_hash, entity_id)
),

-- the two columns only_affiliation reads: `persons`, then used once, streams
-- instead of being held with its evidence (institutions are of published articles)
stated as (
    select persons.name_key, institutions.institution_key
    from {{ ref('stg_extracted__persons') }} as persons
    inner join institutions using (content_hash, entity_id)
),

only_affiliation as (
    select name_key, min(institution_key) as institution_key
    from stated
    group by name_key
    having count(distinct institution_key) = 1
),

resolved as (
    select
        persons.*,
        coalesce(persons.stated_institution_key, only_affiliation.institution_key) as institution_key
    from persons
    left join only_affiliation using (name_key)
)

select
    {{ surrogate_key(['name_key', 'institution_key']) }} as person_key,
    *
from resolved
