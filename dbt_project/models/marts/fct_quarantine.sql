select
    {{ surrogate_key(['source_uri', 'stage', 'reason']) }} as quarantine_key,
    source_uri,
    stage,
    reason,
    size_bytes,
    content_hash,
    quarantined_at
from {{ ref('stg_lake__quarantine') }}
