with

source as (
    select * from {{ source('extracted', 'agreements') }}
),

renamed as (
    select
        ---------- ids
        content_hash,
        agreement_id,
        event_id,

        ---------- strings
        agreement_type,
        title,

        ---------- dates
        signed_date,

        ---------- provenance
        sentence_index,
        char_start,
        char_end,
        evidence,
        extractor_version

    from source
)

select * from renamed
