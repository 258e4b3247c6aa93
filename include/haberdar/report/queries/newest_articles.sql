-- The keys of the $limit newest articles (undated last).
select article_key
from marts.dim_article
order by published_date desc nulls last, article_key
limit $limit
