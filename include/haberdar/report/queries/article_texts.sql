-- The articles in `paged`, with their texts and what the page says of them.
select
    articles.article_key,
    articles.title,
    articles.published_date,
    articles.source_uri,
    texts.body_text,
    texts.search_title,
    texts.search_body
from marts.dim_article_text as texts
inner join marts.dim_article as articles using (article_key)
semi join paged using (article_key)
order by articles.article_key
