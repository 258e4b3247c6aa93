-- What each institution did each month: the grain of a dashboard's activity chart.
select
    institution_key,
    month,
    count(*) filter (where kind = 'event') as encounter_count,
    count(*) filter (where kind = 'agreement') as agreement_count
from {{ ref('fct_participation') }}
group by all
