{#- Turkish-aware search form of a text: lower case with İ→i and I→ı (DuckDB's
    lower() does both), then ı→i and the marks taken off (ş→s, ğ→g, ü→u, ö→o,
    ç→c, â→a), so "ISPARTA", "Isparta" and "ısparta" read alike; anything not a
    letter or digit becomes a space. One character for one: offsets carry over. -#}
{% macro fold_turkish(text) -%}
    regexp_replace(strip_accents(translate(lower({{ text }}), 'ı', 'i')), '[^a-z0-9]', ' ', 'g')
{%- endmacro %}

{#- The SQL interface of search, created beside dim_article_text (its post-hook)
    and copied into the published warehouse with the tables:
      select * from marts.search_articles('Ankara’da protokol');
    A query word matches the words of the title or text that begin with it
    ("protokol" finds protokolü, protokolün), so a stem finds its inflections; a
    case ending after an apostrophe ("Ankara’da") is dropped from the query. Every
    word must match; title matches rank first. -#}
{% macro search_macros() -%}
create or replace macro {{ this.schema }}.search_terms(query) as
    list_filter(
        string_split({{ fold_turkish("regexp_replace(query, '[''’‘`]\\p{L}+', '', 'g')") }}, ' '),
        lambda term: term <> ''
    );
create or replace macro {{ this.schema }}.search_articles(query) as table
    with

    matched as (
        select
            texts.article_key,
            texts.body_text,
            texts.search_body,
            list_sum(list_transform(query_terms.terms, lambda term:
                (length(texts.search_title) - length(replace(texts.search_title, ' ' || term, '')))
                // (length(term) + 1))) as title_hits,
            list_sum(list_transform(query_terms.terms, lambda term:
                (length(texts.search_body) - length(replace(texts.search_body, ' ' || term, '')))
                // (length(term) + 1))) as body_hits,
            list_min(list_filter(
                list_transform(query_terms.terms, lambda term: strpos(texts.search_body, ' ' || term)),
                lambda found: found > 0)) as first_hit
        from {{ this.schema }}.dim_article_text as texts,
            (select {{ this.schema }}.search_terms(query) as terms) as query_terms
        where len(query_terms.terms) > 0
            and list_bool_and(list_transform(query_terms.terms, lambda term:
                contains(texts.search_title, ' ' || term) or contains(texts.search_body, ' ' || term)))
    )

    select
        articles.article_key,
        articles.title,
        articles.published_date,
        articles.source_uri,
        matched.title_hits,
        matched.body_hits,
        -- about 200 characters of the text around the first match, from a word's start
        trim(regexp_replace(
            substring(matched.body_text, greatest(coalesce(matched.first_hit, 1) - 80, 1), 200),
            case when coalesce(matched.first_hit, 1) > 81 then '^\S*\s+' else '^$' end, ''
        )) as snippet
    from matched
    inner join {{ this.schema }}.dim_article as articles using (article_key)
    order by matched.title_hits desc, matched.body_hits desc, articles.published_date desc nulls last,
        articles.article_key
{%- endmacro %}
