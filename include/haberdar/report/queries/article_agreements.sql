-- The agreements read from the articles in `paged`.
select article_key, agreement_type, title
from marts.fct_agreement
semi join paged using (article_key)
order by article_key, agreement_key
