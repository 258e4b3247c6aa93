{#- A deterministic key from columns: the same input gives the same key on every
    run, so dashboards and saved queries survive a rebuild. -#}
{% macro surrogate_key(columns) -%}
    md5({% for c in columns %}coalesce(cast({{ c }} as varchar), '∅'){% if not loop.last %} || '|' || {% endif %}{% endfor %})
{%- endmacro %}
