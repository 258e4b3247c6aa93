with

source as (
    select * from {{ source('extracted', 'event_participants') }}
),

renamed as (
    select
        content_hash,
        event_id,
        entity_id,
        role as participant_role

    from source
)

select * from renamed
