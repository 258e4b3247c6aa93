-- Per institution, the $rows newest articles that mention it (undated last);
-- `total` counts them all.
select
    mentions.institution_key,
    articles.article_key,
    articles.title,
    articles.published_date,
    articles.source_uri,
    mentions.mention_count,
    count(*) over (partition by mentions.institution_key) as total
from marts.bridge_article_institution as mentions
inner join marts.dim_article as articles using (article_key)
qualify row_number() over (
    partition by mentions.institution_key order by articles.published_date desc nulls last, articles.article_key
) <= $rows
order by mentions.institution_key, articles.published_date desc nulls last, articles.article_key
