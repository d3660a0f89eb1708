{{ config(materialized='incremental', incremental_strategy='insert_overwrite', partition_by=['order_date']) }}
select count(*) as orders, sum(amount) as amount, order_date from {{ ref('stg_orders') }}
{% if is_incremental() %} where order_date >= '2024-01-02' {% endif %}
group by order_date
