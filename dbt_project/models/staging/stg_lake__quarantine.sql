with

source as (
    select * from {{ source('lake', 'quarantine') }}
),

renamed as (
    select
        ---------- ids
        content_hash,

        ---------- strings
        source_uri,
        stage,
        reason,

        ---------- numerics
        size_bytes,

        ---------- dates
        quarantined_at,
        ingest_date

    from source
)

select * from renamed
