-- The text of each published article, for full-text search (marts.search_articles)
-- and the report's article pages. A table of its own, so that a BI tool browsing
-- dim_article does not pull every text. The folded columns are the Turkish-aware
-- search form (see macros/search.sql): one character for one, so a position found
-- in them is the same position in the text.
{{ config(post_hook="{{ search_macros() }}") }}
-- depends_on: {{ ref('dim_article') }} (the search macro reads it)

with

articles as (
    select article_key, content_hash from {{ ref('int_articles') }}
),

texts as (
    select distinct on (content_hash) content_hash, title, body_text
    from {{ ref('stg_lake__articles') }}
    order by content_hash, ingested_at desc
)

select
    articles.article_key,
    texts.title,
    texts.body_text,
    ' ' || {{ fold_turkish("coalesce(texts.title, '')") }} || ' ' as search_title,
    ' ' || {{ fold_turkish("coalesce(texts.body_text, '')") }} || ' ' as search_body
from articles
inner join texts using (content_hash)
