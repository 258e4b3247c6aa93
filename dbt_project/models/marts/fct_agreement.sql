with

articles as (
    select content_hash, article_key, published_date from {{ ref('int_articles') }}
),

agreements as (
    select * from {{ ref('stg_extracted__agreements') }}
),

parties as (
    select agreement_key, count(*) as party_count
    from {{ ref('int_agreement_parties') }}
    group by agreement_key
)

select
    {{ surrogate_key(['agreements.content_hash', 'agreements.agreement_id']) }} as agreement_key,
    articles.article_key,
    agreements.agreement_type,
    agreements.title,
    agreements.signed_date,
    strftime(coalesce(agreements.signed_date, articles.published_date), '%Y-%m') as agreement_month,
    coalesce(parties.party_count, 0) as party_count,
    case
        when agreements.event_id is not null
            then {{ surrogate_key(['agreements.content_hash', 'agreements.event_id']) }}
    end as event_key,
    agreements.evidence,
    agreements.sentence_index,
    agreements.char_start,
    agreements.char_end,
    agreements.extractor_version
from agreements
inner join articles using (content_hash)
left join parties
    on parties.agreement_key = {{ surrogate_key(['agreements.content_hash', 'agreements.agreement_id']) }}
