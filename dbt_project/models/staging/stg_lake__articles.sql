with

source as (
    select * from {{ source('lake', 'articles') }}
),

renamed as (
    select
        ---------- ids
        content_hash,

        ---------- strings
        source_uri,
        format as source_format,
        title,
        outlet,
        text as body_text,

        ---------- numerics
        size_bytes,

        ---------- dates
        published_date,
        ingested_at,
        ingest_date

    from source
)

select * from renamed
