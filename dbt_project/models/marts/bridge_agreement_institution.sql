select
    agreement_key,
    institution_key
from {{ ref('int_agreement_parties') }}
