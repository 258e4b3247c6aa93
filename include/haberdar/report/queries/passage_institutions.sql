-- The institution mentions inside each of `passages` (a text of an article,
-- starting at `char_start` of it), counted from the passage's start.
select
    passages.passage,
    mentions.char_start - passages.char_start as "start",
    mentions.char_end - passages.char_start as "end",
    mentions.institution_key
from passages
inner join marts.fct_institution_mention as mentions
    on mentions.article_key = passages.article_key
    and mentions.char_start >= passages.char_start
    and mentions.char_end <= passages.char_start + length(passages.text)
order by all
