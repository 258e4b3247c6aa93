with

source as (
    select * from {{ source('extracted', 'persons') }}
),

renamed as (
    select
        ---------- ids
        content_hash,
        person_id,
        entity_id,

        ---------- strings
        full_name,
        name_key,
        title,

        ---------- numerics
        mention_count,

        ---------- provenance
        sentence_index,
        char_start,
        char_end,
        evidence,
        extractor_version

    from source
)

select * from renamed
