{{ config(materialized='view') }}
select id, customer, cast(amount as double) as amount, cast(order_date as date) as order_date from {{ ref('raw_orders') }}
