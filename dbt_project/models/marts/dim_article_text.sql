-- The text of each published article, for full-text search (marts.search_articles)
-- and the report's article pages. A table of its own, so that a BI tool browsing
-- dim_article does not pull every text. The folded columns are the Turkish-aware
-- search form (see macros/search.sql): one character for one, so a position found
-- in them is the same position in the text.
--
-- Incremental: folding every text is most of a build's time, and an article_key is
-- its text's hash, so a row once written stays right. A run adds the articles it
-- has not got (or whose title changed) and deletes those no longer published (a
-- correction's older version, a deleted part); --full-refresh writes it anew.
{{ config(
    materialized="incremental",
    unique_key="article_key",
    incremental_strategy="delete+insert",
    on_schema_change="fail",
    post_hook=[
        "{{ search_macros() }}",
        "delete from {{ this }} where article_key not in (select article_key from {{ ref('int_articles') }})",
    ],
) }}
-- depends_on: {{ ref('dim_article') }} (the search macro reads it)

with

articles as (
    select article_key, content_hash, ingested_at from {{ ref('int_articles') }}
),

wanted as (
    -- the landed row int_articles chose, found by its keys: the texts stream
    -- through a join, never sorted or held
    select articles.article_key, texts.title, texts.body_text
    from {{ ref('stg_lake__articles') }} as texts
    inner join articles using (content_hash, ingested_at)
    {% if is_incremental() -%}
    where not exists (
        select 1 from {{ this }} as written
        where written.article_key = articles.article_key and written.title is not distinct from texts.title
    )
    {%- endif %}
)

select
    article_key,
    title,
    body_text,
    ' ' || {{ fold_turkish("coalesce(title, '')") }} || ' ' as search_title,
    ' ' || {{ fold_turkish("coalesce(body_text, '')") }} || ' ' as search_body
from wanted
