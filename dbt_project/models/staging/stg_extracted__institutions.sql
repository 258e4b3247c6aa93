with

source as (
    select * from {{ source('extracted', 'institutions') }}
),

renamed as (
    select
        ---------- ids
        content_hash,
        entity_id,

        ---------- strings
        name,
        name_key,
        acronym,
        alias_keys,
        institution_type,
        city,
        found_by,

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
