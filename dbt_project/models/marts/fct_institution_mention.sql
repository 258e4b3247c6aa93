-- Every place an article names an institution, with the character offsets of the
-- name in the article's text (dim_article_text.body_text): what the report
-- highlights, and what an analyst reads to check a resolution.
select
    {{ surrogate_key(['resolved.article_key', 'mentions.char_start']) }} as mention_key,
    resolved.article_key,
    resolved.institution_key,
    mentions.sentence_index,
    mentions.char_start,
    mentions.char_end
from {{ ref('stg_extracted__institution_mentions') }} as mentions
inner join {{ ref('int_institution_mentions_resolved') }} as resolved
    using (content_hash, entity_id)
