-- Typical analyst queries, timed by bench/run.py on the published warehouse and
-- run by bench/serve_load.py through the Postgres endpoint: SQL that DuckDB and
-- Postgres both take. Each query starts with a "-- name:" line.

-- name: top institutions by events per month
select month, canonical_name, events
from (
    select date_trunc('month', e.event_date) as month, i.canonical_name, count(*) as events,
           row_number() over (partition by date_trunc('month', e.event_date)
                              order by count(*) desc, i.canonical_name) as place
    from marts.fct_event e
    join marts.bridge_event_institution using (event_key)
    join marts.dim_institution i using (institution_key)
    where e.event_date is not null
    group by 1, 2
) ranked
where place <= 10
order by month, events desc;

-- name: top institutions by encounters per month, from fct_institution_month
select month, canonical_name, encounter_count
from (
    select m.month, i.canonical_name, m.encounter_count,
           row_number() over (partition by m.month order by m.encounter_count desc, i.canonical_name) as place
    from marts.fct_institution_month m
    join marts.dim_institution i using (institution_key)
    where m.month is not null and m.encounter_count > 0
) ranked
where place <= 10
order by month, encounter_count desc;

-- name: agreements between institutions of two cities
select f.agreement_key, f.title, f.agreement_type, f.signed_date, a.canonical_name, b.canonical_name
from marts.fct_agreement f
join marts.bridge_agreement_institution x using (agreement_key)
join marts.bridge_agreement_institution y on y.agreement_key = f.agreement_key and y.institution_key <> x.institution_key
join marts.dim_institution a on a.institution_key = x.institution_key
join marts.dim_institution b on b.institution_key = y.institution_key
where a.city = 'Konya' and b.city = 'Kayseri'
order by f.signed_date nulls last;

-- name: who met whom, for one institution
select e.event_date, e.event_type, e.city, other.canonical_name
from marts.dim_institution me
join marts.bridge_event_institution x on x.institution_key = me.institution_key
join marts.bridge_event_institution y on y.event_key = x.event_key and y.institution_key <> x.institution_key
join marts.fct_event e on e.event_key = x.event_key
join marts.dim_institution other on other.institution_key = y.institution_key
where me.canonical_name = (select canonical_name from marts.dim_institution order by institution_key limit 1)
order by e.event_date desc nulls last;

-- name: most active cities per month
select date_trunc('month', event_date) as month, city, count(*) as events
from marts.fct_event
where city is not null
group by 1, 2
order by month, events desc;
