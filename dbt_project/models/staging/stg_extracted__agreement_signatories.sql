with

source as (
    select * from {{ source('extracted', 'agreement_signatories') }}
),

renamed as (
    select
        content_hash,
        agreement_id,
        person_id

    from source
)

select * from renamed
