-- Entity resolution across articles: one row per institution per article, with
-- the key of the real-world institution it is.
--   * names are compared by a Turkish-aware key (case, suffixes, punctuation);
--   * an acronym used alone ("KSO’nun") takes the long form that some article in
--     the corpus gives it ("Kocaeli Sanayi Odası (KSO)"), when exactly one does;
--   * a name that another article gives as an alias of a longer one ("Yenidoğu
--     Üniversitesi" beside "Kırıkkale Yenidoğu Üniversitesi") takes that longer
--     name, when exactly one name has it as an alias.
with

articles as (
    select content_hash, article_key from {{ ref('int_articles') }}
),

entities as (
    select
        institutions.*,
        articles.article_key,
        institutions.acronym is not null and institutions.name = institutions.acronym as is_acronym_only
    from {{ ref('stg_extracted__institutions') }} as institutions
    inner join articles using (content_hash)
),

-- the few columns the meanings are read from: `entities`, used once, streams;
-- this, used twice, is held (and evidence for millions of rows would not fit)
names as (
    select institutions.name_key, institutions.acronym, institutions.alias_keys,
        institutions.acronym is not null and institutions.name = institutions.acronym as is_acronym_only
    from {{ ref('stg_extracted__institutions') }} as institutions
    semi join articles using (content_hash)
),

acronym_meanings as (
    select acronym, min(name_key) as long_name_key
    from names
    where acronym is not null and not is_acronym_only
    group by acronym
    having count(distinct name_key) = 1
),

aliases as (
    select unnest(alias_keys) as alias_key, name_key
    from names
),

alias_meanings as (
    select alias_key as name_key, min(aliases.name_key) as long_name_key
    from aliases
    where alias_key <> aliases.name_key
    group by alias_key
    having count(distinct aliases.name_key) = 1
),

resolved as (
    select
        entities.*,
        case
            when entities.is_acronym_only then coalesce(acronym_meanings.long_name_key, entities.name_key)
            else coalesce(alias_meanings.long_name_key, entities.name_key)
        end as resolved_key
    from entities
    left join acronym_meanings using (acronym)
    left join alias_meanings using (name_key)
)

select
    {{ surrogate_key(['resolved_key']) }} as institution_key,
    resolved_key,
    content_hash,
    entity_id,
    article_key,
    name,
    name_key,
    acronym,
    is_acronym_only,
    alias_keys,
    institution_type,
    city,
    found_by,
    mention_count,
    sentence_index,
    char_start,
    char_end,
    evidence,
    extractor_version
from resolved
