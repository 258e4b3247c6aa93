with

source as (
    select * from {{ source('extracted', 'agreement_parties') }}
),

renamed as (
    select
        content_hash,
        agreement_id,
        entity_id

    from source
)

select * from renamed
