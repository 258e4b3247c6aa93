-- Every institution, the most active first: encounters and agreements, then articles.
select
    institution_key,
    canonical_name,
    acronym,
    institution_type,
    city,
    article_count,
    event_count as events,
    agreement_count as agreements,
    event_count + agreement_count as activity
from marts.dim_institution
order by activity desc, article_count desc, canonical_name, institution_key
