-- marts.search_articles for the Postgres endpoint (haberdar serve): the same
-- search as dbt_project/macros/search.sql, in Postgres' SQL. The texts' search
-- form (dim_article_text.search_title / search_body) is DuckDB's, copied with the
-- table; only the query is folded here. Created in the staging schema with the
-- tables ({schema} below) and swapped in with them: the bodies name marts.*,
-- which they reach once the swap has renamed the schema.

create function {schema}.search_terms(query text) returns text[]
language sql immutable parallel safe as $$
    select coalesce(array_agg(term), '{}')
    from regexp_split_to_table(
        trim(regexp_replace(
            lower(translate(regexp_replace(query, '[''’‘`][[:alpha:]]+', '', 'g'),
                            'İIıÖÜŞĞÇÂÎÛöüşğçâîû', 'iiioousgcaiuousgcaiu')),
            '[^a-z0-9]+', ' ', 'g')),
        ' ') as term
    where term <> ''
$$;

create function {schema}.search_articles(query text)
returns table (article_key text, title text, published_date date, source_uri text,
               title_hits bigint, body_hits bigint, snippet text)
language sql stable parallel safe as $$
    with

    terms as (
        select unnest(marts.search_terms(query)) as term
    ),

    scored as (
        select
            texts.article_key,
            sum((length(texts.search_title) - length(replace(texts.search_title, ' ' || term, '')))
                / (length(term) + 1)) as title_hits,
            sum((length(texts.search_body) - length(replace(texts.search_body, ' ' || term, '')))
                / (length(term) + 1)) as body_hits,
            min(nullif(strpos(texts.search_body, ' ' || term), 0)) as first_hit,
            count(*) filter (where strpos(texts.search_title, ' ' || term) > 0
                                or strpos(texts.search_body, ' ' || term) > 0) as matched
        from marts.dim_article_text as texts
        cross join terms
        group by texts.article_key
    )

    select
        articles.article_key,
        articles.title,
        articles.published_date,
        articles.source_uri,
        scored.title_hits,
        scored.body_hits,
        trim(regexp_replace(
            substr(texts.body_text, greatest(coalesce(scored.first_hit, 1) - 80, 1), 200),
            case when coalesce(scored.first_hit, 1) > 81 then '^\S*\s+' else '^$' end, ''
        )) as snippet
    from scored
    inner join marts.dim_article as articles on articles.article_key = scored.article_key
    inner join marts.dim_article_text as texts on texts.article_key = scored.article_key
    where scored.matched = (select count(*) from terms)
    order by scored.title_hits desc, scored.body_hits desc, articles.published_date desc nulls last,
        articles.article_key
$$;
