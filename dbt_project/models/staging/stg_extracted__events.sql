with

source as (
    select * from {{ source('extracted', 'events') }}
),

renamed as (
    select
        ---------- ids
        content_hash,
        event_id,

        ---------- strings
        event_type,
        city,

        ---------- dates
        event_date,

        ---------- provenance
        sentence_index,
        char_start,
        char_end,
        evidence,
        extractor_version

    from source
)

select * from renamed
