with

articles as (
    select content_hash, article_key from {{ ref('int_articles') }}
),

agreements as (
    select * from {{ ref('stg_extracted__agreements') }}
)

select
    {{ surrogate_key(['agreements.content_hash', 'agreements.agreement_id']) }} as agreement_key,
    articles.article_key,
    agreements.agreement_type,
    agreements.title,
    agreements.signed_date,
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
