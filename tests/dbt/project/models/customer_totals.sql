{{ config(materialized='table', partition_by=['customer']) }}
select sum(amount) as total, count(*) as n, customer from {{ ref('stg_orders') }} group by customer
