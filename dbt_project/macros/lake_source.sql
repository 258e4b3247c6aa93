{#- The Parquet files of one lake table, partitioned by ingest date. -#}
{% macro lake_path(table) -%}
    {{ env_var('HABERDAR_LAKE_DIR') }}/{{ table }}/*/*.parquet
{%- endmacro %}
