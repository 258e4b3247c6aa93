-- The events read from the articles in `paged`.
select article_key, event_type, event_date, city
from marts.fct_event
semi join paged using (article_key)
order by article_key, event_key
