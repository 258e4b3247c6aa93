{#- Use the folder's schema name as is (marts, staging, …): analysts and the
    scorer read `marts.dim_article`, not `main_marts.dim_article`. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {{ custom_schema_name if custom_schema_name else target.schema }}
{%- endmacro %}
