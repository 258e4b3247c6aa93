{#- The most frequent non-null value of `column` per `key` in `relation`, ties
    broken alphabetically so rebuilds are deterministic. -#}
{% macro most_common(relation, key, column, where='true') -%}
    select {{ key }}, first({{ column }} order by n desc, length({{ column }}) desc, {{ column }}) as {{ column }}
    from (
        select {{ key }}, {{ column }}, count(*) as n
        from {{ relation }}
        where {{ column }} is not null and ({{ where }})
        group by all
    )
    group by {{ key }}
{%- endmacro %}
