select
    (select count(*) from marts.dim_article) as articles,
    (select count(*) from marts.dim_institution) as institutions,
    (select count(*) from marts.fct_event) as events,
    (select count(*) from marts.fct_agreement) as agreements,
    (select count(*) from marts.dim_person) as persons
