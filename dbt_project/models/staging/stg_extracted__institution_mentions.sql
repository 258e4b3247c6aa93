with

source as (
    select * from {{ source('extracted', 'institution_mentions') }}
),

renamed as (
    select
        content_hash,
        entity_id,
        sentence_index,
        char_start,
        char_end

    from source
)

select * from renamed
